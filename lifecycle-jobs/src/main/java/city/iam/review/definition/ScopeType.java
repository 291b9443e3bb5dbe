package city.iam.review.definition;

/**
 * The kinds of access a campaign reviews, as the JSON spells them. Beyond roles and groups: membership of a
 * Keycloak organisation, a link to an identity provider, the roles a client's service account holds, and a whole
 * account (whose revocation disables it).
 */
public enum ScopeType {
    REALM_ROLE("realm_role"), CLIENT_ROLE("client_role"), GROUP("group"), ORGANIZATION("organization"), IDP_LINK("idp_link"),
    SERVICE_ACCOUNT("service_account"), ACCOUNT("account");

    /** How the JSON lists them, for error messages. */
    public static final String CODES = "realm_role, client_role, group, organization, idp_link, service_account or account";

    private final String code;

    ScopeType(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** Whether the reviewed thing is a role mapping (removed and verified as one). */
    public boolean isRole() {
        return this == REALM_ROLE || this == CLIENT_ROLE || this == SERVICE_ACCOUNT;
    }

    public static ScopeType parse(String code) {
        for (ScopeType t : values()) {
            if (t.code.equals(code)) {
                return t;
            }
        }
        return null;
    }
}
