package city.iam.device.group;

import java.util.Arrays;

/** Dotted numeric versions (2.10.1 > 2.9.9), as firmware reports them in {@code swversion}. */
public record FirmwareVersion(int[] parts) implements Comparable<FirmwareVersion> {

    /** The version, or null when the text is not a dotted number (a leading 'v' is allowed). */
    public static FirmwareVersion parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        if (t.startsWith("v") || t.startsWith("V")) {
            t = t.substring(1);
        }
        if (!t.matches("\\d{1,9}(\\.\\d{1,9}){0,5}")) {
            return null;
        }
        return new FirmwareVersion(Arrays.stream(t.split("\\.")).mapToInt(Integer::parseInt).toArray());
    }

    @Override
    public int compareTo(FirmwareVersion o) {
        for (int i = 0; i < Math.max(parts.length, o.parts.length); i++) {
            int a = i < parts.length ? parts[i] : 0;
            int b = i < o.parts.length ? o.parts[i] : 0;
            if (a != b) {
                return Integer.compare(a, b);
            }
        }
        return 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FirmwareVersion v && compareTo(v) == 0;
    }

    @Override
    public int hashCode() {
        int end = parts.length;
        while (end > 0 && parts[end - 1] == 0) {
            end--;
        }
        return Arrays.hashCode(Arrays.copyOf(parts, end));
    }
}
