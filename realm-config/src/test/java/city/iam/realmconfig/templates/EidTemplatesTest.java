package city.iam.realmconfig.templates;

import city.iam.realmconfig.cli.Main;
import city.iam.realmconfig.remote.RealmApi;
import city.iam.realmconfig.remote.ServerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The eID templates are valid directories for the tool, and a template edited wrongly is refused offline. */
class EidTemplatesTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    static Path template(String name) {
        Path p = Path.of("templates", name);
        return Files.isDirectory(p) ? p : Path.of("realm-config", "templates", name);
    }

    /** What an operator exports before applying a template (docs/federation.md lists the variables). */
    private final Map<String, String> env = new HashMap<>(Map.of("CITY_IAM_REALM", "city", "CITY_IAM_CLIENT_SECRET", "s",
            "EID_SAML_ENTITY_ID", "https://eid.example/idp", "EID_SAML_SSO_URL", "https://eid.example/idp/sso",
            "EID_SAML_SIGNING_CERTIFICATE", "MIIB"));

    {
        for (String v : new String[] {"ISSUER", "AUTHORIZATION_URL", "TOKEN_URL", "USERINFO_URL", "JWKS_URL", "CLIENT_ID", "CLIENT_SECRET"}) {
            env.put("EID_OIDC_" + v, "https://fc.example/" + v.toLowerCase(java.util.Locale.ROOT));
        }
    }

    private int validate(Path dir) {
        err.reset();
        return new Main(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env::get, EidTemplatesTest::unreachable).run(new String[] {"validate", dir.toString()});
    }

    private static RealmApi unreachable(ServerOptions o) {
        throw new AssertionError("validate must not contact the server");
    }

    @Test
    void bothTemplatesValidate() {
        assertEquals(Main.OK, validate(template("eid-oidc-franceconnect")), err::toString);
        assertEquals(Main.OK, validate(template("eid-saml-eidas")), err::toString);
    }

    @Test
    void aMissingVariableIsNamed() {
        env.remove("EID_SAML_SSO_URL");
        assertEquals(Main.INVALID, validate(template("eid-saml-eidas")));
        assertTrue(err.toString().contains("config/singleSignOnServiceUrl") && err.toString().contains("EID_SAML_SSO_URL is not set"), err::toString);
    }

    @Test
    void unknownPresetOrBrokerTypeIsRefused() throws IOException {
        String saml = Files.readString(template("eid-saml-eidas").resolve("identity-providers.json"));
        Path badPreset = Files.createDirectories(tmp.resolve("bad-preset"));
        Files.writeString(badPreset.resolve("identity-providers.json"), saml.replace("\"preset\": \"eidas\"", "\"preset\": \"suomi\""));
        assertEquals(Main.INVALID, validate(badPreset));
        assertTrue(err.toString().contains("'preset' must be one of"), err::toString);

        Path badType = Files.createDirectories(tmp.resolve("bad-type"));
        Files.writeString(badType.resolve("identity-providers.json"), saml.replace("\"city-saml\"", "\"eidas-saml\""));
        assertEquals(Main.INVALID, validate(badType));
        assertTrue(err.toString().contains("'providerId' must be one of"), err::toString);
    }
}
