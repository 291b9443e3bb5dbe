package city.iam.device.registry;

import city.iam.device.jpa.DeviceCertificateEntity;
import city.iam.device.jpa.DeviceEntity;
import city.iam.kernel.error.CityIamException;
import city.iam.kernel.page.Page;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The device registry of a realm: lookups and searches that stay indexed at 100 000 devices. */
public class Devices {

    private final EntityManager em;
    private final String realmId;

    public Devices(EntityManager em, String realmId) {
        this.em = em;
        this.realmId = realmId;
    }

    public Optional<DeviceEntity> byDeviceId(String deviceId) {
        return em.createNamedQuery("cityiam.dev.device.byDeviceId", DeviceEntity.class)
                .setParameter("realmId", realmId).setParameter("deviceId", deviceId).getResultStream().findFirst();
    }

    public DeviceEntity require(String deviceId) {
        return byDeviceId(deviceId).orElseThrow(() -> CityIamException.notFound("device_not_found", "There is no device " + deviceId + "."));
    }

    public Optional<DeviceEntity> bySerial(String group, String serial) {
        return em.createNamedQuery("cityiam.dev.device.bySerial", DeviceEntity.class)
                .setParameter("realmId", realmId).setParameter("group", group).setParameter("serial", serial)
                .getResultStream().findFirst();
    }

    public long countInGroup(String group) {
        return em.createNamedQuery("cityiam.dev.device.countInGroup", Long.class)
                .setParameter("realmId", realmId).setParameter("group", group).getSingleResult();
    }

    public List<DeviceCertificateEntity> certificates(DeviceEntity device) {
        return em.createNamedQuery("cityiam.dev.cert.byDevice", DeviceCertificateEntity.class)
                .setParameter("devicePk", device.getId()).getResultList();
    }

    /** Search by status, group and certificate expiry (devices whose current certificate ends before). */
    public List<DeviceEntity> search(DeviceStatus status, String group, Instant expiresBefore, Page page) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<DeviceEntity> cq = cb.createQuery(DeviceEntity.class);
        Root<DeviceEntity> d = cq.from(DeviceEntity.class);
        List<Predicate> where = new ArrayList<>();
        where.add(cb.equal(d.get("realmId"), realmId));
        if (status != null) {
            where.add(cb.equal(d.get("status"), status.value()));
        }
        if (group != null) {
            where.add(cb.equal(d.get("groupName"), group));
        }
        if (expiresBefore != null) {
            Subquery<String> current = cq.subquery(String.class);
            Root<DeviceCertificateEntity> c = current.from(DeviceCertificateEntity.class);
            current.select(c.get("devicePk")).where(cb.equal(c.get("realmId"), realmId), cb.equal(c.get("state"), "current"),
                    cb.lessThan(c.get("notAfter"), expiresBefore.toEpochMilli()));
            where.add(d.get("id").in(current));
        }
        cq.where(where.toArray(Predicate[]::new)).orderBy(cb.asc(d.get("deviceId")));
        return em.createQuery(cq).setFirstResult(page.first()).setMaxResults(page.max()).getResultList();
    }
}
