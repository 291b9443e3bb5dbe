package city.iam.review.definition;

import city.iam.kernel.error.CityIamException;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What remediation does with a revoked MANAGED organisation membership ({@code remediation.managed_members}).
 * Removing a managed member from its organisation makes Keycloak delete the account, which is not what revoking a
 * membership means, so the definition chooses: disable the account, unlink it from the organisation's identity
 * provider(s), or leave it for someone to act on by hand (the default: no account changes without a decision).
 */
public enum ManagedMembers {
    DISABLE_ACCOUNT("disable-account"), UNLINK_PROVIDER("unlink-provider"), MANUAL("manual");

    public static final List<String> CODES = Arrays.stream(values()).map(ManagedMembers::code).toList();

    private final String code;

    ManagedMembers(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** Absent: {@link #MANUAL}; anything else but a code: 400 naming the field. */
    public static ManagedMembers parse(String value) {
        if (value == null) {
            return MANUAL;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (ManagedMembers m : values()) {
            if (m.code.equals(v)) {
                return m;
            }
        }
        throw CityIamException.badRequest("invalid_remediation_managed_members",
                "remediation.managed_members is one of " + CODES + ", not '" + value + "'.");
    }
}
