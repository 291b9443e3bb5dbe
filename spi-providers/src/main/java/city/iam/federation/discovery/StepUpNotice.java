package city.iam.federation.discovery;

import java.util.Map;
import java.util.Optional;

/**
 * Why the login page shows again to someone already signed in: the client asked for a higher level than the
 * session has (Keycloak step-up, {@code acr_values}/{@code claims} through the realm's or client's
 * {@code acr.loa.map}). Levels are turned back into the acr names people configured, so the page can say
 * "this service needs high; you are signed in at substantial". No notice when nothing higher was asked.
 */
record StepUpNotice(String required, String current) {

    static final String WITH_CURRENT = "cityStepUpReason";
    static final String WITHOUT_CURRENT = "cityStepUpReasonNoCurrent";

    static Optional<StepUpNotice> of(Map<String, Integer> acrToLevel, int requested, int previous) {
        if (requested <= 0 || requested <= previous) {
            return Optional.empty();
        }
        return Optional.of(new StepUpNotice(name(acrToLevel, requested), previous > 0 ? name(acrToLevel, previous) : null));
    }

    /** The message key and its arguments for Keycloak's info message. */
    String messageKey() {
        return current == null ? WITHOUT_CURRENT : WITH_CURRENT;
    }

    Object[] arguments() {
        return current == null ? new Object[]{required} : new Object[]{required, current};
    }

    /** The acr name of a level; several names for one level: the alphabetically first, so the page is stable. */
    private static String name(Map<String, Integer> acrToLevel, int level) {
        return acrToLevel.entrySet().stream().filter(e -> e.getValue() == level).map(Map.Entry::getKey).sorted()
                .findFirst().orElse(Integer.toString(level));
    }
}
