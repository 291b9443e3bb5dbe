package city.iam.kernel.rest;

import city.iam.kernel.access.Caller;
import city.iam.kernel.access.ModuleRole;
import city.iam.kernel.audit.Actor;
import city.iam.kernel.audit.AuditLog;
import city.iam.kernel.audit.AuditLogs;
import city.iam.kernel.audit.AuditQuery;
import city.iam.kernel.audit.AuditRecord;
import city.iam.kernel.audit.ChainedEntry;
import city.iam.kernel.audit.VerifyReport;
import city.iam.kernel.error.CityIamException;
import city.iam.kernel.error.Guard;
import city.iam.kernel.json.Json;
import city.iam.kernel.page.Page;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code /admin/realms/{realm}/city-iam/audit}: read, export and verify the realm's audit chain. Only the
 * {@code auditor} role reads it; nobody writes it through the API.
 */
public class AuditResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Caller caller;

    AuditResource(KeycloakSession session, RealmModel realm, Caller caller) {
        this.session = session;
        this.realm = realm;
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list(@QueryParam("first") Integer first, @QueryParam("max") Integer max,
                         @QueryParam("action") String action, @QueryParam("subject") String subject,
                         @QueryParam("actor") String actor, @QueryParam("from") String from,
                         @QueryParam("to") String to, @QueryParam("order") String order) {
        return Guard.run(session, () -> {
            caller.require(realm, ModuleRole.AUDITOR);
            AuditQuery query = new AuditQuery(blankToNull(action), blankToNull(subject), blankToNull(actor),
                    instant("from", from), instant("to", to), newestFirst(order));
            List<AuditEntryView> entries = log().list(query, Page.of(first, max)).stream().map(AuditEntryView::of).toList();
            return Response.ok(entries).build();
        });
    }

    /** The whole chain as newline-delimited JSON, streamed in batches, for evidence outside Keycloak. */
    @GET
    @Path("export")
    @Produces("application/x-ndjson")
    public Response export() {
        return Guard.run(session, () -> {
            caller.require(realm, ModuleRole.AUDITOR);
            AuditLog log = log();
            log.append(AuditRecord.of(Actor.of(caller), "city-iam.audit.exported", realm.getName(), head(log)));
            StreamingOutput body = out -> {
                Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
                try (Stream<ChainedEntry> entries = log.stream(1)) {
                    for (ChainedEntry e : (Iterable<ChainedEntry>) entries::iterator) {
                        writer.write(Json.write(AuditEntryView.of(e)));
                        writer.write('\n');
                    }
                }
                writer.flush();
            };
            return Response.ok(body).header("Content-Disposition",
                    "attachment; filename=\"audit-" + realm.getName() + ".ndjson\"").build();
        });
    }

    @POST
    @Path("verify")
    @Produces(MediaType.APPLICATION_JSON)
    public Response verify() {
        return Guard.run(session, () -> {
            caller.require(realm, ModuleRole.AUDITOR);
            AuditLog log = log();
            VerifyReport report = log.verify();
            ObjectNode facts = Json.MAPPER.valueToTree(report);
            log.append(AuditRecord.of(Actor.of(caller), "city-iam.audit.verified", realm.getName(), facts));
            return Response.ok(report).build();
        });
    }

    private AuditLog log() {
        return AuditLogs.of(session, realm);
    }

    private static ObjectNode head(AuditLog log) {
        ObjectNode facts = AuditRecord.facts();
        var head = log.head();
        facts.put("head_seq", head == null ? 0 : head.seq());
        facts.put("head_hash", head == null ? null : head.hash());
        return facts;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static boolean newestFirst(String order) {
        if (order == null || order.isBlank() || order.equals("asc")) {
            return false;
        }
        if (order.equals("desc")) {
            return true;
        }
        throw CityIamException.badRequest("invalid_order", "order must be asc or desc.");
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw CityIamException.badRequest("invalid_time", name + " must be an ISO-8601 instant such as 2026-01-31T00:00:00Z.");
        }
    }
}
