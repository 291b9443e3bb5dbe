package city.iam.review.definition;

import city.iam.kernel.error.CityIamException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Organisation, identity-provider, service-account and account selectors: what they take and what they refuse. */
class NewScopeTypesTest {

    private static DefinitionDocument with(DefinitionDocument.Selector... selectors) {
        DefinitionDocument v = ReviewDefinitionTest.valid();
        return new DefinitionDocument(v.id(), null, new DefinitionDocument.Scope(List.of(selectors), false), v.reviewers(), "olga",
                v.stages(), "REVOKE", null, null, null, null, null, null, null, null, null);
    }

    private static String refused(DefinitionDocument.Selector s) {
        return assertThrows(CityIamException.class, () -> ReviewDefinition.parse(with(s), 1, ReviewDefinitionTest.NOW)).error();
    }

    @Test
    void eachNewTypeParsesAndRoundTrips() {
        ReviewDefinition d = ReviewDefinition.parse(with(new DefinitionDocument.Selector("organization", "acme", null, null),
                new DefinitionDocument.Selector("idp_link", "github", null, null),
                new DefinitionDocument.Selector("service_account", null, "etl", null),
                new DefinitionDocument.Selector("service_account", null, null, null),
                new DefinitionDocument.Selector("account", null, null, null, "department", "finance"),
                new DefinitionDocument.Selector("account", null, null, null)), 1, ReviewDefinitionTest.NOW);
        assertEquals(List.of(ScopeType.ORGANIZATION, ScopeType.IDP_LINK, ScopeType.SERVICE_ACCOUNT, ScopeType.SERVICE_ACCOUNT,
                ScopeType.ACCOUNT, ScopeType.ACCOUNT), d.selectors().stream().map(ReviewDefinition.Selector::type).toList());
        assertEquals("organization acme", d.selectors().get(0).describe());
        assertEquals("roles of the service account of etl", d.selectors().get(2).describe());
        assertEquals("accounts with department=finance", d.selectors().get(4).describe());
        DefinitionDocument stored = d.document("now");
        assertEquals("finance", stored.scope().selectors().get(4).value());
        assertNull(stored.scope().selectors().get(5).attribute());
        assertEquals(d.selectors(), ReviewDefinition.parse(stored, 2, ReviewDefinitionTest.NOW).selectors());
    }

    @Test
    void incompleteOrMixedSelectorsAreRefused() {
        assertEquals("missing_field", refused(new DefinitionDocument.Selector("organization", null, null, null)));
        assertEquals("missing_field", refused(new DefinitionDocument.Selector("idp_link", " ", null, null)));
        assertEquals("invalid_scope", refused(new DefinitionDocument.Selector("service_account", "role", "etl", null)));
        assertEquals("invalid_scope", refused(new DefinitionDocument.Selector("account", null, null, null, "department", null)));
        assertEquals("invalid_scope", refused(new DefinitionDocument.Selector("account", "x", null, null)));
        assertEquals("invalid_scope", refused(new DefinitionDocument.Selector("realm_role", "r", null, null, "a", "b")));
        assertEquals("unknown_scope_type", refused(new DefinitionDocument.Selector("org", "acme", null, null)));
    }

    @Test
    void scopeTypesThatAreRoleMappings() {
        assertEquals(List.of(ScopeType.REALM_ROLE, ScopeType.CLIENT_ROLE, ScopeType.SERVICE_ACCOUNT),
                java.util.Arrays.stream(ScopeType.values()).filter(ScopeType::isRole).toList());
        assertEquals(ScopeType.IDP_LINK, ScopeType.parse("idp_link"));
        assertEquals(Map.of(), Map.of());
    }
}
