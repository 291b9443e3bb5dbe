package city.iam.federation.discovery;

import org.junit.jupiter.api.Test;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.OrganizationModel;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IdpChoiceTest {

    private static IdentityProviderModel idp(String alias, String domain, boolean enabled) {
        IdentityProviderModel m = new IdentityProviderModel();
        m.setAlias(alias);
        m.setEnabled(enabled);
        if (domain != null) {
            m.getConfig().put(OrganizationModel.ORGANIZATION_DOMAIN_ATTRIBUTE, domain);
        }
        return m;
    }

    private static Optional<String> choose(String email, IdentityProviderModel... idps) {
        return IdpChoice.choose(email, List.of(idps)).map(IdentityProviderModel::getAlias);
    }

    @Test
    void theMostSpecificDomainOfAnEnabledIdpWins() {
        IdentityProviderModel any = idp("any", null, true);
        IdentityProviderModel north = idp("north", "*.north.utility-a.example", true);
        IdentityProviderModel all = idp("all", "*.utility-a.example", true);
        assertEquals(Optional.of("north"), choose("a@x.north.utility-a.example", any, all, north));
        assertEquals(Optional.of("all"), choose("a@south.utility-a.example", any, north, all));
        assertEquals(Optional.of("all"), choose("a@utility-a.example", any, north, all), "as in Keycloak, a wildcard covers its apex");
        assertEquals(Optional.of("apex"), choose("a@utility-a.example", all, idp("apex", "utility-a.example", true)), "an exact domain beats a wildcard's apex");
        assertEquals(Optional.of("any"), choose("a@other.example", any, north, all), "no domain covers it: the first IdP");
    }

    @Test
    void disabledIdpsAreNeverChosen() {
        assertEquals(Optional.of("backup"), choose("a@x.utility-a.example", idp("main", "*.utility-a.example", false), idp("backup", null, true)));
        assertEquals(Optional.empty(), choose("a@x.utility-a.example", idp("main", "*.utility-a.example", false)));
        assertEquals(Optional.empty(), choose("a@x.utility-a.example"));
    }

    @Test
    void unusableDomainValuesFallBackToTheFirstIdp() {
        assertEquals(Optional.of("a"), choose("a@utility-a.example", idp("a", "ANY", true), idp("b", "not a domain!", true)));
        assertEquals(Optional.of("a"), choose("a@utility-a.example", idp("a", "utility-a.example", true), idp("b", "utility-a.example", true)),
                "the first IdP claiming a domain keeps it");
    }
}
