package city.iam.federation.discovery;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DomainIndexTest {

    private final DomainIndex<String> index = DomainIndex.<String>builder()
            .add("utility-a.example", "utility-a")
            .add("*.research.example", "research")
            .add("*.lab.research.example", "lab")
            .add("lab.research.example", "lab-apex")
            .build();

    @Test
    void exactAndEmailLookups() {
        assertEquals(Optional.of("utility-a"), index.lookup("alice@utility-a.example"));
        assertEquals(Optional.of("utility-a"), index.lookup("Alice@UTILITY-A.example."));
        assertEquals(Optional.of("utility-a"), index.lookup("utility-a.example"));
        assertEquals(Optional.empty(), index.lookup("alice@sub.utility-a.example"));
    }

    @Test
    void mostSpecificWins() {
        assertEquals(Optional.of("research"), index.lookup("r@x.research.example"));
        assertEquals(Optional.of("lab"), index.lookup("r@x.lab.research.example"));
        assertEquals(Optional.of("lab-apex"), index.lookup("r@lab.research.example"));
        assertEquals(Optional.empty(), index.lookup("r@research.example"), "a wildcard does not cover its apex");
    }

    @Test
    void junkIsNoMatch() {
        assertEquals(Optional.empty(), index.lookup("nobody@unknown.example"));
        assertEquals(Optional.empty(), index.lookup("a@"));
        assertEquals(Optional.empty(), index.lookup("a@bad_domain.example"));
        assertEquals(Optional.empty(), index.lookup("a@.utility-a.example"));
    }

    @Test
    void aDomainClaimedTwiceIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> DomainIndex.<String>builder().add("x.example", "a").add("X.example", "b"));
        assertThrows(IllegalArgumentException.class, () -> DomainIndex.<String>builder().add("*.org", "a").add("*org", "b"));
        assertThrows(IllegalArgumentException.class, () -> DomainIndex.<String>builder().add("*.com", "a").add("bad domain", "b"));
        assertEquals(1, DomainIndex.<String>builder().add("x.example", "a").add("x.example", "a").build().size());
    }
}
