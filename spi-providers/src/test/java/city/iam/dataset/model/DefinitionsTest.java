package city.iam.dataset.model;

import city.iam.dataset.policy.Dataset;
import city.iam.dataset.policy.Sensitivity;
import city.iam.kernel.error.CityIamException;
import city.iam.kernel.json.Json;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DefinitionsTest {

    static DatasetDefinition parse(String json) {
        return Json.read(json.getBytes(StandardCharsets.UTF_8), DatasetDefinition.class);
    }

    static String error(Runnable r) {
        return assertThrows(CityIamException.class, r::run).error();
    }

    @Test
    void sensitiveDefaultsToTrustedEnvironmentAndBoundTokens() {
        Dataset d = parse("{\"name\":\"ds-health-s\",\"sensitivity\":\"sensitive\",\"owner_organization\":\"city\"}").validate(1);
        assertTrue(d.trustedEnvironment() && d.senderConstrained());
        assertEquals(Sensitivity.SENSITIVE, d.sensitivity());
    }

    @Test
    void attributesRoundTrip() {
        Dataset d = parse("{\"name\":\"ds-energy-q\",\"sensitivity\":\"quasi-sensitive\",\"owner_organization\":\"city\","
                + "\"allowed_purposes\":[\"energy-planning\"],\"allowed_organizations\":[\"utility-a\"],\"personal_data\":true,"
                + "\"time_window\":\"Europe/Paris MON-FRI 07:00-19:00\",\"minimum_assurance\":\"substantial\"}").validate(3);
        assertEquals(d, DatasetAttributes.read("ds-energy-q", DatasetAttributes.write(d)));
    }

    @Test
    void badDatasetsAreRefusedWithTheirOwnCodes() {
        assertEquals("invalid_sensitivity", error(() -> parse("{\"name\":\"a\",\"sensitivity\":\"secret\"}").validate(1)));
        assertEquals("invalid_dataset", error(() -> parse("{\"name\":\"Bad Name\",\"sensitivity\":\"open\"}").validate(1)));
        assertEquals("invalid_dataset", error(() -> parse("{\"name\":\"agreements\",\"sensitivity\":\"open\"}").validate(1)));
        assertEquals("invalid_dataset", error(() -> parse("{\"name\":\"a\"}").validate(1)));
        assertEquals("invalid_dataset", error(() -> parse("{\"name\":\"q\",\"sensitivity\":\"quasi-sensitive\"}").validate(1)));
        assertEquals("invalid_purpose", error(() -> parse("{\"name\":\"a\",\"sensitivity\":\"open\",\"allowed_purposes\":[\"Not OK\"]}").validate(1)));
        assertEquals("invalid_time_window", error(() -> parse("{\"name\":\"a\",\"sensitivity\":\"open\",\"time_window\":\"9-5\"}").validate(1)));
        assertEquals("invalid_json", error(() -> parse("{\"name\":\"a\",\"sensitivity\":\"open\",\"personal_data\":\"perhaps\"}")));
        assertEquals("invalid_json", error(() -> parse("{\"name\":\"a\",\"sensitivity\":\"open\",\"allowed_purposes\":\"x\"}")));
        assertEquals("invalid_json", error(() -> parse("{\"name\":\"a\",\"sensitivity\":\"open\",\"colour\":\"red\"}")));
        List<String> many = Collections.nCopies(101, "x");
        assertEquals("invalid_dataset", error(() -> new DatasetDefinition("a", null, "open", null, null, many, null, null, null,
                null, null, null, null, null, null).validate(1)));
    }

    @Test
    void attributesEditedOutsideTheApiAreRefusedNotGuessed() {
        var attributes = new java.util.HashMap<>(DatasetAttributes.write(parse("{\"name\":\"a\",\"sensitivity\":\"open\"}").validate(1)));
        attributes.put(DatasetAttributes.PERSONAL_DATA, List.of("yes"));
        assertThrows(CityIamException.class, () -> DatasetAttributes.read("a", attributes));
        attributes.remove(DatasetAttributes.PERSONAL_DATA);
        attributes.remove(DatasetAttributes.SENSITIVITY);
        assertThrows(CityIamException.class, () -> DatasetAttributes.read("a", attributes));
    }

    @Test
    void agreementsNeedAWindowThatEndsAfterItStarts() {
        AgreementDefinition backwards = new AgreementDefinition("AG-1", null, List.of("utility-a"), List.of("ds"), List.of("p"),
                "2027-01-01T00:00:00Z", "2026-01-01T00:00:00Z", null, null);
        assertEquals("invalid_validity", error(backwards::validate));
        AgreementDefinition noParties = new AgreementDefinition("AG-1", null, List.of(), List.of("ds"), List.of("p"),
                "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z", null, null);
        assertEquals("invalid_agreement", error(noParties::validate));
        AgreementDefinition badStatus = new AgreementDefinition("AG-1", null, List.of("o"), List.of("ds"), List.of("p"),
                "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z", "paused", null);
        assertEquals("invalid_agreement_status", error(badStatus::validate));
    }
}
