package city.iam.dataset.rest;

import city.iam.dataset.audit.DecisionRecorder;
import city.iam.dataset.authz.DatasetCatalog;
import city.iam.dataset.authz.DatasetDecisions;
import city.iam.dataset.authz.SubjectResolver;
import city.iam.dataset.policy.Dataset;
import city.iam.dataset.policy.DatasetScope;
import city.iam.dataset.policy.Decision;
import city.iam.dataset.policy.Purpose;
import city.iam.dataset.policy.Reason;
import city.iam.dataset.policy.Subject;
import city.iam.kernel.error.CityIamException;
import city.iam.kernel.error.Guard;
import city.iam.kernel.json.BoundedBody;
import city.iam.kernel.tls.TlsClient;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.authorization.model.Resource;
import org.keycloak.common.util.Base64Url;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;

import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * {@code POST /realms/{realm}/datasets/decision}: a data platform asks, with the caller's own token, whether
 * the caller may read a dataset for a purpose. The answer is the same decision the {@code dataset} policy
 * gives over UMA, with reason codes; a denial is a 200 with {@code "decision": "DENY"}, because the question
 * was answered.
 */
public class DatasetRealmResource {

    private final KeycloakSession session;
    private final RealmModel realm;

    DatasetRealmResource(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    @POST
    @Path("decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response decide(InputStream body) {
        return Guard.run(session, () -> {
            long started = System.nanoTime();
            AuthResult auth = new AppAuthManager.BearerTokenAuthenticator(session).setRealm(realm).authenticate();
            if (auth == null || auth.user() == null) {
                throw new CityIamException(401, "invalid_token", "A valid bearer token of realm " + realm.getName() + " is needed.");
            }
            requireCertificateBinding(auth.token());
            DatasetViews.DecisionRequest request = BoundedBody.json(body, DatasetViews.DecisionRequest.class, 16 * 1024);
            if (request.dataset() == null) {
                throw CityIamException.badRequest("invalid_request", "dataset is required.");
            }
            DatasetScope scope = DatasetScope.parse(request.scope() == null ? DatasetScope.DATA_READ.code() : request.scope());
            Purpose purpose = request.purpose() == null ? null : Purpose.parse(request.purpose());
            Resource resource = DatasetCatalog.of(session, realm).require(request.dataset());
            Subject subject = SubjectResolver.resolve(session, realm, auth.user(), auth.token());
            Instant at = DatasetDecisions.now();
            Dataset dataset = null;
            Decision decision;
            try {
                dataset = DatasetDecisions.rules(session, resource);
                decision = DatasetDecisions.decider(session, realm).decide(subject, dataset, scope, purpose, at);
            } catch (CityIamException e) {
                decision = Decision.refused(Reason.POLICY_MISCONFIGURED, e.description());
            }
            String id = null;
            if (DatasetDecisions.audited(realm, scope, decision)) {
                id = DecisionRecorder.record(session, realm, DecisionRecorder.Channel.DECISION, subject, resource.getName(), dataset,
                        scope, purpose, decision, at, System.nanoTime() - started);
            }
            return Response.ok(DatasetViews.Answer.of(decision, id)).build();
        });
    }

    /**
     * Keycloak's bearer check verifies DPoP proofs for DPoP-bound tokens; a certificate-bound token
     * (RFC 8705) must also come over TLS with the certificate it is bound to.
     */
    private void requireCertificateBinding(AccessToken token) {
        AccessToken.Confirmation cnf = token.getConfirmation();
        if (cnf == null || cnf.getCertThumbprint() == null) {
            return;
        }
        X509Certificate[] chain = TlsClient.chain(session);
        try {
            if (chain.length > 0) {
                String thumbprint = Base64Url.encode(MessageDigest.getInstance("SHA-256").digest(chain[0].getEncoded()));
                if (MessageDigest.isEqual(thumbprint.getBytes(), cnf.getCertThumbprint().getBytes())) {
                    return;
                }
            }
        } catch (GeneralSecurityException e) {
            // falls through to the refusal
        }
        throw new CityIamException(401, "invalid_token", "The token is bound to a client certificate that this request did not present.");
    }
}
