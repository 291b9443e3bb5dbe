package city.iam.lifecycle.finding;

import java.util.Locale;

/** What the hygiene scan looks for, each with the ISO 27001:2022 control it touches. */
public enum FindingKind {
    SERVICE_ACCOUNT_WITHOUT_OWNER("5.16", "client"),
    UNUSED_SERVICE_ACCOUNT("5.18", "client"),
    STALE_CLIENT_SECRET("5.17", "client"),
    /** An owned client whose owner has not attested within the realm's cadence that it is still needed (LJ-36). */
    OWNER_ATTESTATION_OVERDUE("5.18", "client"),
    BOOTSTRAP_ADMIN_ENABLED("5.17", "user"),
    PRIVILEGED_WITHOUT_MFA("5.17", "user"),
    PENDING_PASSWORD_CHANGE("5.17", "user"),
    PASSWORD_OLDER_THAN_POLICY("5.17", "user"),
    /** One person, one identity: another account of the realm has the same email address. */
    DUPLICATE_ACCOUNT("5.16", "user"),
    /** An enabled account whose accountable person (its {@code manager}) no longer exists or is disabled. */
    ORPHAN_ACCOUNT("5.16", "user"),
    /** Raised and resolved by the SoD scan of access reviews ({@code city.iam.review.sod}), not the hygiene scan. */
    SOD_CONFLICT("5.3", "user", false),
    /**
     * Raised and resolved by the drift scan of access reviews ({@code city.iam.review.drift}): grants of an open
     * campaign's scope added or removed since its snapshot, outside the review.
     */
    REVIEW_DRIFT("5.18", "campaign", false),
    /** Raised by the leaver sweep, not the hygiene scan: the scan never resolves these. */
    LEAVER_SLA_BREACHED("5.18", "user", false),
    LEAVER_END_DATE_UNREADABLE("5.16", "user", false);

    private final String isoControl;
    private final String subjectType;
    private final boolean scanned;

    FindingKind(String isoControl, String subjectType) {
        this(isoControl, subjectType, true);
    }

    FindingKind(String isoControl, String subjectType, boolean scanned) {
        this.isoControl = isoControl;
        this.subjectType = subjectType;
        this.scanned = scanned;
    }

    /** Whether the hygiene scan looks for it, and so resolves it when a complete run no longer sees it. */
    public boolean scanned() {
        return scanned;
    }

    public String isoControl() {
        return isoControl;
    }

    public String subjectType() {
        return subjectType;
    }

    /** The name in the API and the table: {@code privileged_without_mfa}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FindingKind fromCode(String code) {
        for (FindingKind k : values()) {
            if (k.code().equals(code)) {
                return k;
            }
        }
        return null;
    }
}
