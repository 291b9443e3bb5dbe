package city.iam.federation.aggregate;

import city.iam.kernel.audit.Actor;
import city.iam.kernel.audit.AuditLogs;
import city.iam.kernel.audit.AuditRecord;
import city.iam.kernel.error.CityIamException;
import city.iam.kernel.json.Json;
import city.iam.kernel.time.KeycloakClock;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.time.Instant;

/**
 * Imports one aggregate document into a realm: verify and plan (nothing written if that fails), sync the IdPs
 * in chunks, then record the status and an audit entry in the caller's transaction. Used by the admin API
 * (upload, refresh now) and by the scheduled refresh job.
 */
public final class AggregateService {

    /** What one import did, with the timings of each phase. */
    public record Summary(@JsonProperty("aggregate") String aggregate,
                          @JsonProperty("valid_until") String validUntil,
                          @JsonProperty("idps") int idps,
                          @JsonProperty("rejected") int rejected,
                          @JsonProperty("filtered_out") int filteredOut,
                          @JsonProperty("non_idp") int nonIdp,
                          @JsonProperty("parse_ms") long parseMillis,
                          @JsonProperty("verify_ms") long verifyMillis,
                          @JsonProperty("index_ms") long indexMillis,
                          @JsonProperty("sync") IdpSync.Result sync) {
    }

    private AggregateService() {
    }

    public static Summary refresh(KeycloakSession session, RealmModel realm, AggregateDefinition def, Actor actor, String trigger) {
        if (def.url() == null) {
            throw CityIamException.conflict("no_url", "Aggregate " + def.name() + " has no URL; upload the document instead.");
        }
        return importDocument(session, realm, def, AggregateFetcher.fetch(def.url(), def.byteLimit()), actor, trigger);
    }

    public static Summary importDocument(KeycloakSession session, RealmModel realm, AggregateDefinition def, byte[] xml,
                                         Actor actor, String trigger) {
        Instant now = KeycloakClock.INSTANCE.instant();
        if (!def.isEnabled()) {
            throw CityIamException.conflict("aggregate_disabled", "Aggregate " + def.name() + " is disabled.");
        }
        AggregateImport.Plan plan = AggregateImport.prepare(xml, def.certificate().getPublicKey(), def.entityFilter(), now);
        IdpSync.Result sync = IdpSync.apply(session.getKeycloakSessionFactory(), realm.getId(), def.name(), plan.idps());
        Summary summary = new Summary(def.name(), plan.validUntil().toString(), plan.idps().size(), plan.rejected(),
                plan.filteredOut(), plan.nonIdp(), plan.parseMillis(), plan.verifyMillis(), plan.indexMillis(), sync);
        new AggregateStore(realm).status(def.name(), new AggregateStore.Status(now.toString(), now.toString(),
                plan.validUntil().toString(), plan.idps().size(), null, trigger));
        ObjectNode facts = (ObjectNode) Json.MAPPER.valueToTree(summary);
        facts.put("trigger", trigger);
        AuditLogs.of(session, realm).append(new AuditRecord(actor, "federation.aggregate.import", def.name(), facts));
        return summary;
    }
}
