package city.iam.dataset.authz;

import city.iam.dataset.audit.DecisionRecorder;
import city.iam.dataset.policy.Dataset;
import city.iam.dataset.policy.DatasetScope;
import city.iam.dataset.policy.Decision;
import city.iam.dataset.policy.Purpose;
import city.iam.dataset.policy.Reason;
import city.iam.dataset.policy.Subject;
import city.iam.kernel.error.CityIamException;
import org.keycloak.authorization.attribute.Attributes;
import org.keycloak.authorization.common.KeycloakIdentity;
import org.keycloak.authorization.model.Policy;
import org.keycloak.authorization.model.Resource;
import org.keycloak.authorization.model.Scope;
import org.keycloak.authorization.permission.ResourcePermission;
import org.keycloak.authorization.policy.evaluation.Evaluation;
import org.keycloak.authorization.policy.provider.PolicyProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;

import java.util.Collection;
import java.util.Set;

/**
 * Evaluates the {@code dataset} policy inside Keycloak's Authorization Services (UMA, {@code
 * response_mode=decision|permissions}, the admin Evaluate tab). Stateless: everything comes from the
 * evaluation. Anything it cannot read (a non-dataset resource, broken attributes, two purposes) denies.
 */
final class DatasetPolicyProvider implements PolicyProvider {

    private static final String SUBJECT_ATTRIBUTE = "city-iam.dataset.subject.";
    private static final Object NO_SUBJECT = new Object();

    @Override
    public void evaluate(Evaluation evaluation) {
        long started = System.nanoTime();
        ResourcePermission permission = evaluation.getPermission();
        Resource resource = permission.getResource();
        if (resource == null) {
            evaluation.deny();
            return;
        }
        KeycloakSession session = evaluation.getAuthorizationProvider().getKeycloakSession();
        RealmModel realm = evaluation.getAuthorizationProvider().getRealm();
        DatasetScope scope = scope(evaluation.getParentPolicy(), permission.getScopes());
        Subject subject = subject(session, realm, evaluation);
        Dataset dataset = null;
        Purpose purpose = null;
        Decision decision = null;
        try {
            dataset = DatasetDecisions.rules(session, resource);
        } catch (CityIamException e) {
            decision = Decision.refused(Reason.POLICY_MISCONFIGURED, e.description());
        }
        if (dataset != null) {
            try {
                purpose = purpose(evaluation);
            } catch (CityIamException e) {
                decision = Decision.refused(Reason.PURPOSE_NOT_ALLOWED, e.description());
            }
        }
        if (decision == null) {
            try {
                decision = DatasetDecisions.decider(session, realm).decide(subject, dataset, scope, purpose, DatasetDecisions.now());
            } catch (CityIamException e) {
                decision = Decision.refused(Reason.POLICY_MISCONFIGURED, e.description());
            }
        }
        if (decision.permit()) {
            evaluation.grant();
        } else {
            evaluation.deny();
        }
        if (DatasetDecisions.audited(realm, scope, decision)) {
            DecisionRecorder.record(session, realm, DecisionRecorder.Channel.UMA, subject, resource.getName(), dataset, scope,
                    purpose, decision, DatasetDecisions.now(), System.nanoTime() - started);
        }
    }

    /**
     * The scope this evaluation decides: the scope of the permission that called the policy when it names
     * ours, else the strictest scope requested. An unscoped request asks for everything, so data.
     */
    static DatasetScope scope(Policy permission, Collection<Scope> requested) {
        Set<Scope> own = permission == null ? Set.of() : permission.getScopes();
        Collection<Scope> scopes = own.isEmpty() ? requested : own;
        boolean metadataOnly = !scopes.isEmpty();
        for (Scope s : scopes) {
            metadataOnly &= DatasetScope.find(s.getName()) == DatasetScope.METADATA_READ;
        }
        return metadataOnly ? DatasetScope.METADATA_READ : DatasetScope.DATA_READ;
    }

    /**
     * The caller, resolved once per request: a catalogue request evaluates the policy once per dataset, and
     * the organisation lookup is a query.
     */
    private static Subject subject(KeycloakSession session, RealmModel realm, Evaluation evaluation) {
        if (!(evaluation.getContext().getIdentity() instanceof KeycloakIdentity identity) || identity.getAccessToken() == null) {
            return null;
        }
        String key = SUBJECT_ATTRIBUTE + identity.getId();
        Object known = session.getAttribute(key);
        if (known != null) {
            return known instanceof Subject s ? s : null;
        }
        // A resource server asking for itself (the catalogue) is a client, not a user: its id names no user.
        UserModel user = identity.isResourceServer() ? null : user(session, realm, identity.getId());
        Subject subject = user == null ? null : SubjectResolver.resolve(session, realm, user, identity.getAccessToken());
        // No user is remembered too: a catalogue of 1 000 datasets asked 1 000 times otherwise.
        session.setAttribute(key, subject == null ? NO_SUBJECT : subject);
        return subject;
    }

    /**
     * The user Keycloak already loaded for the request's user session, when the token belongs to it. Looking
     * the user up again by id missed Keycloak's user cache on the UMA path: over half of the policy's time in
     * a profile of the load test went to that database read.
     */
    private static UserModel user(KeycloakSession session, RealmModel realm, String id) {
        UserSessionModel userSession = session.getContext().getUserSession();
        UserModel user = userSession == null || !realm.getId().equals(userSession.getRealm().getId()) ? null : userSession.getUser();
        if (user != null && id.equals(user.getId())) {
            return user;
        }
        return session.users().getUserById(realm, id);
    }

    /** The purpose pushed as a claim ({@code claim_token}) or carried by the permission ticket; one at most. */
    private static Purpose purpose(Evaluation evaluation) {
        Collection<String> values = evaluation.getPermission().getClaims().get("purpose");
        if (values == null || values.isEmpty()) {
            Attributes.Entry pushed = evaluation.getContext().getAttributes().getValue("purpose");
            if (pushed == null || pushed.isEmpty()) {
                return null;
            }
            if (pushed.size() > 1) {
                throw CityIamException.badRequest("invalid_purpose", "one purpose per request");
            }
            return Purpose.parse(pushed.asString(0));
        }
        if (values.size() > 1) {
            throw CityIamException.badRequest("invalid_purpose", "one purpose per request");
        }
        return Purpose.parse(values.iterator().next());
    }

    @Override
    public void close() {
    }
}
