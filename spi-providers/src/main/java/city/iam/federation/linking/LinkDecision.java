package city.iam.federation.linking;

/**
 * B7: may a brokered identity be linked to an existing local account without the user proving they own it?
 * Only when the city trusts this IdP's email claims, the IdP asserted the email verified, the local account's
 * email is verified too and both are the same address. Anything else goes to Keycloak's confirmation (re-login or
 * email verification): an unverified email never links an account (keycloak#53041, CVE-2026-9087).
 */
public final class LinkDecision {

    public enum Outcome {
        LINK("auto_linked"),
        IDP_EMAIL_NOT_TRUSTED("idp_email_not_trusted"),
        UPSTREAM_EMAIL_NOT_VERIFIED("upstream_email_not_verified"),
        LOCAL_EMAIL_NOT_VERIFIED("local_email_not_verified"),
        EMAIL_MISMATCH("email_mismatch");

        private final String code;

        Outcome(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private LinkDecision() {
    }

    /**
     * @param upstreamEmailVerified the IdP's {@code email_verified} claim; null when the IdP did not say (SAML,
     *                              or an OIDC IdP without the claim) — treated as not verified
     */
    public static Outcome decide(boolean idpTrustsEmail, Boolean upstreamEmailVerified, String upstreamEmail,
                                 boolean localEmailVerified, String localEmail) {
        if (!idpTrustsEmail) {
            return Outcome.IDP_EMAIL_NOT_TRUSTED;
        }
        if (!Boolean.TRUE.equals(upstreamEmailVerified)) {
            return Outcome.UPSTREAM_EMAIL_NOT_VERIFIED;
        }
        if (!localEmailVerified) {
            return Outcome.LOCAL_EMAIL_NOT_VERIFIED;
        }
        if (upstreamEmail == null || localEmail == null || !upstreamEmail.trim().equalsIgnoreCase(localEmail.trim())) {
            return Outcome.EMAIL_MISMATCH;
        }
        return Outcome.LINK;
    }
}
