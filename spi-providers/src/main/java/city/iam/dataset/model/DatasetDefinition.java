package city.iam.dataset.model;

import city.iam.dataset.policy.Dataset;
import city.iam.dataset.policy.Purpose;
import city.iam.dataset.policy.Sensitivity;
import city.iam.dataset.policy.TimeWindow;
import city.iam.kernel.error.CityIamException;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A dataset as the admin API and {@code realm-config/} write it. {@code trusted_environment} and
 * {@code sender_constrained} default to true for sensitive datasets and false otherwise. {@code problem} is
 * output only: it explains why a dataset whose attributes were broken outside this API denies everything.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DatasetDefinition(
        @JsonProperty("name") String name,
        @JsonProperty("display_name") String displayName,
        @JsonProperty("sensitivity") String sensitivity,
        @JsonProperty("owner_organization") String ownerOrganization,
        @JsonProperty("allowed_purposes") List<String> allowedPurposes,
        @JsonProperty("allowed_organizations") List<String> allowedOrganizations,
        @JsonProperty("allowed_stakeholder_types") List<String> allowedStakeholderTypes,
        @JsonProperty("personal_data") Boolean personalData,
        @JsonProperty("time_window") String timeWindow,
        @JsonProperty("minimum_assurance") String minimumAssurance,
        @JsonProperty("trusted_environment") Boolean trustedEnvironment,
        @JsonProperty("sender_constrained") Boolean senderConstrained,
        @JsonProperty("uris") List<String> uris,
        @JsonProperty("policy_version") Integer policyVersion,
        @JsonProperty("problem") String problem) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    private static final Set<String> RESERVED = Set.of("agreements", "what-if", "decisions", "export", "import");
    static final int MAX_VALUES = 100;

    /** Checks every field and builds the rules; anything wrong is a 400 naming the dataset and the field. */
    public Dataset validate(int version) {
        if (name == null || !NAME.matcher(name).matches() || RESERVED.contains(name)) {
            throw CityIamException.badRequest("invalid_dataset", "Dataset name '" + name
                    + "' must be 1-63 lower-case letters, digits, '.', '_' or '-', and not one of " + RESERVED + ".");
        }
        if (sensitivity == null) {
            throw invalid("sensitivity is required");
        }
        Sensitivity cls = Sensitivity.parse(sensitivity);
        text("display_name", displayName, 255);
        alias("owner_organization", ownerOrganization);
        List<Purpose> purposes = values("allowed_purposes", allowedPurposes).stream().map(Purpose::parse).toList();
        Set<String> orgs = values("allowed_organizations", allowedOrganizations);
        orgs.forEach(o -> alias("allowed_organizations", o));
        Set<String> types = values("allowed_stakeholder_types", allowedStakeholderTypes);
        types.forEach(t -> alias("allowed_stakeholder_types", t));
        values("uris", uris).forEach(u -> text("uris", u, 255));
        TimeWindow window = timeWindow == null ? null : TimeWindow.parse(timeWindow);
        text("minimum_assurance", minimumAssurance, 255);
        boolean sensitive = cls == Sensitivity.SENSITIVE;
        if (cls != Sensitivity.OPEN && ownerOrganization == null && orgs.isEmpty() && types.isEmpty()) {
            throw invalid(cls.code() + " data needs an owner_organization or allowed organisations");
        }
        return new Dataset(name, cls, ownerOrganization, purposes, orgs, types, Boolean.TRUE.equals(personalData), window,
                minimumAssurance, trustedEnvironment == null ? sensitive : trustedEnvironment,
                senderConstrained == null ? sensitive : senderConstrained, version);
    }

    private CityIamException invalid(String what) {
        return CityIamException.badRequest("invalid_dataset", "Dataset '" + name + "': " + what + ".");
    }

    private Set<String> values(String field, List<String> list) {
        if (list == null) {
            return Set.of();
        }
        if (list.size() > MAX_VALUES) {
            throw invalid(field + " has more than " + MAX_VALUES + " values");
        }
        Set<String> set = new LinkedHashSet<>();
        for (String v : list) {
            if (v == null || v.isBlank()) {
                throw invalid(field + " has an empty value");
            }
            set.add(v);
        }
        return set;
    }

    private void alias(String field, String value) {
        if (value != null && !ALIAS.matcher(value).matches()) {
            throw invalid(field + " value '" + value + "' is not an organisation alias");
        }
    }

    private void text(String field, String value, int max) {
        if (value != null && (value.isBlank() || value.length() > max)) {
            throw invalid(field + " must be 1-" + max + " characters");
        }
    }
}
