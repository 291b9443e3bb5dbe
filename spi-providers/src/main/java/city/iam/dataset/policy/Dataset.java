package city.iam.dataset.policy;

import java.util.List;
import java.util.Set;

/**
 * A dataset's access rules, as its Authorization Services resource carries them.
 *
 * @param minimumAssurance an acr value (resolved through the realm's {@code acr.loa.map}) or a level number; null for none
 * @param timeWindow       null when the data may be read at any time
 * @param trustedEnvironment data may only be read from a client marked as a trusted environment
 * @param senderConstrained  data may only be read with a DPoP- or certificate-bound token
 */
public record Dataset(String name, Sensitivity sensitivity, String ownerOrganization, List<Purpose> allowedPurposes,
                      Set<String> allowedOrganizations, Set<String> allowedStakeholderTypes, boolean personalData,
                      TimeWindow timeWindow, String minimumAssurance, boolean trustedEnvironment, boolean senderConstrained,
                      int policyVersion) {

    public Dataset {
        allowedPurposes = List.copyOf(allowedPurposes);
        allowedOrganizations = Set.copyOf(allowedOrganizations);
        allowedStakeholderTypes = Set.copyOf(allowedStakeholderTypes);
    }

    /** Whether the caller's organisations or stakeholder types are admitted; the owner organisation always is. */
    public boolean admits(Set<String> organizations, Set<String> stakeholderTypes) {
        if (ownerOrganization != null && organizations.contains(ownerOrganization)) {
            return true;
        }
        for (String org : organizations) {
            if (allowedOrganizations.contains(org)) {
                return true;
            }
        }
        for (String type : stakeholderTypes) {
            if (allowedStakeholderTypes.contains(type)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the class or the configuration restricts who may read data at all. */
    public boolean restrictsOrganizations() {
        return sensitivity != Sensitivity.OPEN || !allowedOrganizations.isEmpty() || !allowedStakeholderTypes.isEmpty();
    }
}
