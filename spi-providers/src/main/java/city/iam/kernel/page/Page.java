package city.iam.kernel.page;

import city.iam.kernel.error.CityIamException;

/**
 * {@code first}/{@code max} paging as Keycloak's admin API spells it, bounded so one call cannot ask the
 * database for everything.
 */
public record Page(int first, int max) {

    public static final int DEFAULT_MAX = 100;
    public static final int LIMIT = 1000;

    public static Page of(Integer first, Integer max) {
        int f = first == null ? 0 : first;
        int m = max == null ? DEFAULT_MAX : max;
        if (f < 0) {
            throw CityIamException.badRequest("invalid_paging", "first must be 0 or more.");
        }
        if (m < 1 || m > LIMIT) {
            throw CityIamException.badRequest("invalid_paging", "max must be between 1 and " + LIMIT + ".");
        }
        return new Page(f, m);
    }
}
