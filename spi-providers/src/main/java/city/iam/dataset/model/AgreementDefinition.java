package city.iam.dataset.model;

import city.iam.dataset.policy.Agreement;
import city.iam.dataset.policy.AgreementStatus;
import city.iam.dataset.policy.Purpose;
import city.iam.kernel.error.CityIamException;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** A data-sharing agreement as the admin API and {@code realm-config/} write it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgreementDefinition(
        @JsonProperty("id") String id,
        @JsonProperty("name") String name,
        @JsonProperty("parties") List<String> parties,
        @JsonProperty("datasets") List<String> datasets,
        @JsonProperty("purposes") List<String> purposes,
        @JsonProperty("not_before") String notBefore,
        @JsonProperty("not_on_or_after") String notOnOrAfter,
        @JsonProperty("status") String status,
        @JsonProperty("consent_required") Boolean consentRequired) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    public Agreement validate() {
        if (id == null || !ID.matcher(id).matches()) {
            throw CityIamException.badRequest("invalid_agreement", "Agreement id '" + id + "' must be 1-63 letters, digits, '.', '_' or '-'.");
        }
        if (name != null && (name.isBlank() || name.length() > 255)) {
            throw invalid("name must be 1-255 characters");
        }
        Set<String> p = required("parties", parties);
        Set<String> d = required("datasets", datasets);
        List<Purpose> u = required("purposes", purposes).stream().map(Purpose::parse).toList();
        Instant from = instant("not_before", notBefore);
        Instant to = instant("not_on_or_after", notOnOrAfter);
        if (!to.isAfter(from)) {
            throw CityIamException.badRequest("invalid_validity", "Agreement " + id + ": not_on_or_after (" + to
                    + ") must be after not_before (" + from + ").");
        }
        AgreementStatus s = status == null ? AgreementStatus.ACTIVE : AgreementStatus.parse(status);
        return new Agreement(id, name, p, d, u, from, to, s, Boolean.TRUE.equals(consentRequired));
    }

    public static AgreementDefinition of(Agreement a) {
        return new AgreementDefinition(a.id(), a.name(), List.copyOf(new java.util.TreeSet<>(a.parties())),
                List.copyOf(new java.util.TreeSet<>(a.datasets())), a.purposes().stream().map(Purpose::code).toList(),
                a.notBefore().toString(), a.notOnOrAfter().toString(), a.status().code(), a.consentRequired());
    }

    private Set<String> required(String field, List<String> values) {
        if (values == null || values.isEmpty()) {
            throw invalid(field + " must name at least one");
        }
        if (values.size() > DatasetDefinition.MAX_VALUES * 10) {
            throw invalid(field + " has too many values");
        }
        Set<String> set = new LinkedHashSet<>();
        for (String v : values) {
            if (v == null || v.isBlank() || v.length() > 63) {
                throw invalid(field + " has an empty or over-long value");
            }
            set.add(v);
        }
        return set;
    }

    private Instant instant(String field, String value) {
        if (value == null) {
            throw invalid(field + " is required");
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid(field + " is not an ISO-8601 instant: " + value);
        }
    }

    private CityIamException invalid(String what) {
        return CityIamException.badRequest("invalid_agreement", "Agreement " + id + ": " + what + ".");
    }
}
