package city.iam.device.group;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * An enrollment group: who may enrol (anchors, serials, quota), how they prove it (evidence types, posture)
 * and what they get (device id, certificate profile, fleet client roles and scopes). Deny by default: an
 * empty anchor or serial list admits nobody.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnrollmentGroup(
        @JsonProperty("name") String name,
        @JsonProperty("description") String description,
        @JsonProperty("enabled") Boolean enabled,
        /** SPKI SHA-256 pins of the IDevID / attestation anchors this group accepts. */
        @JsonProperty("anchors") List<String> anchors,
        /** {@code eat} (JSON enrol with evidence) and/or {@code idevid-tls} (EST over mTLS with the IDevID). */
        @JsonProperty("evidence_types") List<String> evidenceTypes,
        /** Serial globs ({@code SN-00*}); a serial must match one, or {@code serial_pattern}. */
        @JsonProperty("serial_allowlist") List<String> serialAllowlist,
        @JsonProperty("serial_pattern") String serialPattern,
        @JsonProperty("quota") Integer quota,
        /** e.g. {@code {group}-{serial}}; placeholders {group}, {serial}. */
        @JsonProperty("device_id_template") String deviceIdTemplate,
        /** ISO-8601 duration of issued certificates, e.g. P30D. */
        @JsonProperty("certificate_validity") String certificateValidity,
        @JsonProperty("auto_approve") Boolean autoApprove,
        @JsonProperty("min_firmware") String minFirmware,
        @JsonProperty("require_secure_boot") Boolean requireSecureBoot,
        @JsonProperty("require_debug_disabled") Boolean requireDebugDisabled,
        /** Client scopes and realm roles the group's fleet client gives its devices. */
        @JsonProperty("scopes") List<String> scopes,
        @JsonProperty("roles") List<String> roles,
        /** Client ids of the resource servers the devices' tokens are for (the token audience). */
        @JsonProperty("audiences") List<String> audiences,
        /** {@code mtls} (default: tokens bound to the LDevID) or {@code dpop} (gateways behind a TLS terminator). */
        @JsonProperty("token_binding") String tokenBinding,
        /** ISO-8601 duration an old certificate stays usable after rotation, unless the new one is used first. */
        @JsonProperty("rotation_overlap") String rotationOverlap,
        /** Who answers for the fleet (a username or user id): set as {@code city-iam.owner} on the fleet client and mailed when a device is quarantined or revoked. */
        @JsonProperty("owner") String owner) {

    public static final String EVIDENCE_EAT = "eat";
    public static final String EVIDENCE_IDEVID_TLS = "idevid-tls";

    public boolean isEnabled() {
        return enabled == null || enabled;
    }

    public boolean accepts(String evidenceType) {
        return evidenceTypes != null && evidenceTypes.contains(evidenceType);
    }

    public boolean dpopBound() {
        return "dpop".equals(tokenBinding);
    }

    /** The Keycloak client that all devices of this group authenticate as (one per group, not per device). */
    public String fleetClientId() {
        return fleetClientId(name);
    }

    public static String fleetClientId(String groupName) {
        return "fleet-" + groupName;
    }
}
