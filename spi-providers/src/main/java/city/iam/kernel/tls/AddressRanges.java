package city.iam.kernel.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * A list of IPv4/IPv6 address ranges in CIDR notation ({@code 10.0.0.0/8}, {@code 2001:db8::/32}) or single
 * addresses. Only literals are accepted: a host name would make trust depend on DNS at request time.
 */
public final class AddressRanges {

    private record Range(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Range> ranges;

    private AddressRanges(List<Range> ranges) {
        this.ranges = ranges;
    }

    public static AddressRanges none() {
        return new AddressRanges(List.of());
    }

    /** Comma- or space-separated ranges; refuses anything that is not an address literal. */
    public static AddressRanges parse(String spec) {
        List<Range> ranges = new ArrayList<>();
        if (spec != null) {
            for (String item : spec.split("[,\\s]+")) {
                if (!item.isBlank()) {
                    ranges.add(range(item.trim()));
                }
            }
        }
        return new AddressRanges(List.copyOf(ranges));
    }

    private static Range range(String item) {
        int slash = item.indexOf('/');
        byte[] network = literal(slash < 0 ? item : item.substring(0, slash));
        int max = network.length * 8;
        int prefix = max;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(item.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Bad prefix length in address range '" + item + "'");
            }
        }
        if (prefix < 0 || prefix > max) {
            throw new IllegalArgumentException("Prefix length out of range in '" + item + "'");
        }
        return new Range(network, prefix);
    }

    private static byte[] literal(String text) {
        boolean looksLiteral = text.contains(":") || text.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        if (!looksLiteral) {
            throw new IllegalArgumentException("Not an IP address literal: '" + text + "'");
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Not an IP address literal: '" + text + "'");
        }
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** False for anything unparseable, so a garbled address is never trusted. */
    public boolean contains(String address) {
        if (address == null || ranges.isEmpty()) {
            return false;
        }
        byte[] bytes;
        try {
            bytes = literal(address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address);
        } catch (IllegalArgumentException e) {
            return false;
        }
        for (Range r : ranges) {
            if (r.contains(bytes)) {
                return true;
            }
        }
        return false;
    }
}
