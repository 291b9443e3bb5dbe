package city.iam.kernel.tls;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientCertHeadersTest {

    @Test
    void anythingMalformedYieldsNoCertificate() {
        assertTrue(ClientCertHeaders.parse(null, null, 3).isEmpty());
        assertTrue(ClientCertHeaders.parse("", null, 3).isEmpty());
        assertTrue(ClientCertHeaders.parse("MIIB", null, 3).isEmpty(), "not a byte sequence");
        assertTrue(ClientCertHeaders.parse(":not base64!:", null, 3).isEmpty());
        assertTrue(ClientCertHeaders.parse(":AAAA:", null, 3).isEmpty(), "base64 but not DER");
        assertTrue(ClientCertHeaders.parse(":" + "A".repeat(ClientCertHeaders.MAX_HEADER_CHARS) + ":", null, 3).isEmpty(), "oversized");
        assertTrue(ClientCertHeaders.parse(":AAAA:", ":a:,:b:,:c:,:d:", 3).isEmpty(), "chain longer than allowed");
    }
}
