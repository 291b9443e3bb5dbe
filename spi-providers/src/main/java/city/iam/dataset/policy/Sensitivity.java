package city.iam.dataset.policy;

import city.iam.kernel.error.CityIamException;

/** The CITIESData sensitivity classes. Metadata of every class may be published; data is gated per class. */
public enum Sensitivity {
    OPEN("open"),
    QUASI_SENSITIVE("quasi-sensitive"),
    SENSITIVE("sensitive");

    private final String code;

    Sensitivity(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Sensitivity parse(String code) {
        for (Sensitivity s : values()) {
            if (s.code.equals(code)) {
                return s;
            }
        }
        throw CityIamException.badRequest("invalid_sensitivity",
                "Unknown sensitivity class '" + code + "': use open, quasi-sensitive or sensitive.");
    }
}
