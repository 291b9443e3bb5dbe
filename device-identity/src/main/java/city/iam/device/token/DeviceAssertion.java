package city.iam.device.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.security.PublicKey;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;

/**
 * {@code private_key_jwt} for devices behind a TLS terminator (RFC 7523): an assertion signed with the key
 * the device attested at enrolment. {@code iss} and {@code sub} are the fleet client, the {@code kid} header
 * names the device, {@code aud} is the realm or its token endpoint, and it lives at most a minute.
 */
public final class DeviceAssertion {

    static final Set<JWSAlgorithm> ALLOWED = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.PS256, JWSAlgorithm.RS256);
    static final Duration MAX_LIFETIME = Duration.ofSeconds(60);
    static final Duration SKEW = Duration.ofSeconds(10);

    private DeviceAssertion() {
    }

    /** The parts of an assertion read before its key is known. */
    public record Parsed(SignedJWT jwt, String deviceId) {
    }

    public record Verified(String jti, Instant expiresAt) {
    }

    public static Parsed parse(String assertion) {
        if (assertion == null || assertion.length() > 8192) {
            throw new IllegalArgumentException("The client assertion is missing or too long.");
        }
        try {
            SignedJWT jwt = SignedJWT.parse(assertion);
            if (!ALLOWED.contains(jwt.getHeader().getAlgorithm())) {
                throw new IllegalArgumentException("The client assertion must be signed with " + ALLOWED + ".");
            }
            String kid = jwt.getHeader().getKeyID();
            if (kid == null || kid.isBlank()) {
                throw new IllegalArgumentException("The client assertion must name the device in its kid header.");
            }
            return new Parsed(jwt, kid);
        } catch (ParseException e) {
            throw new IllegalArgumentException("The client assertion is not a signed JWT.");
        }
    }

    public static Verified verify(Parsed parsed, PublicKey deviceKey, String clientId, Collection<String> audiences, Instant now) {
        try {
            if (parsed.jwt().getState() != JWSObject.State.SIGNED
                    || !parsed.jwt().verify(new DefaultJWSVerifierFactory().createJWSVerifier(parsed.jwt().getHeader(), deviceKey))) {
                throw new IllegalArgumentException("The client assertion is not signed with the device's attested key.");
            }
            JWTClaimsSet claims = parsed.jwt().getJWTClaimsSet();
            if (!clientId.equals(claims.getIssuer()) || !clientId.equals(claims.getSubject())) {
                throw new IllegalArgumentException("iss and sub of the client assertion must be " + clientId + ".");
            }
            if (claims.getAudience() == null || claims.getAudience().stream().noneMatch(audiences::contains)) {
                throw new IllegalArgumentException("The client assertion is not addressed to this realm.");
            }
            if (claims.getJWTID() == null || claims.getExpirationTime() == null) {
                throw new IllegalArgumentException("The client assertion needs jti and exp.");
            }
            Instant exp = claims.getExpirationTime().toInstant();
            Instant iat = claims.getIssueTime() == null ? exp.minus(MAX_LIFETIME) : claims.getIssueTime().toInstant();
            if (exp.isBefore(now.minus(SKEW)) || exp.isAfter(now.plus(MAX_LIFETIME).plus(SKEW)) || iat.isAfter(now.plus(SKEW))) {
                throw new IllegalArgumentException("The client assertion is expired or lives longer than " + MAX_LIFETIME.toSeconds() + " s.");
            }
            return new Verified(claims.getJWTID(), exp);
        } catch (JOSEException | ParseException e) {
            throw new IllegalArgumentException("The client assertion could not be verified.");
        }
    }

    /** The {@code jwk} of a DPoP proof header, read only to compare keys; Keycloak validates the proof itself. */
    public static JWK dpopKey(String proof) {
        try {
            JWK jwk = JWSObject.parse(proof).getHeader().getJWK();
            if (jwk == null) {
                throw new IllegalArgumentException("The DPoP proof carries no jwk.");
            }
            return jwk;
        } catch (ParseException e) {
            throw new IllegalArgumentException("The DPoP proof is not a JWS.");
        }
    }
}
