package city.iam.dataset.policy;

import java.util.Collection;
import java.util.Set;

/** The agreements that name a dataset and at least one of the given organisations, in any state. */
@FunctionalInterface
public interface AgreementSource {

    Collection<Agreement> find(String dataset, Set<String> organizations);
}
