package city.iam.kernel.settings;

import city.iam.kernel.error.CityIamException;
import org.keycloak.models.RealmModel;

import java.time.DateTimeException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Realm-scoped city-iam settings, kept as realm attributes named {@code city-iam.<module>.<key>}. Realm
 * attributes live in Keycloak's database and its realm cache, which the cluster invalidates, so every node
 * reads the same value and a realm export carries them.
 */
public final class RealmSettings {

    public static final String PREFIX = "city-iam.";

    private final RealmModel realm;

    private RealmSettings(RealmModel realm) {
        this.realm = realm;
    }

    public static RealmSettings of(RealmModel realm) {
        return new RealmSettings(realm);
    }

    public String string(String key, String fallback) {
        String value = realm.getAttribute(PREFIX + key);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    public boolean flag(String key, boolean fallback) {
        String value = string(key, null);
        return value == null ? fallback : Boolean.parseBoolean(value);
    }

    public Duration duration(String key, Duration fallback) {
        return parsed(key, fallback, Duration::parse, "an ISO-8601 duration");
    }

    public int integer(String key, int fallback) {
        return parsed(key, fallback, Integer::valueOf, "a whole number");
    }

    private <T> T parsed(String key, T fallback, Function<String, T> parse, String what) {
        String value = string(key, null);
        if (value == null) {
            return fallback;
        }
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException | DateTimeException e) {
            // A broken setting must not silently fall back to something looser: refuse until it is fixed.
            throw new CityIamException(409, "invalid_setting", "Realm setting " + PREFIX + key + " is not " + what + ": " + value);
        }
    }

    public Set<String> list(String key, Set<String> fallback) {
        String value = string(key, null);
        if (value == null) {
            return fallback;
        }
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    public void set(String key, String value) {
        if (value == null) {
            realm.removeAttribute(PREFIX + key);
        } else {
            realm.setAttribute(PREFIX + key, value);
        }
    }
}
