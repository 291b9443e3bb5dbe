package city.iam.review.definition;

/** Reviewer resolvers: the access's owner, the subject's manager (walking up), named users, a group's members. */
public enum ReviewerType {
    OWNER("owner"), MANAGER("manager"), USERS("users"), GROUP("group");

    private final String code;

    ReviewerType(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static ReviewerType parse(String code) {
        for (ReviewerType t : values()) {
            if (t.code.equals(code)) {
                return t;
            }
        }
        return null;
    }
}
