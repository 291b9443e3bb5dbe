package city.iam.kernel.rest;

import city.iam.kernel.audit.ChainedEntry;
import city.iam.kernel.json.Json;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/** An audit entry as the API shows it. */
public record AuditEntryView(@JsonProperty("seq") long seq,
                             @JsonProperty("time") String time,
                             @JsonProperty("actor") ActorView actor,
                             @JsonProperty("action") String action,
                             @JsonProperty("subject") String subject,
                             @JsonProperty("payload") JsonNode payload,
                             @JsonProperty("prev_hash") String prevHash,
                             @JsonProperty("hash") String hash) {

    public record ActorView(@JsonProperty("type") String type, @JsonProperty("id") String id,
                            @JsonProperty("name") String name, @JsonProperty("acr") String acr) {
    }

    public static AuditEntryView of(ChainedEntry e) {
        return new AuditEntryView(e.seq(), Instant.ofEpochMilli(e.timeMillis()).toString(),
                new ActorView(e.actor().type(), e.actor().id(), e.actor().name(), e.actor().acr()),
                e.action(), e.subject(), Json.tree(e.payload()), e.prevHash(), e.hash());
    }
}
