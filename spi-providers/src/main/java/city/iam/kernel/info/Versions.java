package city.iam.kernel.info;

import java.util.Map;

/** The suite's version as the admin console's server info shows it for each of our factories. */
public final class Versions {

    private Versions() {
    }

    public static String suite() {
        String v = Versions.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    public static Map<String, String> info() {
        return Map.of("city-iam-version", suite());
    }
}
