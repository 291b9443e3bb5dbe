package city.iam.federation.aggregate;

import city.iam.kernel.error.CityIamException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AggregateImportTest {

    private static SignedAggregate.Signer federation;
    private static SignedAggregate.Signer stranger;
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final Instant LATER = NOW.plus(Duration.ofDays(7));

    @BeforeAll
    static void keys() {
        federation = SignedAggregate.signer("Test Federation Signer");
        stranger = SignedAggregate.signer("Someone Else");
    }

    private static String entities() {
        return SignedAggregate.idp(1, federation.base64(), "https://federation.example.org", List.of(SignedAggregate.CAT_RS))
                + SignedAggregate.idp(2, federation.base64(), "https://other.example.net", List.of())
                + SignedAggregate.idp(3, federation.base64(), "https://federation.example.org", List.of())
                + SignedAggregate.sp(9)
                + SignedAggregate.idp(4, "bm90IGEgY2VydA==", "https://federation.example.org", List.of()); // unusable cert
    }

    private static AggregateImport.Plan prepare(byte[] xml, EntityFilter filter) {
        return AggregateImport.prepare(xml, federation.certificate().getPublicKey(), filter, NOW);
    }

    private static String code(byte[] xml) {
        return assertThrows(CityIamException.class, () -> prepare(xml, EntityFilter.none())).error();
    }

    @Test
    void readsTheIdpsOfASignedAggregate() {
        AggregateImport.Plan plan = prepare(SignedAggregate.sign(SignedAggregate.unsigned(LATER, entities()), federation), EntityFilter.none());
        assertEquals(3, plan.idps().size());
        assertEquals(1, plan.rejected());
        assertEquals(1, plan.nonIdp());
        assertEquals(LATER, plan.validUntil());
        IdpEntity first = plan.idps().get(0);
        assertEquals("https://idp1.example.org/idp", first.entityId());
        assertEquals("https://idp1.example.org/sso", first.ssoUrl());
        assertFalse(first.ssoPost());
        assertEquals("https://idp1.example.org/slo", first.sloUrl());
        assertEquals("Organisation 1", first.displayName());
        assertEquals(List.of("org1.example.org"), first.scopes());
        assertEquals(Set.of(SignedAggregate.CAT_RS), first.entityCategories());
        assertEquals("https://federation.example.org", first.registrationAuthority());
        assertTrue(first.alias("edugain").matches("agg-edugain-[0-9a-f]{20}"));
        assertNotEquals(first.digest(), plan.idps().get(1).digest());
    }

    @Test
    void filtersByCategoryAuthorityAllowAndDeny() {
        byte[] xml = SignedAggregate.sign(SignedAggregate.unsigned(LATER, entities()), federation);
        assertEquals(1, prepare(xml, new EntityFilter(Set.of(SignedAggregate.CAT_RS), null, null, null)).idps().size());
        assertEquals(2, prepare(xml, new EntityFilter(null, Set.of("https://federation.example.org"), null, null)).idps().size());
        assertEquals(1, prepare(xml, new EntityFilter(null, null, Set.of("https://idp2.example.org/idp"), null)).idps().size());
        AggregateImport.Plan denied = prepare(xml, new EntityFilter(null, null, null, Set.of("https://idp3.example.org/idp")));
        assertEquals(2, denied.idps().size());
        assertEquals(1, denied.filteredOut());
    }

    @Test
    void tamperedAggregateIsRefused() {
        String signed = new String(SignedAggregate.sign(SignedAggregate.unsigned(LATER, entities()), federation), StandardCharsets.UTF_8);
        String tampered = signed.replace("https://idp2.example.org/sso", "https://evil.example.com/sso");
        assertNotEquals(signed, tampered);
        assertEquals("invalid_signature", code(tampered.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void wrongSignerUnsignedAndWrappedAreRefused() {
        assertEquals("invalid_signature", code(SignedAggregate.sign(SignedAggregate.unsigned(LATER, entities()), stranger)));
        assertEquals("invalid_signature", code(SignedAggregate.unsigned(LATER, entities()).getBytes(StandardCharsets.UTF_8)));
        // A valid signature moved under an added wrapper root no longer sits on the root: refused.
        String signed = new String(SignedAggregate.sign(SignedAggregate.unsigned(LATER, entities()), federation), StandardCharsets.UTF_8);
        String body = signed.substring(signed.indexOf("<md:EntitiesDescriptor"));
        String wrapped = SignedAggregate.unsigned(LATER.plusSeconds(1), SignedAggregate.idp(66, federation.base64(), "x", List.of())
                + body.replaceFirst("<md:EntitiesDescriptor[^>]*>", "<md:EntitiesDescriptor ID=\"" + "agg-" + LATER.getEpochSecond() + "\">"));
        assertEquals("invalid_signature", code(wrapped.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void validUntilIsRequiredAndMustBeInTheFuture() {
        assertEquals("expired_metadata", code(SignedAggregate.sign(SignedAggregate.unsigned(NOW.minusSeconds(1), entities()), federation)));
        assertEquals("missing_valid_until", code(SignedAggregate.sign(SignedAggregate.unsigned(Instant.EPOCH, entities()), federation)));
    }

    @Test
    void hostileXmlIsRefusedBeforeAnythingElse() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<md:EntitiesDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\">&x;</md:EntitiesDescriptor>";
        assertEquals("malformed_metadata", code(xxe.getBytes(StandardCharsets.UTF_8)));
        String lol = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><r>&c;</r>";
        assertEquals("malformed_metadata", code(lol.getBytes(StandardCharsets.UTF_8)));
        assertEquals("malformed_metadata", code("<md:EntitiesDescriptor".getBytes(StandardCharsets.UTF_8)));
        assertEquals("not_an_aggregate", code("<EntityDescriptor/>".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void definitionsAreValidated() {
        AggregateDefinition ok = new AggregateDefinition(null, "https://mds.example.org/agg.xml", federation.pem(), null, "PT6H", null, null);
        assertEquals("edugain", ok.validated("edugain").name());
        assertEquals("invalid_name", assertThrows(CityIamException.class, () -> ok.validated("Bad Name")).error());
        assertEquals("invalid_url", assertThrows(CityIamException.class, () ->
                new AggregateDefinition(null, "file:///etc/passwd", federation.pem(), null, null, null, null).validated("a")).error());
        assertEquals("invalid_signing_certificate", assertThrows(CityIamException.class, () ->
                new AggregateDefinition(null, null, "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----", null, null, null, null).validated("a")).error());
        assertEquals("missing_signing_certificate", assertThrows(CityIamException.class, () ->
                new AggregateDefinition(null, null, null, null, null, null, null).validated("a")).error());
        assertEquals("invalid_refresh_interval", assertThrows(CityIamException.class, () ->
                new AggregateDefinition(null, null, federation.pem(), null, "PT1M", null, null).validated("a")).error());
        assertEquals("invalid_max_bytes", assertThrows(CityIamException.class, () ->
                new AggregateDefinition(null, null, federation.pem(), null, null, 10, null).validated("a")).error());
    }
}
