package city.iam.dataset.audit;

import city.iam.dataset.jpa.DatasetEntityProvider;
import city.iam.dataset.jpa.DecisionEntity;
import city.iam.dataset.policy.Dataset;
import city.iam.dataset.policy.Decision;
import city.iam.dataset.policy.DatasetScope;
import city.iam.dataset.policy.Purpose;
import city.iam.dataset.policy.Reason;
import city.iam.dataset.policy.Subject;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.time.Instant;
import java.util.stream.Collectors;

/** Turns a decision into its audit record and hands it to the node's {@link DecisionLog}. */
public final class DecisionRecorder {

    /** Where the decision was asked. */
    public enum Channel { UMA, DECISION, WHAT_IF }

    private DecisionRecorder() {
    }

    public static String record(KeycloakSession session, RealmModel realm, Channel channel, Subject subject, String datasetName,
                                Dataset dataset, DatasetScope scope, Purpose purpose, Decision decision, Instant at, long latencyNanos) {
        DecisionEntity e = new DecisionEntity();
        e.setId(KeycloakModelUtils.generateId());
        e.setRealmId(realm.getId());
        e.setDecidedAt(at.toEpochMilli());
        e.setChannel(channel.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        e.setSimulated(channel == Channel.WHAT_IF);
        if (subject != null) {
            e.setSubjectId(subject.id());
            e.setSubjectName(cut(subject.name(), 255));
            e.setOrganizations(cut(String.join(",", new java.util.TreeSet<>(subject.organizations())), 255));
            e.setClientId(subject.clientId());
            e.setDeviceId(subject.deviceId());
        }
        e.setDataset(datasetName);
        e.setSensitivity(dataset == null ? null : dataset.sensitivity().code());
        e.setScope(scope.code());
        e.setPurpose(purpose == null ? null : purpose.code());
        e.setAgreementId(decision.agreementId());
        e.setPolicyVersion(decision.policyVersion());
        e.setResult(decision.permit() ? "PERMIT" : "DENY");
        e.setReasons(decision.reasons().isEmpty() ? null
                : cut(decision.reasons().stream().map(Reason::name).collect(Collectors.joining(",")), 512));
        e.setLatencyMicros(latencyNanos / 1000);
        log(session).record(e);
        return e.getId();
    }

    public static DecisionLog log(KeycloakSession session) {
        return DatasetEntityProvider.of(session).decisionLog();
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
