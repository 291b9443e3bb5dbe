package city.iam.review.campaign;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Who is a guest: a link to a provider other than the city's, or membership of an organisation other than the city's. */
class GuestsTest {

    private static final Set<String> CITY_ORGS = Set.of("org-city");
    private static final Set<String> CITY_IDPS = Set.of("city-entra");

    @Test
    void theCitysOwnOrganisationsAreThoseOfTheCityStakeholderType() {
        assertTrue(Guests.cityOrganization(Map.of("stakeholderType", List.of("city-dept"))));
        assertTrue(Guests.cityOrganization(Map.of("stakeholderType", List.of("utility", "city-dept"))));
        assertFalse(Guests.cityOrganization(Map.of("stakeholderType", List.of("utility"))));
        assertFalse(Guests.cityOrganization(Map.of()));
        assertFalse(Guests.cityOrganization(null));
    }

    @Test
    void aLocalAccountOrACityMemberIsNotAGuest() {
        assertFalse(Guests.guest(List.of(), List.of(), CITY_IDPS, CITY_ORGS));
        assertFalse(Guests.guest(List.of(), List.of("org-city"), CITY_IDPS, CITY_ORGS));
        assertFalse(Guests.guest(List.of("city-entra"), List.of("org-city"), CITY_IDPS, CITY_ORGS),
                "signing in through the city's own identity provider is no reason");
    }

    @Test
    void aPartnerLinkOrAPartnerOrganisationMakesAGuest() {
        assertTrue(Guests.guest(List.of("partner-idp"), List.of(), CITY_IDPS, CITY_ORGS));
        assertTrue(Guests.guest(List.of(), List.of("org-utility"), CITY_IDPS, CITY_ORGS));
        assertTrue(Guests.guest(List.of("city-entra"), List.of("org-city", "org-utility"), CITY_IDPS, CITY_ORGS),
                "a city employee who also belongs to a partner is reviewed as a guest");
        assertTrue(Guests.guest(List.of("partner-idp"), List.of(), Set.of(), Set.of()), "without a city organisation every link is external");
    }
}
