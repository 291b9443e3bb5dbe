package city.iam.dataset.agreement;

import city.iam.dataset.policy.Agreement;
import city.iam.dataset.policy.AgreementSource;
import city.iam.kernel.time.KeycloakClock;
import jakarta.persistence.EntityManager;
import org.keycloak.models.RealmModel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The node's copy of each realm's agreements, indexed by (dataset, party), so a decision needs no query.
 * Every agreement change stamps the realm with a new version ({@link Agreements#VERSION}) in the same
 * transaction; Keycloak's realm cache carries that stamp to every node of the cluster, and a node whose
 * copy has another stamp reloads. Validity windows are judged at decision time, so expiry needs no reload.
 */
public final class AgreementCache {

    private record Snapshot(String version, Map<String, List<Agreement>> byKey) {
    }

    private final Map<String, Snapshot> realms = new ConcurrentHashMap<>();

    public AgreementSource source(EntityManager em, RealmModel realm) {
        String version = realm.getAttribute(Agreements.VERSION);
        Snapshot snapshot = realms.get(realm.getId());
        if (snapshot == null || !snapshot.version().equals(String.valueOf(version))) {
            snapshot = load(em, realm, String.valueOf(version));
            realms.put(realm.getId(), snapshot);
        }
        Map<String, List<Agreement>> byKey = snapshot.byKey();
        return (dataset, organizations) -> {
            List<Agreement> found = new ArrayList<>(2);
            for (String org : organizations) {
                List<Agreement> list = byKey.get(dataset + '\u0000' + org);
                if (list != null) {
                    found.addAll(list);
                }
            }
            return found;
        };
    }

    private static Snapshot load(EntityManager em, RealmModel realm, String version) {
        Map<String, List<Agreement>> byKey = new HashMap<>();
        for (Agreement a : new Agreements(em, realm, KeycloakClock.INSTANCE).all()) {
            for (String dataset : a.datasets()) {
                for (String party : a.parties()) {
                    byKey.computeIfAbsent(dataset + '\u0000' + party, k -> new ArrayList<>(1)).add(a);
                }
            }
        }
        return new Snapshot(version, byKey);
    }
}
