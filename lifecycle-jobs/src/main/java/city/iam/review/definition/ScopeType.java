package city.iam.review.definition;

/** The kinds of access a campaign reviews, as the JSON spells them. */
public enum ScopeType {
    REALM_ROLE("realm_role"), CLIENT_ROLE("client_role"), GROUP("group");

    private final String code;

    ScopeType(String code) {
        this.code = code;
    }

    public String code() {
        return code;
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
