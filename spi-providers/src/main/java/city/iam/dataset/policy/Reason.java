package city.iam.dataset.policy;

/** Why a check refused. Callers see these codes; administrators see the whole trace. */
public enum Reason {
    ORG_NOT_ALLOWED,
    PURPOSE_MISSING,
    PURPOSE_NOT_ALLOWED,
    AGREEMENT_MISSING,
    AGREEMENT_EXPIRED,
    AGREEMENT_NOT_YET_VALID,
    AGREEMENT_INACTIVE,
    ASSURANCE_TOO_LOW,
    OUTSIDE_TIME_WINDOW,
    DEVICE_NOT_TRUSTED,
    NOT_INDIVIDUAL,
    CONSENT_MISSING,
    CONSENT_UNAVAILABLE,
    POLICY_MISCONFIGURED
}
