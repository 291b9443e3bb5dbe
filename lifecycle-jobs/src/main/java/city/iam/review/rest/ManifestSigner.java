package city.iam.review.rest;

import org.keycloak.crypto.Algorithm;
import org.keycloak.crypto.SignatureProvider;
import org.keycloak.jose.jws.JWSBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Signs an evidence pack's manifest as a compact JWS with the realm's active signing key (the realm's default
 * signature algorithm, as its tokens use): an auditor checks it offline against the realm's published JWKS,
 * so a pack whose files and manifest were both rewritten no longer verifies.
 */
final class ManifestSigner {

    private final KeycloakSession session;
    private final RealmModel realm;

    ManifestSigner(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    String sign(byte[] manifest) {
        String alg = realm.getDefaultSignatureAlgorithm() == null ? Algorithm.RS256 : realm.getDefaultSignatureAlgorithm();
        return new JWSBuilder().type("city-iam-evidence-manifest+json").content(manifest)
                .sign(session.getProvider(SignatureProvider.class, alg).signer());
    }
}
