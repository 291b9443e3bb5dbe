package city.iam.device.pki;

import city.iam.kernel.error.CityIamException;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;

/** Which device keys the city CA certifies: EC P-256 / P-384, or RSA of at least 3072 bits. */
public final class KeyPolicy {

    public static final int MIN_RSA_BITS = 3072;

    private KeyPolicy() {
    }

    public static String describe(PublicKey key) {
        if (key instanceof ECPublicKey ec) {
            return "EC P-" + ec.getParams().getCurve().getField().getFieldSize();
        }
        if (key instanceof RSAPublicKey rsa) {
            return "RSA " + rsa.getModulus().bitLength();
        }
        return key.getAlgorithm();
    }

    public static boolean isWeak(PublicKey key) {
        if (key instanceof ECPublicKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            return bits != 256 && bits != 384;
        }
        if (key instanceof RSAPublicKey rsa) {
            return rsa.getModulus().bitLength() < MIN_RSA_BITS;
        }
        return true;
    }

    public static void require(PublicKey key) {
        if (isWeak(key)) {
            throw CityIamException.badRequest("key_not_allowed",
                    "Device keys must be EC P-256, EC P-384 or RSA of at least " + MIN_RSA_BITS + " bits; got " + describe(key) + ".");
        }
    }
}
