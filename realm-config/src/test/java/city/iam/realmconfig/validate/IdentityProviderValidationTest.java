package city.iam.realmconfig.validate;

import city.iam.realmconfig.TestDirs;
import city.iam.realmconfig.model.Canonical;
import city.iam.realmconfig.model.IdentityProviderForm;
import city.iam.realmconfig.model.ObjectType;
import city.iam.realmconfig.model.Problem;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** identity-providers.json: secrets never in clear, organisation references, masked secrets, export placeholders. */
class IdentityProviderValidationTest {

    @TempDir
    Path tmp;

    private List<Problem> problems(Map<String, String> env, String orgs, String idps) {
        Path dir = tmp.resolve("d");
        dir.toFile().mkdirs();
        if (orgs != null) {
            TestDirs.write(dir, "organizations.json", orgs);
        }
        TestDirs.write(dir, "identity-providers.json", idps);
        return new Validator(env::get).validate(dir).problems();
    }

    private static String idp(String org, String secret) {
        return """
                {"identity_providers": [{"alias": "a-idp", "providerId": "city-oidc", "organization": "%s",
                  "config": {"clientId": "city", "clientSecret": "%s"}, "assurance": {"preset": "eidas", "table": {"urn:x": "high"}}}]}
                """.formatted(org, secret);
    }

    @Test
    void aSecretInClearIsRefusedAndAReferenceIsResolved() {
        List<Problem> clear = problems(Map.of(), null, idp("a", "hunter2"));
        assertEquals(1, clear.size(), clear::toString);
        assertEquals("/identity_providers/0/config/clientSecret", clear.get(0).pointer());
        assertTrue(clear.get(0).message().contains("never in clear"), clear::toString);
        assertEquals(List.of(), problems(Map.of("A_SECRET", "s"), null, idp("a", "${env:A_SECRET}")));
        assertEquals(List.of(), problems(Map.of(), null, idp("a", "${vault.a_secret}")));
    }

    @Test
    void anOrganisationTheDirectoryDoesNotDeclareIsRefusedWhenItDeclaresOrganisations() {
        List<Problem> p = problems(Map.of(), "{\"organizations\": [{\"alias\": \"a\", \"name\": \"A\"}]}", idp("b", "${vault.s}"));
        assertEquals(1, p.size(), p::toString);
        assertTrue(p.get(0).toString().startsWith("identity-providers.json#/identity_providers/0/organization: identity_providers 'a-idp' names organisation 'b'"),
                p::toString);
    }

    @Test
    void aMaskedSecretIsNotAChangeAndExportWritesAPlaceholder() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode declared = Canonical.of(ObjectType.IDENTITY_PROVIDERS, json.readTree("""
                {"alias": "a-idp", "providerId": "oidc", "config": {"clientId": "city", "clientSecret": "s3cret"}}"""));
        ObjectNode live = Canonical.of(ObjectType.IDENTITY_PROVIDERS, json.readTree("""
                {"alias": "a-idp", "providerId": "oidc", "enabled": true, "firstBrokerLoginFlowAlias": "first broker login", "internalId": "x",
                 "config": {"clientId": "city", "clientSecret": "**********", "guiOrder": ""}}"""));
        assertEquals(declared, ObjectType.IDENTITY_PROVIDERS.comparable(declared, live));
        ObjectNode exported = IdentityProviderForm.exported(live);
        assertEquals("${env:IDP_A_IDP_CLIENT_SECRET}", exported.get("config").get("clientSecret").asText());
    }

    @Test
    void theAssuranceMapperConfigRoundTrips() throws Exception {
        ObjectNode assurance = (ObjectNode) new ObjectMapper().readTree("{\"preset\": \"spid\", \"table\": {\"urn:x\": \"high\"}, \"sync_mode\": \"FORCE\"}");
        ObjectNode config = IdentityProviderForm.mapperConfig(assurance);
        assertEquals("{\"urn:x\":\"high\"}", config.get("acr.table").asText());
        assertEquals(assurance, IdentityProviderForm.assurance(config));
    }
}
