package city.iam.realmconfig.model;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The object types the tool manages, in the order they are created (deletes run in reverse): organisations
 * before the datasets and agreements that name them, trust anchors before the enrollment groups that pin them.
 * Field names are those of the admin API that stores the type, so a file reads like a request body.
 */
public enum ObjectType {

    ORGANIZATIONS("organizations", "organizations.json", "alias", List.of(
            Field.required("alias", Kind.STRING).matching("[A-Za-z0-9][A-Za-z0-9._-]{0,254}"),
            Field.required("name", Kind.STRING),
            Field.of("description", Kind.STRING),
            Field.of("enabled", Kind.BOOLEAN),
            Field.of("redirectUrl", Kind.STRING),
            Field.of("domains", Kind.DOMAINS),
            Field.of("attributes", Kind.ATTRIBUTES),
            Field.readOnly("id")),
            o -> o.put("enabled", o.path("enabled").asBoolean(true))),

    /**
     * Brokered identity providers with two things of ours folded in: {@code organization} (the alias of the
     * organisation the IdP is linked to, through the Organizations API) and {@code assurance} (the IdP's
     * {@code city-assurance-mapper}: acr preset and table). Created after the organisations they link to.
     */
    IDENTITY_PROVIDERS("identity_providers", "identity-providers.json", "alias", List.of(
            Field.required("alias", Kind.STRING).matching("[A-Za-z0-9][A-Za-z0-9._-]{0,254}"),
            Field.required("providerId", Kind.STRING).oneOf("oidc", "keycloak-oidc", "city-oidc", "saml", "city-saml"),
            Field.of("displayName", Kind.STRING),
            Field.of("enabled", Kind.BOOLEAN),
            Field.of("trustEmail", Kind.BOOLEAN),
            Field.of("storeToken", Kind.BOOLEAN),
            Field.of("linkOnly", Kind.BOOLEAN),
            Field.of("hideOnLogin", Kind.BOOLEAN),
            Field.of("firstBrokerLoginFlowAlias", Kind.STRING),
            Field.of("postBrokerLoginFlowAlias", Kind.STRING),
            Field.of("config", Kind.STRING_MAP),
            Field.of("organization", Kind.STRING),
            Field.nested("assurance", Kind.OBJECT,
                    Field.of("preset", Kind.STRING).oneOf("none", "eidas", "franceconnect", "spid"),
                    Field.of("table", Kind.STRING_MAP),
                    Field.of("when_missing", Kind.STRING),
                    Field.of("sync_mode", Kind.STRING).oneOf("INHERIT", "IMPORT", "LEGACY", "FORCE"))),
            IdentityProviderForm::defaults),

    DATASETS("datasets", "datasets.json", "name", List.of(
            Field.required("name", Kind.STRING).matching("[a-z0-9][a-z0-9._-]{0,62}"),
            Field.of("display_name", Kind.STRING),
            Field.required("sensitivity", Kind.STRING).oneOf("open", "quasi-sensitive", "sensitive"),
            Field.of("owner_organization", Kind.STRING),
            Field.of("allowed_purposes", Kind.STRING_SET),
            Field.of("allowed_organizations", Kind.STRING_SET),
            Field.of("allowed_stakeholder_types", Kind.STRING_SET),
            Field.of("personal_data", Kind.BOOLEAN),
            Field.of("time_window", Kind.STRING),
            Field.of("minimum_assurance", Kind.STRING),
            Field.of("trusted_environment", Kind.BOOLEAN),
            Field.of("sender_constrained", Kind.BOOLEAN),
            Field.of("uris", Kind.STRING_SET),
            Field.readOnly("policy_version"),
            Field.readOnly("problem")),
            // The server's defaults, written out so that "absent" and "stated as the default" compare equal.
            o -> {
                boolean sensitive = "sensitive".equals(o.path("sensitivity").asText());
                o.put("personal_data", o.path("personal_data").asBoolean(false));
                o.put("trusted_environment", o.path("trusted_environment").asBoolean(sensitive));
                o.put("sender_constrained", o.path("sender_constrained").asBoolean(sensitive));
            }),

    AGREEMENTS("agreements", "agreements.json", "id", List.of(
            Field.required("id", Kind.STRING).matching("[A-Za-z0-9][A-Za-z0-9._-]{0,62}"),
            Field.of("name", Kind.STRING),
            Field.required("parties", Kind.STRING_SET),
            Field.required("datasets", Kind.STRING_SET),
            Field.required("purposes", Kind.STRING_SET),
            Field.required("not_before", Kind.INSTANT),
            Field.required("not_on_or_after", Kind.INSTANT),
            Field.of("status", Kind.STRING).oneOf("active", "suspended", "revoked"),
            Field.of("consent_required", Kind.BOOLEAN)),
            o -> {
                o.put("status", o.path("status").asText("active"));
                o.put("consent_required", o.path("consent_required").asBoolean(false));
            }),

    TRUST_ANCHORS("trust_anchors", "trust-anchors.json", "pin", List.of(
            Field.of("pin", Kind.STRING),
            Field.required("purpose", Kind.STRING).oneOf("idevid", "attestation"),
            Field.required("certificate", Kind.PEM_CERTIFICATE),
            Field.readOnly("subject"),
            Field.readOnly("not_after")),
            o -> { }),

    ENROLLMENT_GROUPS("enrollment_groups", "enrollment-groups.json", "name", List.of(
            Field.required("name", Kind.STRING).matching("[a-z0-9][a-z0-9-]{1,62}"),
            Field.of("description", Kind.STRING),
            Field.of("enabled", Kind.BOOLEAN),
            Field.required("anchors", Kind.STRING_SET),
            Field.required("evidence_types", Kind.STRING_SET),
            Field.of("serial_allowlist", Kind.STRING_SET),
            Field.of("serial_pattern", Kind.STRING),
            Field.required("quota", Kind.INTEGER),
            Field.of("device_id_template", Kind.STRING),
            Field.of("certificate_validity", Kind.DURATION),
            Field.of("auto_approve", Kind.BOOLEAN),
            Field.of("min_firmware", Kind.STRING),
            Field.of("require_secure_boot", Kind.BOOLEAN),
            Field.of("require_debug_disabled", Kind.BOOLEAN),
            Field.of("scopes", Kind.STRING_SET),
            Field.of("roles", Kind.STRING_SET),
            Field.of("audiences", Kind.STRING_SET),
            Field.of("token_binding", Kind.STRING).oneOf("mtls", "dpop"),
            Field.of("rotation_overlap", Kind.DURATION),
            Field.of("owner", Kind.STRING)),
            o -> o.put("enabled", o.path("enabled").asBoolean(true))),

    INACTIVITY_POLICY("inactivity_policy", "inactivity-policy.json", null, List.of(
            Field.required("warn_after", Kind.DURATION),
            Field.required("disable_after", Kind.DURATION),
            Field.required("delete_after", Kind.DURATION),
            Field.required("final_action", Kind.STRING).oneOf("delete", "anonymise"),
            Field.of("never_logged_in_grace", Kind.DURATION),
            Field.of("exempt_groups", Kind.STRING_SET),
            Field.readOnly("version"),
            Field.readOnly("updated_at")),
            o -> { }),

    BIRTHRIGHT_POLICY("birthright_policy", "birthright-policy.json", null, List.of(
            Field.nested("rules", Kind.OBJECT_LIST,
                    Field.required("id", Kind.STRING).matching("[a-z0-9][a-z0-9-]{0,63}"),
                    // attribute with in, or organization (an alias): BirthrightChecks holds them to one of the two.
                    Field.nested("when", Kind.OBJECT,
                            Field.of("attribute", Kind.STRING),
                            Field.of("in", Kind.STRING_LIST),
                            Field.of("organization", Kind.STRING)).require(),
                    Field.of("groups", Kind.STRING_LIST),
                    Field.of("realm_roles", Kind.STRING_LIST),
                    Field.nested("client_roles", Kind.OBJECT_LIST,
                            Field.required("client", Kind.STRING),
                            Field.required("role", Kind.STRING)),
                    Field.of("required_actions", Kind.STRING_LIST)).require(),
            Field.of("mover_grace", Kind.DURATION),
            Field.of("start_date_attribute", Kind.STRING),
            Field.readOnly("version"),
            Field.readOnly("updated_at")),
            ServerDefaults::birthright),

    /** The leaver settings: always present on the server (its defaults until set), so declaring them updates. */
    LEAVER_POLICY("leaver_policy", "leaver-policy.json", null, List.of(
            Field.of("enabled", Kind.BOOLEAN),
            Field.of("end_date_attribute", Kind.STRING),
            Field.of("hr_attribute", Kind.STRING),
            Field.of("hr_left_values", Kind.STRING_SET),
            Field.of("remove_access", Kind.BOOLEAN),
            Field.of("unlink_identity_providers", Kind.BOOLEAN),
            Field.of("sla", Kind.DURATION),
            Field.of("anonymise_after", Kind.DURATION)),
            ServerDefaults::leaver),

    /** Whether and how often the hygiene scan runs, and its limits; like the leaver settings, always present. */
    HYGIENE_POLICY("hygiene_policy", "hygiene-policy.json", null, List.of(
            Field.of("enabled", Kind.BOOLEAN),
            Field.of("interval", Kind.DURATION),
            Field.of("max_client_secret_age", Kind.DURATION),
            Field.of("service_account_unused_after", Kind.DURATION),
            Field.of("pending_password_change_after", Kind.DURATION)),
            ServerDefaults::hygiene),

    REVIEW_DEFINITIONS("review_definitions", "review-definitions.json", "id", List.of(
            Field.required("id", Kind.STRING).matching("[a-z0-9][a-z0-9-]{0,63}"),
            Field.of("name", Kind.STRING),
            Field.nested("scope", Kind.OBJECT,
                    Field.nested("selectors", Kind.OBJECT_LIST,
                            Field.required("type", Kind.STRING).oneOf("realm_role", "client_role", "group", "organization", "idp_link",
                                    "service_account", "account"),
                            Field.of("name", Kind.STRING),
                            Field.of("client", Kind.STRING),
                            Field.of("path", Kind.STRING).matching("/.*"),
                            Field.of("attribute", Kind.STRING),
                            Field.of("value", Kind.STRING)).require(),
                    Field.of("privileged_only", Kind.BOOLEAN),
                    Field.nested("filters", Kind.OBJECT,
                            Field.of("subject_attributes", Kind.ATTRIBUTE_MATCH),
                            Field.of("access_attributes", Kind.ATTRIBUTE_MATCH),
                            Field.of("inactive_for", Kind.DURATION),
                            Field.of("min_sensitivity", Kind.STRING).oneOf("open", "quasi-sensitive", "sensitive"),
                            Field.of("subjects", Kind.STRING).oneOf("guests", "members", "all"))).require(),
            Field.nested("reviewers", Kind.OBJECT_MAP,
                    Field.required("type", Kind.STRING).oneOf("owner", "manager", "users", "group"),
                    Field.of("attribute", Kind.STRING),
                    Field.of("levels", Kind.INTEGER),
                    Field.of("users", Kind.STRING_LIST),
                    Field.of("group", Kind.STRING).matching("/.*"),
                    Field.of("fallback", Kind.STRING)).require(),
            Field.of("fallback_reviewer", Kind.STRING),
            Field.nested("stages", Kind.OBJECT_LIST,
                    Field.of("name", Kind.STRING),
                    Field.required("duration", Kind.DURATION),
                    Field.required("reviewer", Kind.STRING),
                    Field.of("advance_on", Kind.STRING_SET)).require(),
            Field.of("non_response", Kind.STRING).oneOf("NO_CHANGE", "REVOKE", "ACCEPT", "TAKE_RECOMMENDATION"),
            Field.nested("blast_radius", Kind.OBJECT,
                    Field.of("max_auto_revoke_percent", Kind.INTEGER),
                    Field.of("break_glass_group", Kind.STRING).matching("/.*")),
            Field.nested("remediation", Kind.OBJECT,
                    Field.of("mode", Kind.STRING).oneOf("AUTO", "MANUAL"),
                    Field.of("leave_groups", Kind.BOOLEAN),
                    Field.of("remove_composites", Kind.BOOLEAN),
                    Field.of("managed_members", Kind.STRING).oneOf("disable-account", "unlink-provider", "manual")),
            Field.of("comments", Kind.STRING).oneOf("ALL", "REVOKE_ONLY", "NONE"),
            // starts_at is required here: without it the server anchors the period at the save time, so every
            // apply would move it.
            Field.nested("recurrence", Kind.OBJECT,
                    Field.required("every", Kind.STRING),
                    Field.required("starts_at", Kind.INSTANT)),
            Field.of("trigger", Kind.STRING).oneOf("mover"),
            Field.of("inactive_after", Kind.DURATION),
            Field.nested("notifications", Kind.OBJECT,
                    Field.of("assignment", Kind.BOOLEAN),
                    Field.of("reminders", Kind.STRING_LIST),
                    Field.of("escalate_after", Kind.DURATION),
                    Field.of("escalate_to", Kind.STRING),
                    Field.of("webhook", Kind.STRING).matching("https?://.+")),
            Field.of("cadence_by_sensitivity", Kind.STRING_MAP),
            Field.readOnly("version"),
            Field.readOnly("updated_at")),
            ServerDefaults::reviewDefinition);

    /** The id of the one object of a singleton type. */
    public static final String SINGLETON_ID = "policy";

    private final String key;
    private final String fileName;
    private final String idField;
    private final List<Field> fields;
    private final Consumer<ObjectNode> defaults;

    ObjectType(String key, String fileName, String idField, List<Field> fields, Consumer<ObjectNode> defaults) {
        this.key = key;
        this.fileName = fileName;
        this.idField = idField;
        this.fields = fields;
        this.defaults = defaults;
    }

    /** The member name that holds the objects in the type's file, e.g. {@code datasets}. */
    public String key() {
        return key;
    }

    public String fileName() {
        return fileName;
    }

    /** The field that identifies an object, or null for a singleton (one object per realm). */
    public String idField() {
        return idField;
    }

    public boolean singleton() {
        return idField == null;
    }

    public List<Field> fields() {
        return fields;
    }

    public Optional<Field> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** Fills in the server's defaults on a raw object, before it is canonicalised. */
    public void applyDefaults(ObjectNode raw) {
        defaults.accept(raw);
    }

    /**
     * The live object as far as a declaration can speak about it: for identity providers only the config keys
     * the file names, and secrets the server answers masked taken as unchanged (see {@link IdentityProviderForm}).
     */
    public ObjectNode comparable(ObjectNode desired, ObjectNode live) {
        return this == IDENTITY_PROVIDERS ? IdentityProviderForm.comparable(desired, live) : live;
    }

    /**
     * Whether a live object is just the server's defaults of a settings type (leaver, hygiene): such a type always
     * reads as present, so "no policy" is "at the defaults", and a fully managed {@code null} has nothing to delete.
     */
    public boolean atServerDefaults(ObjectNode canonicalLive) {
        return (this == LEAVER_POLICY || this == HYGIENE_POLICY)
                && canonicalLive.equals(Canonical.of(this, com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()));
    }

    public static Optional<ObjectType> byFileName(String fileName) {
        for (ObjectType t : values()) {
            if (t.fileName.equals(fileName)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
