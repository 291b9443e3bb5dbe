package city.iam.lifecycle.inactivity;

import java.util.Locale;

/** What happens at the last stage: the account is removed, or kept as a tombstone without personal data. */
public enum FinalAction {
    DELETE, ANONYMISE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    static FinalAction parse(String value) {
        for (FinalAction a : values()) {
            if (a.code().equals(value)) {
                return a;
            }
        }
        return null;
    }
}
