package city.iam.testing;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.UUID;

/** RFC 9449 DPoP proofs from a fresh P-256 key, signed with the JDK alone so every test module can use them. */
public final class DpopProof {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private final KeyPair key;

    public DpopProof() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            key = g.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A proof for one request; {@code accessToken} adds the {@code ath} claim, for calls that present the token. */
    public String proof(String method, String url, String accessToken) {
        try {
            ECPublicKey pub = (ECPublicKey) key.getPublic();
            String jwk = "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + coord(pub.getW().getAffineX()) + "\",\"y\":\"" + coord(pub.getW().getAffineY()) + "\"}";
            String header = "{\"typ\":\"dpop+jwt\",\"alg\":\"ES256\",\"jwk\":" + jwk + "}";
            StringBuilder payload = new StringBuilder("{\"jti\":\"" + UUID.randomUUID() + "\",\"htm\":\"" + method + "\",\"htu\":\"" + url
                    + "\",\"iat\":" + (System.currentTimeMillis() / 1000));
            if (accessToken != null) {
                payload.append(",\"ath\":\"").append(B64.encodeToString(MessageDigest.getInstance("SHA-256")
                        .digest(accessToken.getBytes(StandardCharsets.US_ASCII)))).append('"');
            }
            payload.append('}');
            String input = B64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "." + B64.encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8));
            Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
            s.initSign(key.getPrivate());
            s.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + B64.encodeToString(s.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String coord(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[32];
        int n = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - n, out, 32 - n, n);
        return B64.encodeToString(out);
    }
}
