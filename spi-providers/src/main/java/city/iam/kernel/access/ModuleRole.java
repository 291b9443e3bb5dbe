package city.iam.kernel.access;

/**
 * The suite's roles: client roles of the realm's {@value CityIamClient#CLIENT_ID} client. {@code reviewer}
 * is also implicit for whoever is assigned a review item.
 */
public enum ModuleRole {
    DEVICE_ADMIN("device-admin", "Manage trust anchors, enrollment groups and devices"),
    DEVICE_SIGNAL_WRITER("device-signal-writer", "Send security signals about devices (quarantine triggers)"),
    DATASET_ADMIN("dataset-admin", "Manage datasets, agreements and dataset policies"),
    REVIEW_ADMIN("review-admin", "Define, launch and close access reviews; manage lifecycle policies"),
    REVIEWER("reviewer", "Decide access-review items assigned to you"),
    AUDITOR("auditor", "Read, export and verify the audit log and evidence; changes nothing");

    private final String roleName;
    private final String description;

    ModuleRole(String roleName, String description) {
        this.roleName = roleName;
        this.description = description;
    }

    public String roleName() {
        return roleName;
    }

    public String description() {
        return description;
    }
}
