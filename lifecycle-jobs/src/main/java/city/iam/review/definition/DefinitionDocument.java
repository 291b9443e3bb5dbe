package city.iam.review.definition;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * A review definition as JSON, in requests and as stored next to the realm. {@code version} and
 * {@code updated_at} are assigned by the server; a client may send back what it read. Shares are whole
 * percents because audit payloads are canonical JSON, which carries no floating point.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DefinitionDocument(@JsonProperty("id") String id,
                                 @JsonProperty("name") String name,
                                 @JsonProperty("scope") Scope scope,
                                 @JsonProperty("reviewers") Map<String, Reviewer> reviewers,
                                 @JsonProperty("fallback_reviewer") String fallbackReviewer,
                                 @JsonProperty("stages") List<Stage> stages,
                                 @JsonProperty("non_response") String nonResponse,
                                 @JsonProperty("blast_radius") BlastRadius blastRadius,
                                 @JsonProperty("remediation") Remediation remediation,
                                 @JsonProperty("comments") String comments,
                                 @JsonProperty("recurrence") Recurrence recurrence,
                                 @JsonProperty("trigger") String trigger,
                                 @JsonProperty("inactive_after") String inactiveAfter,
                                 @JsonProperty("notifications") Notifications notifications,
                                 @JsonProperty("cadence_by_sensitivity") Map<String, String> cadenceBySensitivity,
                                 @JsonProperty("version") Integer version,
                                 @JsonProperty("updated_at") String updatedAt) {

    /** A document without a review cadence (every launch reviews every grant). */
    public DefinitionDocument(String id, String name, Scope scope, Map<String, Reviewer> reviewers, String fallbackReviewer, List<Stage> stages,
                              String nonResponse, BlastRadius blastRadius, Remediation remediation, String comments, Recurrence recurrence,
                              String trigger, String inactiveAfter, Notifications notifications, Integer version, String updatedAt) {
        this(id, name, scope, reviewers, fallbackReviewer, stages, nonResponse, blastRadius, remediation, comments, recurrence, trigger,
                inactiveAfter, notifications, null, version, updatedAt);
    }

    /** This document as a client's request for definition {@code id}: the server assigns version and time. */
    public DefinitionDocument asSentFor(String id) {
        return new DefinitionDocument(id, name, scope, reviewers, fallbackReviewer, stages, nonResponse, blastRadius, remediation, comments,
                recurrence, trigger, inactiveAfter, notifications, cadenceBySensitivity, null, null);
    }

    /**
     * What is reviewed: realm roles, client roles and groups, optionally only privileged ones, narrowed by
     * {@code filters} (absent: no narrowing).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Scope(@JsonProperty("selectors") List<Selector> selectors,
                        @JsonProperty("privileged_only") Boolean privilegedOnly,
                        @JsonProperty("filters") Filters filters) {

        public Scope(List<Selector> selectors, Boolean privilegedOnly) {
            this(selectors, privilegedOnly, null);
        }
    }

    /**
     * Narrows the scope's grants (see {@link ScopeFilters}). The attribute maps take a string or a list of strings
     * per attribute; they are read as plain objects so that a number or an object there is refused with a message
     * naming the attribute rather than a parser's.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Filters(@JsonProperty("subject_attributes") Map<String, Object> subjectAttributes,
                          @JsonProperty("access_attributes") Map<String, Object> accessAttributes,
                          @JsonProperty("inactive_for") String inactiveFor,
                          @JsonProperty("min_sensitivity") String minSensitivity,
                          @JsonProperty("subjects") String subjects) {
    }

    /**
     * {@code realm_role} (name), {@code client_role} (client, name), {@code group} (path), {@code organization}
     * (name: the organisation's alias), {@code idp_link} (name: the identity provider's alias),
     * {@code service_account} (client, or every client's when absent) or {@code account} (optionally only accounts
     * whose {@code attribute} has {@code value}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Selector(@JsonProperty("type") String type,
                           @JsonProperty("name") String name,
                           @JsonProperty("client") String client,
                           @JsonProperty("path") String path,
                           @JsonProperty("attribute") String attribute,
                           @JsonProperty("value") String value) {

        public Selector(String type, String name, String client, String path) {
            this(type, name, client, path, null, null);
        }
    }

    /** A named reviewer resolver; {@code fallback} names the resolver tried when this one finds nobody. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Reviewer(@JsonProperty("type") String type,
                           @JsonProperty("attribute") String attribute,
                           @JsonProperty("levels") Integer levels,
                           @JsonProperty("users") List<String> users,
                           @JsonProperty("group") String group,
                           @JsonProperty("fallback") String fallback) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Stage(@JsonProperty("name") String name,
                        @JsonProperty("duration") String duration,
                        @JsonProperty("reviewer") String reviewer,
                        @JsonProperty("advance_on") List<String> advanceOn) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BlastRadius(@JsonProperty("max_auto_revoke_percent") Integer maxAutoRevokePercent,
                              @JsonProperty("break_glass_group") String breakGlassGroup) {
    }

    /** {@code managed_members}: disable-account, unlink-provider or manual (see {@link ManagedMembers}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Remediation(@JsonProperty("mode") String mode,
                              @JsonProperty("leave_groups") Boolean leaveGroups,
                              @JsonProperty("remove_composites") Boolean removeComposites,
                              @JsonProperty("managed_members") String managedMembers) {

        public Remediation(String mode, Boolean leaveGroups, Boolean removeComposites) {
            this(mode, leaveGroups, removeComposites, null);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Recurrence(@JsonProperty("every") String every,
                             @JsonProperty("starts_at") String startsAt) {
    }

    /** Durations are ISO-8601; reminders count back from the stage deadline, escalate_after forward from its start. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Notifications(@JsonProperty("assignment") Boolean assignment,
                                @JsonProperty("reminders") List<String> reminders,
                                @JsonProperty("escalate_after") String escalateAfter,
                                @JsonProperty("escalate_to") String escalateTo,
                                @JsonProperty("webhook") String webhook) {
    }
}
