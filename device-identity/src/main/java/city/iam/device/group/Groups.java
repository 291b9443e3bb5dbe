package city.iam.device.group;

import city.iam.device.jpa.EnrollmentGroupEntity;
import city.iam.device.jpa.IndividualEnrollmentEntity;
import city.iam.kernel.error.CityIamException;
import city.iam.kernel.json.Json;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Enrollment groups and individual enrollments of a realm. */
public class Groups {

    public static final Set<String> MODES = Set.of("allow", "block");

    private final EntityManager em;
    private final String realmId;
    private final Clock clock;

    public Groups(EntityManager em, String realmId, Clock clock) {
        this.em = em;
        this.realmId = realmId;
        this.clock = clock;
    }

    /** Creates or replaces a group; returns true when it was created. */
    public boolean put(EnrollmentGroup group) {
        GroupRules.validate(group);
        Optional<EnrollmentGroupEntity> existing = entity(group.name());
        EnrollmentGroupEntity e = existing.orElseGet(EnrollmentGroupEntity::new);
        if (existing.isEmpty()) {
            e.setId(UUID.randomUUID().toString());
            e.setRealmId(realmId);
            e.setName(group.name());
            e.setCreatedAt(clock.millis());
        }
        e.setConfig(Json.write(group));
        e.setUpdatedAt(clock.millis());
        if (existing.isEmpty()) {
            em.persist(e);
        }
        return existing.isEmpty();
    }

    public Optional<EnrollmentGroup> find(String name) {
        return entity(name).map(Groups::read);
    }

    public EnrollmentGroup require(String name) {
        return find(name).orElseThrow(() -> CityIamException.notFound("unknown_group", "There is no enrollment group " + name + "."));
    }

    /**
     * The group, with its row locked until the transaction ends: enrolments into one group are serialised
     * across the cluster so the quota cannot be overrun by concurrent requests.
     */
    public EnrollmentGroup lockForEnrolment(String name) {
        EnrollmentGroupEntity e = entity(name).orElseThrow(() -> CityIamException.badRequest("unknown_group", "There is no enrollment group " + name + "."));
        em.lock(e, LockModeType.PESSIMISTIC_WRITE);
        return read(e);
    }

    public List<EnrollmentGroup> list() {
        return em.createNamedQuery("cityiam.dev.group.byRealm", EnrollmentGroupEntity.class)
                .setParameter("realmId", realmId).getResultStream().map(Groups::read).toList();
    }

    public void delete(String name) {
        EnrollmentGroupEntity e = entity(name).orElseThrow(() -> CityIamException.notFound("unknown_group", "There is no enrollment group " + name + "."));
        Long devices = em.createNamedQuery("cityiam.dev.device.countInGroup", Long.class)
                .setParameter("realmId", realmId).setParameter("group", name).getSingleResult();
        if (devices > 0) {
            throw CityIamException.conflict("group_in_use", "Group " + name + " still has " + devices + " devices; decommission them first.");
        }
        em.remove(e);
    }

    public IndividualEnrollmentEntity putEnrollment(String group, String serial, String mode, String note) {
        require(group);
        if (mode == null || !MODES.contains(mode)) {
            throw CityIamException.badRequest("invalid_mode", "mode must be allow or block.");
        }
        if (serial == null || serial.isBlank() || serial.length() > 64) {
            throw CityIamException.badRequest("invalid_serial", "serial must be 1 to 64 characters.");
        }
        IndividualEnrollmentEntity e = enrollment(group, serial).orElse(null);
        if (e == null) {
            e = new IndividualEnrollmentEntity();
            e.setId(UUID.randomUUID().toString());
            e.setRealmId(realmId);
            e.setGroupName(group);
            e.setSerial(serial);
            e.setCreatedAt(clock.millis());
            e.setMode(mode);
            e.setNote(note);
            em.persist(e);
        } else {
            e.setMode(mode);
            e.setNote(note);
        }
        return e;
    }

    public List<IndividualEnrollmentEntity> enrollments(String group) {
        require(group);
        return em.createNamedQuery("cityiam.dev.enrollment.byGroup", IndividualEnrollmentEntity.class)
                .setParameter("realmId", realmId).setParameter("group", group).getResultList();
    }

    public Optional<IndividualEnrollmentEntity> enrollment(String group, String serial) {
        return em.createNamedQuery("cityiam.dev.enrollment.bySerial", IndividualEnrollmentEntity.class)
                .setParameter("realmId", realmId).setParameter("group", group).setParameter("serial", serial)
                .getResultStream().findFirst();
    }

    public void deleteEnrollment(String group, String serial) {
        em.remove(enrollment(group, serial).orElseThrow(() -> CityIamException.notFound("enrollment_not_found",
                "No individual enrollment for " + serial + " in " + group + ".")));
    }

    private Optional<EnrollmentGroupEntity> entity(String name) {
        return em.createNamedQuery("cityiam.dev.group.byName", EnrollmentGroupEntity.class)
                .setParameter("realmId", realmId).setParameter("name", name).getResultStream().findFirst();
    }

    private static EnrollmentGroup read(EnrollmentGroupEntity e) {
        return Json.read(e.getConfig().getBytes(java.nio.charset.StandardCharsets.UTF_8), EnrollmentGroup.class);
    }
}
