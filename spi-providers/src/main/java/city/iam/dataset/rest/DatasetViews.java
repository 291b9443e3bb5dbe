package city.iam.dataset.rest;

import city.iam.dataset.jpa.DecisionEntity;
import city.iam.dataset.model.AgreementDefinition;
import city.iam.dataset.model.DatasetDefinition;
import city.iam.dataset.policy.Check;
import city.iam.dataset.policy.Decision;
import city.iam.dataset.policy.Reason;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** What the dataset endpoints answer. */
final class DatasetViews {

    private DatasetViews() {
    }

    record Bulk(@JsonProperty("datasets") List<DatasetDefinition> datasets) {
    }

    record Bundle(@JsonProperty("datasets") List<DatasetDefinition> datasets,
                  @JsonProperty("agreements") List<AgreementDefinition> agreements) {
    }

    record BulkResult(@JsonProperty("created") List<String> created, @JsonProperty("updated") List<String> updated) {
    }

    record ImportResult(@JsonProperty("datasets") BulkResult datasets, @JsonProperty("agreements") BulkResult agreements) {
    }

    record DecisionRequest(@JsonProperty("dataset") String dataset, @JsonProperty("scope") String scope,
                           @JsonProperty("purpose") String purpose) {
    }

    /** The caller's view: codes only, and the acr to ask for when assurance was too low (research B5). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Answer(@JsonProperty("decision") String decision, @JsonProperty("reasons") List<Reason> reasons,
                  @JsonProperty("decision_id") String decisionId, @JsonProperty("agreement") String agreement,
                  @JsonProperty("acr_values") String acrValues) {

        static Answer of(Decision d, String id) {
            return new Answer(d.permit() ? "PERMIT" : "DENY", d.reasons(), id, d.agreementId(), d.requiredAcr());
        }
    }

    record Step(@JsonProperty("check") String check, @JsonProperty("passed") boolean passed,
                @JsonProperty("reason") Reason reason, @JsonProperty("detail") String detail) {

        static Step of(Check c) {
            return new Step(c.name(), c.passed(), c.reason(), c.detail());
        }
    }

    /** The administrator's view: the whole trace, marked simulated. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Trace(@JsonProperty("decision") String decision, @JsonProperty("reasons") List<Reason> reasons,
                 @JsonProperty("trace") List<Step> trace, @JsonProperty("agreement") String agreement,
                 @JsonProperty("acr_values") String acrValues, @JsonProperty("policy_version") int policyVersion,
                 @JsonProperty("evaluated_at") String evaluatedAt, @JsonProperty("simulated") boolean simulated,
                 @JsonProperty("decision_id") String decisionId) {

        static Trace of(Decision d, Instant at, String id) {
            return new Trace(d.permit() ? "PERMIT" : "DENY", d.reasons(), d.trace().stream().map(Step::of).toList(),
                    d.agreementId(), d.requiredAcr(), d.policyVersion(), at.toString(), true, id);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Record(@JsonProperty("id") String id, @JsonProperty("time") String time, @JsonProperty("channel") String channel,
                  @JsonProperty("simulated") boolean simulated, @JsonProperty("subject_id") String subjectId,
                  @JsonProperty("subject") String subject, @JsonProperty("organizations") List<String> organizations,
                  @JsonProperty("client_id") String clientId, @JsonProperty("device_id") String deviceId,
                  @JsonProperty("dataset") String dataset, @JsonProperty("sensitivity") String sensitivity,
                  @JsonProperty("scope") String scope, @JsonProperty("purpose") String purpose,
                  @JsonProperty("agreement") String agreement, @JsonProperty("policy_version") int policyVersion,
                  @JsonProperty("result") String result, @JsonProperty("reasons") List<String> reasons,
                  @JsonProperty("latency_micros") long latencyMicros) {

        static Record of(DecisionEntity e) {
            return new Record(e.getId(), Instant.ofEpochMilli(e.getDecidedAt()).toString(), e.getChannel(), e.isSimulated(),
                    e.getSubjectId(), e.getSubjectName(), split(e.getOrganizations()), e.getClientId(), e.getDeviceId(),
                    e.getDataset(), e.getSensitivity(), e.getScope(), e.getPurpose(), e.getAgreementId(), e.getPolicyVersion(),
                    e.getResult(), split(e.getReasons()), e.getLatencyMicros());
        }

        private static List<String> split(String s) {
            return s == null || s.isEmpty() ? List.of() : Arrays.asList(s.split(","));
        }
    }
}
