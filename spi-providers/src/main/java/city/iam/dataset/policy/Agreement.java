package city.iam.dataset.policy;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A data-sharing agreement: which organisations may use which datasets for which purposes, and when.
 * {@code notOnOrAfter} is exclusive, as in iSHARE delegation evidence.
 */
public record Agreement(String id, String name, Set<String> parties, Set<String> datasets, List<Purpose> purposes,
                        Instant notBefore, Instant notOnOrAfter, AgreementStatus status, boolean consentRequired) {

    public Agreement {
        parties = Set.copyOf(parties);
        datasets = Set.copyOf(datasets);
        purposes = List.copyOf(purposes);
    }

    public boolean inForce(Instant at) {
        return !at.isBefore(notBefore) && at.isBefore(notOnOrAfter);
    }

    public boolean bindsAny(Set<String> organizations) {
        for (String org : organizations) {
            if (parties.contains(org)) {
                return true;
            }
        }
        return false;
    }
}
