package city.iam.kernel.tls;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AddressRangesTest {

    @Test
    void matchesIpv4AndIpv6RangesAndSingleAddresses() {
        AddressRanges r = AddressRanges.parse("10.1.0.0/16, 127.0.0.2 2001:db8::/32,192.168.7.128/25");
        assertTrue(r.contains("10.1.200.3"));
        assertFalse(r.contains("10.2.0.1"));
        assertTrue(r.contains("127.0.0.2"));
        assertFalse(r.contains("127.0.0.1"));
        assertTrue(r.contains("2001:db8:1::5"));
        assertTrue(r.contains("[2001:db8::1]"));
        assertFalse(r.contains("2001:db9::1"));
        assertTrue(r.contains("192.168.7.200"));
        assertFalse(r.contains("192.168.7.100"));
    }

    @Test
    void neverTrustsWhatItCannotRead() {
        AddressRanges r = AddressRanges.parse("0.0.0.0/0");
        assertTrue(r.contains("8.8.8.8"));
        assertFalse(r.contains("::1"), "an IPv4 range says nothing of IPv6");
        assertFalse(r.contains("proxy.example"));
        assertFalse(r.contains(null));
        assertFalse(AddressRanges.none().contains("127.0.0.1"));
    }

    @Test
    void refusesHostNamesAndBadPrefixes() {
        assertThrows(IllegalArgumentException.class, () -> AddressRanges.parse("proxy.example"));
        assertThrows(IllegalArgumentException.class, () -> AddressRanges.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> AddressRanges.parse("10.0.0.0/x"));
        assertThrows(IllegalArgumentException.class, () -> AddressRanges.parse("::/129"));
    }
}
