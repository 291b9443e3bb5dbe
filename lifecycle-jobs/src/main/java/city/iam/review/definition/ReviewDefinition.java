package city.iam.review.definition;

import city.iam.kernel.people.UserRef;
import city.iam.kernel.error.CityIamException;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A validated review definition. {@link #parse} refuses anything it cannot run with a 400 naming the field,
 * so a stored definition is always one a campaign can be launched from.
 */
public record ReviewDefinition(String id, String name, List<Selector> selectors, boolean privilegedOnly,
                               Map<String, ReviewerSpec> reviewers, String fallbackReviewer, List<StageSpec> stages,
                               NonResponse nonResponse, int maxAutoRevokePercent, String breakGlassGroup,
                               RemediationMode remediationMode, boolean leaveGroups, boolean removeComposites, ManagedMembers managedMembers,
                               CommentPolicy comments, Recurrence recurrence, boolean onMove, Duration inactiveAfter, Notifications notifications,
                               Cadence cadence, ScopeFilters filters, int version) {

    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    /** The trigger of definitions launched for one user when the birthright job sees them move. */
    public static final String MOVER = "mover";
    static final Duration LONGEST_STAGE = Duration.ofDays(366);
    static final int MAX_SELECTORS = 100;
    static final int MAX_STAGES = 5;

    /** {@code attribute}/{@code value}: the account selector's optional filter. */
    public record Selector(ScopeType type, String name, String client, String path, String attribute, String value) {
        public Selector(ScopeType type, String name, String client, String path) {
            this(type, name, client, path, null, null);
        }

        public String describe() {
            return switch (type) {
                case REALM_ROLE -> "realm role " + name;
                case CLIENT_ROLE -> "client role " + client + "/" + name;
                case GROUP -> "group " + path;
                case ORGANIZATION -> "organization " + name;
                case IDP_LINK -> "identity provider links to " + name;
                case SERVICE_ACCOUNT -> client == null ? "roles of every service account" : "roles of the service account of " + client;
                case ACCOUNT -> attribute == null ? "every account" : "accounts with " + attribute + "=" + value;
            };
        }
    }

    public record ReviewerSpec(String name, ReviewerType type, String attribute, int levels, List<String> users, String group, String fallback) {
    }

    /** {@code advanceOnAccept}/{@code advanceOnNoResponse}: what moves an item on to the next stage; REVOKE always stops. */
    public record StageSpec(String name, Duration duration, String reviewer, boolean advanceOnAccept, boolean advanceOnNoResponse) {
    }

    public static ReviewDefinition parse(DefinitionDocument d, int version, Instant now) {
        if (d == null) {
            throw bad("missing_body", "The definition is required.");
        }
        if (d.id() == null || !ID.matcher(d.id()).matches()) {
            throw bad("invalid_id", "id is required: lower-case letters, digits and '-', at most 64 characters.");
        }
        String name = d.name() == null || d.name().isBlank() ? d.id() : d.name().trim();
        if (d.scope() == null || d.scope().selectors() == null || d.scope().selectors().isEmpty()) {
            throw bad("missing_scope", "scope.selectors must name at least one " + ScopeType.CODES + ".");
        }
        if (d.scope().selectors().size() > MAX_SELECTORS) {
            throw bad("invalid_scope", "scope.selectors has more than " + MAX_SELECTORS + " entries.");
        }
        List<Selector> selectors = new ArrayList<>();
        for (DefinitionDocument.Selector s : d.scope().selectors()) {
            selectors.add(selector(s));
        }
        Map<String, ReviewerSpec> reviewers = reviewers(d.reviewers());
        List<StageSpec> stages = stages(d.stages(), reviewers);
        NonResponse nonResponse = enumValue(NonResponse.class, "non_response", d.nonResponse(), NonResponse.NO_CHANGE);
        int cap = 100;
        String breakGlass = null;
        if (d.blastRadius() != null) {
            if (d.blastRadius().maxAutoRevokePercent() != null) {
                cap = d.blastRadius().maxAutoRevokePercent();
                if (cap < 0 || cap > 100) {
                    throw bad("invalid_blast_radius", "blast_radius.max_auto_revoke_percent is between 0 and 100, not " + cap + ".");
                }
            }
            breakGlass = d.blastRadius().breakGlassGroup();
        }
        RemediationMode mode = RemediationMode.AUTO;
        boolean leaveGroups = true;
        boolean removeComposites = false;
        ManagedMembers managedMembers = ManagedMembers.MANUAL;
        if (d.remediation() != null) {
            managedMembers = ManagedMembers.parse(d.remediation().managedMembers());
            mode = enumValue(RemediationMode.class, "remediation.mode", d.remediation().mode(), RemediationMode.AUTO);
            leaveGroups = d.remediation().leaveGroups() == null || d.remediation().leaveGroups();
            removeComposites = Boolean.TRUE.equals(d.remediation().removeComposites());
        }
        CommentPolicy comments = enumValue(CommentPolicy.class, "comments", d.comments(), CommentPolicy.REVOKE_ONLY);
        Recurrence recurrence = null;
        if (d.recurrence() != null) {
            Instant anchor = now;
            if (d.recurrence().startsAt() != null) {
                try {
                    anchor = Instant.parse(d.recurrence().startsAt());
                } catch (DateTimeException e) {
                    throw bad("invalid_recurrence", "recurrence.starts_at is not an ISO-8601 instant: '" + d.recurrence().startsAt() + "'.");
                }
            }
            recurrence = Recurrence.parse(d.recurrence().every(), anchor);
        }
        boolean onMove = false;
        if (d.trigger() != null) {
            if (!MOVER.equals(d.trigger())) {
                throw bad("invalid_trigger", "trigger is '" + MOVER + "' (a micro-review of a mover's discretionary access) or absent, not '" + d.trigger() + "'.");
            }
            if (recurrence != null) {
                throw bad("invalid_trigger", "A definition is launched on a recurrence or by moves, not both.");
            }
            onMove = true;
        }
        Duration inactiveAfter = d.inactiveAfter() == null ? Duration.ofDays(30) : duration("inactive_after", d.inactiveAfter());
        Notifications notifications = Notifications.parse(d.notifications(), reviewers, stages);
        Cadence cadence = Cadence.parse(d.cadenceBySensitivity());
        ScopeFilters filters = ScopeFilters.parse(d.scope().filters());
        if (!cadence.always() && onMove) {
            throw bad("invalid_cadence", "A mover's micro-review reviews what the move left; it has no cadence.");
        }
        return new ReviewDefinition(d.id(), name, List.copyOf(selectors), Boolean.TRUE.equals(d.scope().privilegedOnly()), reviewers,
                blankToNull(d.fallbackReviewer()), List.copyOf(stages), nonResponse, cap, blankToNull(breakGlass), mode, leaveGroups,
                removeComposites, managedMembers, comments, recurrence, onMove, inactiveAfter, notifications, cadence, filters, version);
    }

    /** The stored form: everything explicit, with the server's version and time. */
    public DefinitionDocument document(String updatedAt) {
        List<DefinitionDocument.Selector> s = selectors.stream()
                .map(x -> new DefinitionDocument.Selector(x.type().code(), x.name(), x.client(), x.path(), x.attribute(), x.value())).toList();
        Map<String, DefinitionDocument.Reviewer> r = new LinkedHashMap<>();
        reviewers.forEach((k, v) -> r.put(k, new DefinitionDocument.Reviewer(v.type().code(), v.attribute(),
                v.type() == ReviewerType.MANAGER ? v.levels() : null, v.users().isEmpty() ? null : v.users(), v.group(), v.fallback())));
        List<DefinitionDocument.Stage> st = stages.stream().map(x -> {
            List<String> adv = new ArrayList<>();
            if (x.advanceOnAccept()) {
                adv.add("ACCEPT");
            }
            if (x.advanceOnNoResponse()) {
                adv.add("NO_RESPONSE");
            }
            return new DefinitionDocument.Stage(x.name(), x.duration().toString(), x.reviewer(), adv);
        }).toList();
        return new DefinitionDocument(id, name, new DefinitionDocument.Scope(s, privilegedOnly, filters.document()), r, fallbackReviewer, st,
                nonResponse.name(), new DefinitionDocument.BlastRadius(maxAutoRevokePercent, breakGlassGroup),
                new DefinitionDocument.Remediation(remediationMode.name(), leaveGroups, removeComposites,
                        managedMembers.code()), comments.name(),
                recurrence == null ? null : new DefinitionDocument.Recurrence(recurrence.every(), recurrence.anchor().toString()),
                onMove ? MOVER : null, inactiveAfter.toString(), notifications.document(), cadence.document(), version, updatedAt);
    }

    /** One scope selector, validated; SoD rules name their sides the same way. */
    public static Selector selector(DefinitionDocument.Selector s) {
        if (s == null || s.type() == null) {
            throw bad("invalid_scope", "Every scope selector needs a type: " + ScopeType.CODES + ".");
        }
        ScopeType type = ScopeType.parse(s.type());
        if (type == null) {
            throw bad("unknown_scope_type", "Scope type '" + s.type() + "' is unknown; use " + ScopeType.CODES + ".");
        }
        if (type != ScopeType.ACCOUNT && (s.attribute() != null || s.value() != null)) {
            throw bad("invalid_scope", "attribute and value filter account selectors only, not " + type.code() + ".");
        }
        switch (type) {
            case REALM_ROLE -> require("scope realm_role name", s.name());
            case CLIENT_ROLE -> {
                require("scope client_role client", s.client());
                require("scope client_role name", s.name());
            }
            case GROUP -> {
                require("scope group path", s.path());
                if (!s.path().startsWith("/")) {
                    throw bad("invalid_scope", "A group path starts with '/': '" + s.path() + "'.");
                }
            }
            case ORGANIZATION -> require("scope organization name (the organisation's alias)", s.name());
            case IDP_LINK -> require("scope idp_link name (the identity provider's alias)", s.name());
            case SERVICE_ACCOUNT -> {
                if (s.name() != null || s.path() != null) {
                    throw bad("invalid_scope", "A service_account selector names a client (or none, for every client), not a name or path.");
                }
            }
            case ACCOUNT -> {
                if (s.name() != null || s.client() != null || s.path() != null) {
                    throw bad("invalid_scope", "An account selector takes only an optional attribute and value.");
                }
                if ((s.attribute() == null) != (s.value() == null) || (s.attribute() != null && (s.attribute().isBlank() || s.value().isBlank()))) {
                    throw bad("invalid_scope", "An account selector's filter needs both attribute and value, or neither.");
                }
            }
        }
        return new Selector(type, s.name(), s.client(), s.path(), s.attribute(), s.value());
    }

    private static Map<String, ReviewerSpec> reviewers(Map<String, DefinitionDocument.Reviewer> docs) {
        if (docs == null || docs.isEmpty()) {
            throw bad("missing_reviewers", "reviewers must name at least one resolver (owner, manager, users or group).");
        }
        Map<String, ReviewerSpec> out = new LinkedHashMap<>();
        for (Map.Entry<String, DefinitionDocument.Reviewer> e : docs.entrySet()) {
            DefinitionDocument.Reviewer r = e.getValue();
            if (r == null || r.type() == null) {
                throw bad("invalid_reviewer", "Reviewer '" + e.getKey() + "' needs a type: owner, manager, users or group.");
            }
            ReviewerType type = ReviewerType.parse(r.type());
            if (type == null) {
                throw bad("unknown_reviewer_type", "Reviewer '" + e.getKey() + "' has unknown type '" + r.type() + "'; use owner, manager, users or group.");
            }
            int levels = r.levels() == null ? 3 : r.levels();
            if (levels < 1 || levels > 10) {
                throw bad("invalid_reviewer", "Reviewer '" + e.getKey() + "': levels is between 1 and 10.");
            }
            String attribute = r.attribute() != null ? r.attribute() : switch (type) {
                case OWNER -> UserRef.OWNER;
                case MANAGER -> UserRef.MANAGER;
                default -> null;
            };
            List<String> users = r.users() == null ? List.of() : List.copyOf(r.users());
            if (type == ReviewerType.USERS && users.isEmpty()) {
                throw bad("invalid_reviewer", "Reviewer '" + e.getKey() + "' of type users needs a users list.");
            }
            if (type == ReviewerType.GROUP) {
                require("reviewer '" + e.getKey() + "' group", r.group());
            }
            out.put(e.getKey(), new ReviewerSpec(e.getKey(), type, attribute, levels, users, r.group(), blankToNull(r.fallback())));
        }
        for (ReviewerSpec spec : out.values()) {
            Set<String> seen = new HashSet<>();
            ReviewerSpec at = spec;
            while (at != null) {
                if (!seen.add(at.name())) {
                    throw bad("reviewer_chain_cycle", "The reviewer fallback chain starting at '" + spec.name() + "' comes back to '"
                            + at.name() + "'.");
                }
                if (at.fallback() == null) {
                    break;
                }
                ReviewerSpec next = out.get(at.fallback());
                if (next == null) {
                    throw bad("unknown_reviewer", "Reviewer '" + at.name() + "' falls back to '" + at.fallback() + "', which is not defined.");
                }
                at = next;
            }
        }
        return out;
    }

    private static List<StageSpec> stages(List<DefinitionDocument.Stage> docs, Map<String, ReviewerSpec> reviewers) {
        if (docs == null || docs.isEmpty()) {
            throw bad("missing_stages", "stages must list at least one stage with a duration and a reviewer.");
        }
        if (docs.size() > MAX_STAGES) {
            throw bad("invalid_stages", "At most " + MAX_STAGES + " stages.");
        }
        List<StageSpec> out = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            DefinitionDocument.Stage s = docs.get(i);
            String label = "stages[" + i + "]";
            if (s == null) {
                throw bad("invalid_stages", label + " is empty.");
            }
            Duration duration = duration(label + ".duration", s.duration());
            if (duration.compareTo(LONGEST_STAGE) > 0) {
                throw bad("invalid_duration", label + ".duration is longer than a year.");
            }
            require(label + ".reviewer", s.reviewer());
            if (!reviewers.containsKey(s.reviewer())) {
                throw bad("unknown_reviewer", label + ".reviewer names '" + s.reviewer() + "', which reviewers does not define.");
            }
            EnumSet<Advance> advance = EnumSet.of(Advance.ACCEPT, Advance.NO_RESPONSE);
            if (s.advanceOn() != null) {
                advance = EnumSet.noneOf(Advance.class);
                for (String a : s.advanceOn()) {
                    advance.add(enumValue(Advance.class, label + ".advance_on", a, null));
                }
            }
            out.add(new StageSpec(s.name() == null ? "stage-" + (i + 1) : s.name(), duration, s.reviewer(),
                    advance.contains(Advance.ACCEPT), advance.contains(Advance.NO_RESPONSE)));
        }
        return out;
    }

    private enum Advance { ACCEPT, NO_RESPONSE }

    static Duration duration(String field, String value) {
        require(field, value);
        Duration d;
        try {
            d = Duration.parse(value);
        } catch (DateTimeException e) {
            throw bad("invalid_duration", field + " is not an ISO-8601 duration in days or smaller units (e.g. P14D, PT1H): '" + value + "'.");
        }
        if (d.isNegative() || d.isZero()) {
            throw bad("invalid_duration", field + " must be a positive duration, not '" + value + "'.");
        }
        return d;
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String field, String value, E fallback) {
        if (value == null) {
            if (fallback == null) {
                throw bad("missing_field", field + " is required.");
            }
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> allowed = new ArrayList<>();
            for (E c : type.getEnumConstants()) {
                allowed.add(c.name());
            }
            throw bad("invalid_" + field.replaceAll("[^a-z_]", "_").replaceAll("_+", "_"), field + " is one of " + allowed + ", not '" + value + "'.");
        }
    }

    private static void require(String field, String value) {
        if (value == null || value.isBlank()) {
            throw bad("missing_field", field + " is required.");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static CityIamException bad(String code, String description) {
        return CityIamException.badRequest(code, description);
    }

    public boolean lastStage(int stage) {
        return stage >= stages.size();
    }

    public StageSpec stage(int stage) {
        return stages.get(stage - 1);
    }
}
