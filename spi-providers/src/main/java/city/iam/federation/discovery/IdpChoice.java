package city.iam.federation.discovery;

import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.OrganizationModel;

import java.util.List;
import java.util.Optional;

/**
 * Which of an organisation's IdPs an address goes to: the enabled IdP whose organisation domain
 * ({@code kc.org.domain}, exact or {@code *.wildcard}) covers the address most specifically, else the first
 * enabled one. Disabled IdPs are never chosen; with none left the organisation has no way in and the caller falls
 * back to the neutral password page.
 */
final class IdpChoice {

    private IdpChoice() {
    }

    static Optional<IdentityProviderModel> choose(String emailOrDomain, List<IdentityProviderModel> idps) {
        List<IdentityProviderModel> enabled = idps.stream().filter(IdentityProviderModel::isEnabled).toList();
        DomainIndex.Builder<IdentityProviderModel> byDomain = DomainIndex.builder();
        for (IdentityProviderModel idp : enabled) {
            String domain = idp.getConfig().get(OrganizationModel.ORGANIZATION_DOMAIN_ATTRIBUTE);
            if (domain == null || domain.isBlank()) {
                continue;
            }
            try {
                byDomain.add(domain, idp);
            } catch (IllegalArgumentException e) {
                // "ANY", a malformed value or a domain two IdPs claim: it cannot pick an IdP; the first-IdP rule applies.
            }
        }
        return byDomain.build().lookup(emailOrDomain).or(() -> enabled.stream().findFirst());
    }
}
