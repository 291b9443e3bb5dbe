package city.iam.dataset.policy;

import city.iam.kernel.error.CityIamException;

import java.util.Locale;

/** Where a data-sharing agreement stands; only an active one inside its validity window grants anything. */
public enum AgreementStatus {
    ACTIVE, SUSPENDED, REVOKED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AgreementStatus parse(String code) {
        for (AgreementStatus s : values()) {
            if (s.code().equals(code)) {
                return s;
            }
        }
        throw CityIamException.badRequest("invalid_agreement_status", "Unknown agreement status '" + code + "': use active, suspended or revoked.");
    }
}
