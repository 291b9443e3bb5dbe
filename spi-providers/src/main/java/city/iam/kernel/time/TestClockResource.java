package city.iam.kernel.time;

import city.iam.kernel.access.BearerCaller;
import city.iam.kernel.error.CityIamException;
import city.iam.kernel.error.Guard;
import city.iam.kernel.json.BoundedBody;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.io.InputStream;
import java.time.Instant;

/**
 * Moves this node's clock for tests (days ahead for reviews and inactivity). It exists only when the server
 * was started with {@code --spi-realm-restapi-extension--city-iam--test-clock-enabled=true}; otherwise the
 * path answers 404. Even then only a {@code realm-admin} of the realm may move it. The offset is per node:
 * a multi-node test sets it on each node.
 */
public class TestClockResource {

    private final KeycloakSession session;
    private final RealmModel realm;

    public TestClockResource(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    public record ClockState(@JsonProperty("offset_seconds") long offsetSeconds, @JsonProperty("now") String now) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response get() {
        return Guard.run(session, () -> {
            BearerCaller.requireRealmAdmin(session, realm);
            return Response.ok(state()).build();
        });
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response set(InputStream body) {
        return Guard.run(session, () -> {
            BearerCaller.requireRealmAdmin(session, realm);
            ClockState wanted = BoundedBody.json(body, ClockState.class, 1024);
            if (Math.abs(wanted.offsetSeconds()) > 10L * 365 * 24 * 3600) {
                throw CityIamException.badRequest("invalid_offset", "offset_seconds must be within ten years.");
            }
            Time.setOffset((int) wanted.offsetSeconds());
            return Response.ok(state()).build();
        });
    }

    private static ClockState state() {
        return new ClockState(Time.getOffset(), Instant.ofEpochMilli(Time.currentTimeMillis()).toString());
    }
}
