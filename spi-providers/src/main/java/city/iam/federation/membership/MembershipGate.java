package city.iam.federation.membership;

import java.util.Locale;
import java.util.Set;

/**
 * B8: whether a brokered user joins the organisation the IdP belongs to. Only when the email is verified and its
 * domain is one of the organisation's domains (exact, or {@code *.example.org} for subdomains): a shared or
 * compromised IdP cannot enrol arbitrary addresses into an organisation (managing-domains.adoc domain gate).
 */
public final class MembershipGate {

    public enum Decision {
        ADD("added"),
        NO_EMAIL("no_email"),
        EMAIL_NOT_VERIFIED("email_not_verified"),
        DOMAIN_NOT_OF_ORGANIZATION("domain_not_of_organization");

        private final String code;

        Decision(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private MembershipGate() {
    }

    public static Decision decide(String email, boolean emailVerified, Set<String> organizationDomains) {
        if (email == null || email.isBlank() || email.indexOf('@') <= 0) {
            return Decision.NO_EMAIL;
        }
        if (!emailVerified) {
            return Decision.EMAIL_NOT_VERIFIED;
        }
        String domain = email.substring(email.lastIndexOf('@') + 1).trim().toLowerCase(Locale.ROOT);
        for (String d : organizationDomains) {
            String od = d.trim().toLowerCase(Locale.ROOT);
            if (od.startsWith("*.") ? domain.endsWith(od.substring(1)) : domain.equals(od)) {
                return Decision.ADD;
            }
        }
        return Decision.DOMAIN_NOT_OF_ORGANIZATION;
    }
}
