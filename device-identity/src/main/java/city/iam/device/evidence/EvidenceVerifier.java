package city.iam.device.evidence;

import city.iam.device.pki.ChainValidator;
import city.iam.kernel.error.CityIamException;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.X509CertUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Verifies attestation evidence: an EAT-style JWT whose {@code x5c} chains to a pinned anchor and whose
 * signature verifies with the first certificate of that chain. Only asymmetric algorithms are accepted;
 * {@code none} and HMAC are refused before anything else is read. Freshness (nonce) and appraisal against
 * a group's policy happen after this, with the facts it returns.
 */
public final class EvidenceVerifier {

    public static final int MAX_EVIDENCE_CHARS = 32 * 1024;
    static final Set<JWSAlgorithm> ALLOWED = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.PS256,
            JWSAlgorithm.PS384, JWSAlgorithm.RS256);
    private static final Duration MAX_AGE = Duration.ofMinutes(5);
    private static final Duration SKEW = Duration.ofSeconds(60);

    private EvidenceVerifier() {
    }

    public static Evidence verify(String jwt, Collection<X509Certificate> anchors, Instant now) {
        if (jwt == null || jwt.isBlank()) {
            throw CityIamException.badRequest("invalid_evidence", "Attestation evidence (an EAT JWT) is required.");
        }
        if (jwt.length() > MAX_EVIDENCE_CHARS) {
            throw new CityIamException(413, "request_too_large", "Evidence is limited to " + MAX_EVIDENCE_CHARS + " characters.");
        }
        SignedJWT signed;
        try {
            signed = SignedJWT.parse(jwt.trim());
        } catch (ParseException | IllegalArgumentException e) {
            throw CityIamException.badRequest("invalid_evidence", "The evidence is not a signed JWT (JWS compact serialisation).");
        }
        JWSHeader header = signed.getHeader();
        if (!ALLOWED.contains(header.getAlgorithm())) {
            throw CityIamException.badRequest("invalid_evidence_alg",
                    "Evidence must be signed with one of " + ALLOWED + "; " + header.getAlgorithm() + " is refused.");
        }
        List<X509Certificate> chain = chain(header);
        X509Certificate anchor = ChainValidator.validate(chain, anchors, Date.from(now));
        X509Certificate signer = chain.get(0);
        try {
            JWSVerifier verifier = new DefaultJWSVerifierFactory().createJWSVerifier(header, signer.getPublicKey());
            if (!signed.verify(verifier)) {
                throw new CityIamException(401, "invalid_evidence_signature", "The evidence signature does not verify with its x5c certificate.");
            }
        } catch (JOSEException e) {
            throw new CityIamException(401, "invalid_evidence_signature", "The evidence signature could not be verified: " + e.getMessage());
        }
        JWTClaimsSet claims;
        try {
            claims = signed.getJWTClaimsSet();
        } catch (ParseException e) {
            throw CityIamException.badRequest("invalid_evidence", "The evidence claims are not a JSON object.");
        }
        Instant iat = claims.getIssueTime() == null ? null : claims.getIssueTime().toInstant();
        if (iat == null || iat.isAfter(now.plus(SKEW)) || iat.isBefore(now.minus(MAX_AGE))) {
            throw CityIamException.badRequest("stale_evidence", "Evidence must carry an iat within the last " + MAX_AGE.toMinutes() + " minutes.");
        }
        if (claims.getExpirationTime() != null && claims.getExpirationTime().toInstant().isBefore(now.minus(SKEW))) {
            throw CityIamException.badRequest("stale_evidence", "The evidence has expired.");
        }
        return new Evidence(signer, anchor, firstString(claims.getClaim("eat_nonce")), firstString(claims.getClaim("ueid")),
                firstString(claims.getClaim("swversion")), secureBoot(claims.getClaim("secboot")),
                Evidence.DebugState.of(claims.getClaim("dbgstat")), confirmationKey(claims), iat);
    }

    private static List<X509Certificate> chain(JWSHeader header) {
        List<Base64> x5c = header.getX509CertChain();
        if (x5c == null || x5c.isEmpty()) {
            throw CityIamException.badRequest("invalid_evidence", "The evidence header must carry the signer's chain in x5c.");
        }
        List<X509Certificate> chain = new ArrayList<>();
        for (Base64 b : x5c) {
            X509Certificate cert = X509CertUtils.parse(b.decode());
            if (cert == null) {
                throw CityIamException.badRequest("invalid_evidence", "An x5c entry is not an X.509 certificate.");
            }
            chain.add(cert);
        }
        return chain;
    }

    private static java.security.PublicKey confirmationKey(JWTClaimsSet claims) {
        Object cnf = claims.getClaim("cnf");
        if (!(cnf instanceof Map<?, ?> map) || !(map.get("jwk") instanceof Map<?, ?> jwk)) {
            throw CityIamException.badRequest("invalid_evidence", "The evidence must name the device key in cnf.jwk.");
        }
        try {
            @SuppressWarnings("unchecked")
            JWK key = JWK.parse((Map<String, Object>) jwk);
            if (key.isPrivate()) {
                throw CityIamException.badRequest("invalid_evidence", "cnf.jwk must be a public key.");
            }
            return switch (key.getKeyType().getValue()) {
                case "EC" -> key.toECKey().toPublicKey();
                case "RSA" -> key.toRSAKey().toPublicKey();
                default -> throw CityIamException.badRequest("invalid_evidence", "cnf.jwk must be an EC or RSA key.");
            };
        } catch (ParseException | JOSEException e) {
            throw CityIamException.badRequest("invalid_evidence", "cnf.jwk is not a valid JWK.");
        }
    }

    private static String firstString(Object value) {
        if (value instanceof List<?> list) {
            return list.isEmpty() ? null : firstString(list.get(0));
        }
        return value == null ? null : value.toString();
    }

    private static Boolean secureBoot(Object value) {
        return value instanceof Boolean b ? b : null;
    }
}
