package city.iam.dataset.agreement;

import city.iam.dataset.jpa.AgreementEntity;
import city.iam.dataset.jpa.AgreementKeyEntity;
import city.iam.dataset.model.AgreementDefinition;
import city.iam.dataset.policy.Agreement;
import city.iam.dataset.policy.AgreementStatus;
import city.iam.kernel.error.CityIamException;
import city.iam.kernel.json.Json;
import city.iam.kernel.page.Page;
import jakarta.persistence.EntityManager;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.time.Clock;
import java.util.Collection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;

/**
 * The realm's data-sharing agreements in Keycloak's database. Decisions read them through the
 * {@link AgreementCache}, which every change invalidates cluster-wide, so a revocation or an end date takes
 * effect at the next decision on every node, without re-issuing tokens.
 */
public final class Agreements {

    /** Realm attribute stamped with a new value on every agreement change; see {@link AgreementCache}. */
    public static final String VERSION = "city-iam.datasets.agreements-version";

    private final EntityManager em;
    private final RealmModel realm;
    private final Clock clock;

    public Agreements(EntityManager em, RealmModel realm, Clock clock) {
        this.em = em;
        this.realm = realm;
        this.clock = clock;
    }

    public List<Agreement> all() {
        return em.createNamedQuery("cityiam.ds.agreement.byRealm", AgreementEntity.class)
                .setParameter("realmId", realm.getId())
                .getResultStream().map(Agreements::toAgreement).toList();
    }

    public List<Agreement> list(Page page) {
        return em.createNamedQuery("cityiam.ds.agreement.byRealm", AgreementEntity.class)
                .setParameter("realmId", realm.getId())
                .setFirstResult(page.first()).setMaxResults(page.max())
                .getResultStream().map(Agreements::toAgreement).toList();
    }

    public Agreement get(String id) {
        return toAgreement(entity(id));
    }

    /**
     * Creates or replaces an agreement. Datasets must exist; an active agreement that repeats another
     * (same parties, datasets and purposes, overlapping window) is refused, since two sources for one grant
     * would make a revocation of either ineffective.
     *
     * @return true when it was created
     */
    public boolean put(AgreementDefinition definition, Set<String> datasets) {
        return putAll(List.of(definition), datasets).contains(definition.id());
    }

    /**
     * Creates or replaces agreements in one pass: the realm's agreements are read once and checked in
     * memory, then written without a query per item (each query would flush the whole persistence context).
     *
     * @return the ids that were created
     */
    public Set<String> putAll(List<AgreementDefinition> definitions, Set<String> datasets) {
        Map<String, AgreementEntity> entities = new HashMap<>();
        Map<String, Agreement> current = new HashMap<>();
        em.createNamedQuery("cityiam.ds.agreement.byRealm", AgreementEntity.class).setParameter("realmId", realm.getId())
                .getResultStream().forEach(e -> {
                    entities.put(e.getAgreementId(), e);
                    current.put(e.getAgreementId(), toAgreement(e));
                });
        List<Agreement> incoming = new ArrayList<>();
        for (AgreementDefinition definition : definitions) {
            Agreement a = definition.validate();
            for (String dataset : a.datasets()) {
                if (!datasets.contains(dataset)) {
                    throw CityIamException.badRequest("unknown_dataset", "Agreement " + a.id() + " names dataset '" + dataset + "', which does not exist.");
                }
            }
            if (incoming.stream().anyMatch(i -> i.id().equals(a.id()))) {
                throw CityIamException.badRequest("duplicate_agreement_id", "Agreement '" + a.id() + "' appears twice in one call.");
            }
            current.put(a.id(), a);
            incoming.add(a);
        }
        refuseDuplicates(incoming, current.values());
        List<String> replaced = incoming.stream().map(a -> entities.get(a.id())).filter(java.util.Objects::nonNull)
                .map(AgreementEntity::getId).toList();
        for (int i = 0; i < replaced.size(); i += 500) {
            em.createNamedQuery("cityiam.ds.agreementKey.deleteForAll")
                    .setParameter("agreementPks", replaced.subList(i, Math.min(replaced.size(), i + 500))).executeUpdate();
        }
        Set<String> created = new HashSet<>();
        long now = clock.millis();
        stamp();
        for (Agreement a : incoming) {
            AgreementEntity e = entities.get(a.id());
            if (e == null) {
                e = new AgreementEntity();
                e.setId(KeycloakModelUtils.generateId());
                e.setRealmId(realm.getId());
                e.setAgreementId(a.id());
                e.setCreatedAt(now);
                created.add(a.id());
            }
            e.setStatus(a.status().code());
            e.setNotBefore(a.notBefore().toEpochMilli());
            e.setNotOnOrAfter(a.notOnOrAfter().toEpochMilli());
            e.setConfig(Json.write(AgreementDefinition.of(a)));
            e.setUpdatedAt(now);
            if (created.contains(a.id())) {
                em.persist(e);
            }
            for (String dataset : a.datasets()) {
                for (String party : a.parties()) {
                    AgreementKeyEntity k = new AgreementKeyEntity();
                    k.setId(KeycloakModelUtils.generateId());
                    k.setAgreementPk(e.getId());
                    k.setRealmId(realm.getId());
                    k.setDataset(dataset);
                    k.setParty(party);
                    em.persist(k);
                }
            }
        }
        return created;
    }

    public Agreement delete(String id) {
        AgreementEntity e = entity(id);
        em.createNamedQuery("cityiam.ds.agreementKey.deleteFor").setParameter("agreementPk", e.getId()).executeUpdate();
        em.remove(e);
        stamp();
        return toAgreement(e);
    }

    /** Agreements that name the dataset, so deleting it can be refused while any still does. */
    public List<String> naming(String dataset) {
        return em.createQuery("select distinct a.agreementId from AgreementEntity a, AgreementKeyEntity k "
                        + "where k.agreementPk = a.id and k.realmId = :realmId and k.dataset = :dataset", String.class)
                .setParameter("realmId", realm.getId()).setParameter("dataset", dataset).getResultList();
    }

    private void stamp() {
        realm.setAttribute(VERSION, KeycloakModelUtils.generateId());
    }

    private static void refuseDuplicates(List<Agreement> incoming, Collection<Agreement> all) {
        Map<Set<String>, List<Agreement>> byParties = new HashMap<>();
        for (Agreement a : all) {
            if (a.status() == AgreementStatus.ACTIVE) {
                byParties.computeIfAbsent(a.parties(), k -> new ArrayList<>()).add(a);
            }
        }
        for (Agreement a : incoming) {
            if (a.status() != AgreementStatus.ACTIVE) {
                continue;
            }
            for (Agreement other : byParties.getOrDefault(a.parties(), List.of())) {
                if (!other.id().equals(a.id()) && other.datasets().equals(a.datasets())
                        && new HashSet<>(other.purposes()).equals(new HashSet<>(a.purposes()))
                        && other.notBefore().isBefore(a.notOnOrAfter()) && a.notBefore().isBefore(other.notOnOrAfter())) {
                    throw CityIamException.conflict("duplicate_agreement", "Agreement " + a.id() + " repeats active agreement "
                            + other.id() + " (same parties, datasets and purposes, overlapping validity).");
                }
            }
        }
    }

    private AgreementEntity find(String id) {
        return em.createNamedQuery("cityiam.ds.agreement.byId", AgreementEntity.class)
                .setParameter("realmId", realm.getId()).setParameter("agreementId", id)
                .getResultStream().findFirst().orElse(null);
    }

    private AgreementEntity entity(String id) {
        AgreementEntity e = find(id);
        if (e == null) {
            throw CityIamException.notFound("agreement_not_found", "No agreement '" + id + "' in realm " + realm.getName() + ".");
        }
        return e;
    }

    private static Agreement toAgreement(AgreementEntity e) {
        return Json.read(e.getConfig().getBytes(java.nio.charset.StandardCharsets.UTF_8), AgreementDefinition.class).validate();
    }
}
