package city.iam.realmconfig.model;

/** The JSON shapes a field can take; each knows how it is checked and how it compares. */
public enum Kind {
    STRING,
    BOOLEAN,
    INTEGER,
    /** ISO-8601 instant; compared as an instant, so {@code ...00.000Z} equals {@code ...00Z}. */
    INSTANT,
    /** ISO-8601 duration such as {@code P90D}. */
    DURATION,
    /** A list whose order matters. */
    STRING_LIST,
    /** A list whose order does not matter (the server keeps sets): compared sorted. */
    STRING_SET,
    /** Keycloak organisation domains: {@code [{"name": "...", "verified": false}]}, compared by name. */
    DOMAINS,
    /** Keycloak attributes: {@code {"key": ["value", ...]}}, compared with sorted keys and values. */
    ATTRIBUTES,
    /**
     * A review filter's attribute match: {@code {"key": "value"}} or {@code {"key": ["value", ...]}}, compared as
     * {@link #ATTRIBUTES} with a single value as a one-element list (the server stores lists).
     */
    ATTRIBUTE_MATCH,
    /** A PEM certificate, compared by its DER bytes. */
    PEM_CERTIFICATE,
    /** An object of string values (identity-provider and mapper {@code config}), compared with sorted keys. */
    STRING_MAP,
    /** A nested object whose fields are the field's {@code members}. */
    OBJECT,
    /** A list of nested objects (order kept: stages, rules, selectors). */
    OBJECT_LIST,
    /** An object of named nested objects ({@code "reviewers": {"manager": {...}}}), compared with sorted names. */
    OBJECT_MAP
}
