package city.iam.federation.discovery;

import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.OrganizationModel;

import java.util.List;
import java.util.Optional;

/**
 * Which of an organisation's IdPs an address goes to: the enabled IdP whose organisation domain
 * ({@code kc.org.domain}, exact or {@code *.wildcard}, with Keycloak's meaning: the wildcard covers the apex too)
 * covers the address most specifically, else the first
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
            domainOf(idp).ifPresent(domain -> claim(byDomain, domain, idp));
        }
        // Keycloak's wildcards also cover the apex ("*.example.org" matches example.org): added after every exact
        // domain, so an IdP naming the apex itself keeps it.
        for (IdentityProviderModel idp : enabled) {
            domainOf(idp).filter(d -> d.startsWith("*.")).ifPresent(domain -> claim(byDomain, domain.substring(2), idp));
        }
        return byDomain.build().lookup(emailOrDomain).or(() -> enabled.stream().findFirst());
    }

    private static Optional<String> domainOf(IdentityProviderModel idp) {
        return Optional.ofNullable(idp.getConfig().get(OrganizationModel.ORGANIZATION_DOMAIN_ATTRIBUTE)).map(String::trim).filter(d -> !d.isEmpty());
    }

    private static void claim(DomainIndex.Builder<IdentityProviderModel> byDomain, String domain, IdentityProviderModel idp) {
        try {
            byDomain.add(domain, idp);
        } catch (IllegalArgumentException e) {
            // "ANY", a malformed value, or a domain an earlier IdP claimed (the earlier one keeps it).
        }
    }
}
