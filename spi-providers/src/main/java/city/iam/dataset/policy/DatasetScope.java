package city.iam.dataset.policy;

import city.iam.kernel.error.CityIamException;

/** What a caller asks to do with a dataset: read its catalogue entry, or read the data itself. */
public enum DatasetScope {
    METADATA_READ("metadata:read"),
    DATA_READ("data:read");

    private final String code;

    DatasetScope(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The scope, or null when the name is none of ours (other scopes of the resource server are not ours to judge). */
    public static DatasetScope find(String code) {
        for (DatasetScope s : values()) {
            if (s.code.equals(code)) {
                return s;
            }
        }
        return null;
    }

    public static DatasetScope parse(String code) {
        DatasetScope s = find(code);
        if (s == null) {
            throw CityIamException.badRequest("invalid_scope", "Unknown dataset scope '" + code + "': use metadata:read or data:read.");
        }
        return s;
    }
}
