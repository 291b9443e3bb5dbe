package city.iam.review.campaign;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who counts as a guest in a review's {@code subjects} filter: someone who signs in through an identity provider
 * that is not the city's own, or who belongs to an organisation other than the city's own. Everyone else is a
 * member (the city's staff, and local accounts outside any organisation).
 *
 * <p>The city's own organisations are those the realm names ({@link CityOrganizations}), by default those whose
 * {@code stakeholderType} attribute includes {@code city-dept}, the type the reference realm gives the city
 * administration (and the dataset policies admit by); an identity
 * provider is the city's own when it is linked to one of them. An identity-provider link of a city employee
 * through the city's own IdP is therefore no reason to call them a guest. Plain rules here; {@link GuestLookup}
 * reads the facts in bulk.
 */
public final class Guests {

    /** The organisation attribute naming what kind of stakeholder an organisation is (as the token claim mapper reads it). */
    public static final String STAKEHOLDER_TYPE = "stakeholderType";
    public static final String CITY = "city-dept";

    private Guests() {
    }

    /** Whether an organisation with these attributes is one of the city's own. */
    public static boolean cityOrganization(Map<String, List<String>> attributes) {
        List<String> types = attributes == null ? null : attributes.get(STAKEHOLDER_TYPE);
        return types != null && types.contains(CITY);
    }

    /**
     * Whether a person is a guest, given the aliases of the identity providers they are linked to, the ids of the
     * organisations they belong to, and the city's own providers and organisations.
     */
    public static boolean guest(Collection<String> linkedProviders, Collection<String> organizations, Set<String> cityProviders,
                                Set<String> cityOrganizations) {
        return linkedProviders.stream().anyMatch(p -> !cityProviders.contains(p))
                || organizations.stream().anyMatch(o -> !cityOrganizations.contains(o));
    }
}
