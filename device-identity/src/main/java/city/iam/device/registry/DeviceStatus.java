package city.iam.device.registry;

import java.util.Arrays;

/** A device's life: enrolled devices are {@code pending} until approved, then {@code active}. */
public enum DeviceStatus {
    PENDING, ACTIVE, QUARANTINED, REVOKED, DECOMMISSIONED;

    public String value() {
        return name().toLowerCase();
    }

    public static DeviceStatus of(String value) {
        return Arrays.stream(values()).filter(s -> s.value().equals(value)).findFirst()
                .orElseThrow(() -> city.iam.kernel.error.CityIamException.badRequest("invalid_status",
                        "status must be one of pending, active, quarantined, revoked, decommissioned."));
    }
}
