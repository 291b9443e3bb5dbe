package city.iam.kernel.settings;

import city.iam.kernel.error.CityIamException;
import org.junit.jupiter.api.Test;
import org.keycloak.models.RealmModel;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RealmSettingsTest {

    /** A realm that only answers attribute reads, which is all the settings use. */
    private static RealmSettings realm(Map<String, String> attributes) {
        RealmModel realm = (RealmModel) Proxy.newProxyInstance(RealmModel.class.getClassLoader(), new Class<?>[]{RealmModel.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getAttribute") && args.length == 1) {
                        return attributes.get((String) args[0]);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return RealmSettings.of(realm);
    }

    @Test
    void unsetOrBlankSettingsFallBack() {
        RealmSettings s = realm(Map.of("city-iam.blank", "  "));
        assertEquals(7, s.integer("missing", 7));
        assertEquals(7, s.integer("blank", 7));
        assertEquals(Duration.ofMinutes(10), s.duration("missing", Duration.ofMinutes(10)));
    }

    @Test
    void settingsAreParsed() {
        RealmSettings s = realm(Map.of("city-iam.n", " 30 ", "city-iam.d", "PT5M"));
        assertEquals(30, s.integer("n", 0));
        assertEquals(Duration.ofMinutes(5), s.duration("d", Duration.ZERO));
    }

    @Test
    void brokenSettingsAreRefusedNotLoosened() {
        RealmSettings s = realm(Map.of("city-iam.n", "thirty", "city-iam.d", "5 minutes"));
        CityIamException n = assertThrows(CityIamException.class, () -> s.integer("n", 0));
        assertEquals("invalid_setting", n.error());
        assertEquals(409, n.status());
        assertEquals("Realm setting city-iam.n is not a whole number: thirty", n.description());
        assertEquals("invalid_setting", assertThrows(CityIamException.class, () -> s.duration("d", Duration.ZERO)).error());
    }
}
