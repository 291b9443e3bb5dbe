package city.iam.device.evidence;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * What a verified EAT (RFC 9711) says about a device. {@code signer} is the certificate whose key signed the
 * evidence (the IDevID), already validated to the pinned {@code anchor}.
 */
public record Evidence(X509Certificate signer, X509Certificate anchor, String nonce, String ueid, String swVersion, Boolean secureBoot,
                       DebugState debug, PublicKey confirmationKey, Instant issuedAt) {

    /** RFC 9711 {@code dbgstat}. */
    public enum DebugState {
        ENABLED, DISABLED, DISABLED_SINCE_BOOT, DISABLED_PERMANENTLY, DISABLED_FULLY_AND_PERMANENTLY;

        public boolean isDisabled() {
            return this != ENABLED;
        }

        static DebugState of(Object value) {
            if (value instanceof Number n && n.intValue() >= 0 && n.intValue() < values().length) {
                return values()[n.intValue()];
            }
            if (value instanceof String s) {
                String norm = s.trim().toUpperCase().replace('-', '_');
                for (DebugState d : values()) {
                    if (d.name().equals(norm)) {
                        return d;
                    }
                }
            }
            return null;
        }
    }
}
