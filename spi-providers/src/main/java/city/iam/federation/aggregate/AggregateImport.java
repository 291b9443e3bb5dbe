package city.iam.federation.aggregate;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * From raw aggregate bytes to the list of IdPs to broker: parse safely, verify the pinned signature and
 * {@code validUntil}, read and filter the IdP entities. Nothing here touches Keycloak, so a refused aggregate
 * cannot have changed anything, and the whole path is unit-tested and timed (parse, verify, index).
 */
public final class AggregateImport {

    /** The IdPs to broker, what was left out, and how long each phase took. */
    public record Plan(Instant validUntil, List<IdpEntity> idps, int rejected, int filteredOut, int nonIdp,
                       long parseMillis, long verifyMillis, long indexMillis) {
    }

    private AggregateImport() {
    }

    public static Plan prepare(byte[] xml, PublicKey pinned, EntityFilter filter, Instant now) {
        long t0 = System.nanoTime();
        Document doc = SafeXml.parse(xml);
        Element root = MetadataReader.requireAggregateRoot(doc);
        long t1 = System.nanoTime();
        AggregateSignature.verify(root, pinned);
        Instant validUntil = MetadataReader.validUntil(root, now);
        long t2 = System.nanoTime();
        MetadataReader.Entities found = MetadataReader.read(root);
        List<IdpEntity> kept = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int filteredOut = 0;
        int rejected = found.rejected();
        for (IdpEntity e : found.idps()) {
            if (!seen.add(e.entityId())) {
                rejected++; // a duplicate entityID: the first occurrence wins, as in eduGAIN processing
            } else if (filter.test(e)) {
                kept.add(e);
            } else {
                filteredOut++;
            }
        }
        long t3 = System.nanoTime();
        return new Plan(validUntil, List.copyOf(kept), rejected, filteredOut, found.nonIdp(),
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
    }
}
