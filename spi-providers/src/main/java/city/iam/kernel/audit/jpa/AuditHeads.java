package city.iam.kernel.audit.jpa;

import city.iam.kernel.audit.ChainHasher;
import jakarta.persistence.EntityManager;

/** Creates the head row that starts a realm's chain. */
public final class AuditHeads {

    private AuditHeads() {
    }

    public static AuditHeadEntity create(EntityManager em, String realmId) {
        AuditHeadEntity head = new AuditHeadEntity();
        head.setRealmId(realmId);
        head.setSeq(0);
        head.setHash(ChainHasher.GENESIS);
        em.persist(head);
        return head;
    }

    public static void ensure(EntityManager em, String realmId) {
        if (em.find(AuditHeadEntity.class, realmId) == null) {
            create(em, realmId);
        }
    }
}
