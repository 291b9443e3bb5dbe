package city.iam.dataset.policy;

import city.iam.kernel.error.CityIamException;

import java.util.Collection;
import java.util.regex.Pattern;

/**
 * A purpose of use as a hierarchical code, segments separated by dots ({@code planning},
 * {@code planning.energy}). Allowing a purpose allows its narrower purposes, never the broader one, as in
 * the XACML privacy profile's matching-purpose rule.
 */
public record Purpose(String code) {

    private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}(\\.[a-z0-9][a-z0-9-]{0,39}){0,5}");

    public static Purpose parse(String code) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw CityIamException.badRequest("invalid_purpose", "Purpose '" + code
                    + "' is not a purpose code: lower-case words of letters, digits and hyphens, separated by dots (e.g. planning.energy).");
        }
        return new Purpose(code);
    }

    /** True when this allowed purpose covers the requested one: the same code or a narrower one below it. */
    public boolean covers(Purpose requested) {
        String r = requested.code;
        return r.equals(code) || (r.length() > code.length() && r.startsWith(code) && r.charAt(code.length()) == '.');
    }

    public static boolean anyCovers(Collection<Purpose> allowed, Purpose requested) {
        for (Purpose p : allowed) {
            if (p.covers(requested)) {
                return true;
            }
        }
        return false;
    }
}
