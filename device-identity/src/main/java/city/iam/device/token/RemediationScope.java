package city.iam.device.token;

import java.util.Arrays;
import java.util.Set;

/**
 * What a quarantined device may still do: get a token whose only scope is {@value #SCOPE} (firmware update,
 * re-attestation, re-enrolment), with no roles.
 */
public final class RemediationScope {

    public static final String SCOPE = "device:remediate";
    private static final Set<String> ALLOWED_REQUEST = Set.of(SCOPE, "openid");

    private RemediationScope() {
    }

    /** A token request's scope parameter is acceptable for a quarantined device (nothing, or only remediation). */
    public static boolean onlyRemediation(String requested) {
        return requested == null || requested.isBlank()
                || Arrays.stream(requested.trim().split("\\s+")).allMatch(ALLOWED_REQUEST::contains);
    }

    /** A token's scope claim grants nothing beyond remediation. */
    public static boolean isRemediationToken(String scopeClaim) {
        return scopeClaim != null && scopeClaim.trim().equals(SCOPE);
    }
}
