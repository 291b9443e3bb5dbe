package city.iam.device.ca;

import org.keycloak.crypto.KeyWrapper;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;

/** The realm's Keycloak keys a device CA may sign with, found by key id (kid); null when there is none. */
@FunctionalInterface
public interface CaKeys {

    KeyPair keyPair(String keyId);

    /**
     * Enabled keys of the realm, active or passive (a CA key should be passive so it never signs tokens);
     * Keycloak still lists a disabled key, marked so, and that one must not sign.
     */
    static CaKeys of(KeycloakSession session, RealmModel realm) {
        return keyId -> session.keys().getKeysStream(realm)
                .filter(k -> keyId.equals(k.getKid()) && k.getStatus() != null && k.getStatus().isEnabled())
                .filter(k -> k.getPrivateKey() instanceof PrivateKey && k.getPublicKey() instanceof PublicKey)
                .findFirst()
                .map(CaKeys::pair)
                .orElse(null);
    }

    private static KeyPair pair(KeyWrapper k) {
        return new KeyPair((PublicKey) k.getPublicKey(), (PrivateKey) k.getPrivateKey());
    }
}
