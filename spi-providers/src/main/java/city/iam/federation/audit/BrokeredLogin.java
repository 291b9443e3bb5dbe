package city.iam.federation.audit;

/**
 * What the city learnt about one brokered login: the IdP, the organisation it belongs to, the upstream and
 * mapped assurance and how the account was (or will be) linked. {@code refusal} is null for accepted logins.
 */
public record BrokeredLogin(String identityProvider, String organization, String upstreamSubject, String username,
                            String upstreamAcr, String cityAcr, Integer level, String linking, String refusal) {

    /** The user was already linked to this IdP account. */
    public static final String LINK_EXISTING = "existing_link";
    /** No local account is linked yet: the first-broker-login flow decides (create, or link after verification). */
    public static final String LINK_FIRST_LOGIN = "first_broker_login";

    /** The facts known before the assurance decision. */
    public record Builder(String identityProvider, String organization, String upstreamSubject, String username, String linking) {

        public BrokeredLogin accepted(String upstreamAcr, String cityAcr, int level) {
            return new BrokeredLogin(identityProvider, organization, upstreamSubject, username, upstreamAcr, cityAcr, level, linking, null);
        }

        public BrokeredLogin refused(String upstreamAcr, String reason) {
            return new BrokeredLogin(identityProvider, organization, upstreamSubject, username, upstreamAcr, null, null, linking, reason);
        }
    }
}
