package city.iam.kernel.json;

import city.iam.kernel.error.CityIamException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CanonicalJsonTest {

    @Test
    void sortsKeysAtEveryLevelAndDropsWhitespace() {
        String json = "{ \"b\": 1, \"a\": {\"z\": true, \"m\": [3, {\"y\": null, \"x\": \"v\"}]} }";
        assertEquals("{\"a\":{\"m\":[3,{\"x\":\"v\",\"y\":null}],\"z\":true},\"b\":1}", CanonicalJson.normalise(json));
    }

    @Test
    void sameValueRendersTheSameWhateverTheKeyOrder() {
        assertEquals(CanonicalJson.of(Map.of("a", 1, "b", "x")), CanonicalJson.normalise("{\"b\":\"x\",\"a\":1}"));
    }

    @Test
    void escapesControlCharactersAndKeepsUnicode() {
        assertEquals("\"tab\\tnew\\nline\\u0001 é ✓\"", CanonicalJson.of("tab\tnew\nline\u0001 é ✓"));
    }

    @Test
    void refusesFloatingPointRatherThanRenderItTwoWays() {
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.normalise("{\"a\":1.5}"));
    }

    @Test
    void oversizedBodyIs413AndMalformedIs400() {
        CityIamException big = assertThrows(CityIamException.class,
                () -> BoundedBody.read(new ByteArrayInputStream(new byte[11]), 10));
        assertEquals(413, big.status());
        CityIamException bad = assertThrows(CityIamException.class,
                () -> BoundedBody.json(new ByteArrayInputStream("{not json".getBytes()), Map.class));
        assertEquals(400, bad.status());
        assertEquals("invalid_json", bad.error());
        CityIamException empty = assertThrows(CityIamException.class,
                () -> BoundedBody.json(new ByteArrayInputStream(new byte[0]), Map.class));
        assertEquals("missing_body", empty.error());
    }

    record Strict(String name) {
    }

    @Test
    void unknownFieldsAreRefusedNotIgnored() {
        CityIamException e = assertThrows(CityIamException.class,
                () -> Json.read("{\"name\":\"a\",\"nmae\":\"b\"}".getBytes(), Strict.class));
        assertEquals("invalid_json", e.error());
    }
}
