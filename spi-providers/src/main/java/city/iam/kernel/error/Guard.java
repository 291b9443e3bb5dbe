package city.iam.kernel.error;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import city.iam.kernel.access.Caller;
import city.iam.kernel.access.ModuleRole;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.util.function.Supplier;

/**
 * Runs a resource method so that a refusal becomes our JSON error and rolls the request's transaction back.
 * Keycloak's own exception mapper would answer {@code invalid_request} with a generic shape, so resources
 * do not let {@link CityIamException} escape.
 */
public final class Guard {

    private static final Logger LOG = Logger.getLogger(Guard.class);

    private Guard() {
    }

    public static Response run(KeycloakSession session, Supplier<Response> body) {
        try {
            return body.get();
        } catch (CityIamException e) {
            session.getTransactionManager().setRollbackOnly();
            LOG.debugf("refused %d %s: %s", e.status(), e.error(), e.description());
            return error(e);
        }
    }

    /** Runs the body once the caller holds one of the module roles in the realm; refuses with 403 otherwise. */
    public static Response as(KeycloakSession session, Caller caller, RealmModel realm, Supplier<Response> body, ModuleRole... anyOf) {
        return run(session, () -> {
            caller.require(realm, anyOf);
            return body.get();
        });
    }

    public static Response error(CityIamException e) {
        return Response.status(e.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(e.error(), e.description()))
                .build();
    }
}
