package city.iam.device.pki;

import city.iam.kernel.error.CityIamException;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

import java.security.cert.X509Certificate;

/** The manufacturer serial an IEEE 802.1AR IDevID carries in its subject {@code serialNumber} attribute. */
public final class DeviceSerial {

    public static final int MAX_LENGTH = 64;

    private DeviceSerial() {
    }

    public static String of(X509Certificate idevid) {
        X500Name subject = X500Name.getInstance(idevid.getSubjectX500Principal().getEncoded());
        RDN[] rdns = subject.getRDNs(BCStyle.SERIALNUMBER);
        if (rdns.length == 0) {
            throw CityIamException.badRequest("no_device_serial", "The IDevID subject has no serialNumber attribute.");
        }
        String serial = IETFUtils.valueToString(rdns[0].getFirst().getValue());
        if (serial.isBlank() || serial.length() > MAX_LENGTH) {
            throw CityIamException.badRequest("no_device_serial", "The IDevID serialNumber is empty or longer than " + MAX_LENGTH + " characters.");
        }
        return serial;
    }
}
