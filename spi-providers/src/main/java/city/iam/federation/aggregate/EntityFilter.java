package city.iam.federation.aggregate;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Collections;
import java.util.Set;

/**
 * Which entities of an aggregate the city takes: any of the entity categories (if given), any of the
 * registration authorities (if given), only the allow list (if given), never the deny list. Empty sets mean
 * "no condition"; the deny list always wins.
 */
public record EntityFilter(@JsonProperty("entity_categories") Set<String> entityCategories,
                           @JsonProperty("registration_authorities") Set<String> registrationAuthorities,
                           @JsonProperty("allow") Set<String> allow,
                           @JsonProperty("deny") Set<String> deny) {

    public EntityFilter {
        entityCategories = safe(entityCategories);
        registrationAuthorities = safe(registrationAuthorities);
        allow = safe(allow);
        deny = safe(deny);
    }

    public static EntityFilter none() {
        return new EntityFilter(null, null, null, null);
    }

    private static Set<String> safe(Set<String> s) {
        return s == null ? Collections.emptySet() : Set.copyOf(s);
    }

    public boolean test(IdpEntity e) {
        if (deny.contains(e.entityId())) {
            return false;
        }
        if (!allow.isEmpty() && !allow.contains(e.entityId())) {
            return false;
        }
        if (!registrationAuthorities.isEmpty() && !registrationAuthorities.contains(e.registrationAuthority())) {
            return false;
        }
        return entityCategories.isEmpty() || e.entityCategories().stream().anyMatch(entityCategories::contains);
    }
}
