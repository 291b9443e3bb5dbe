package city.iam.review.reviewer;

import city.iam.review.definition.DefinitionDocument;
import city.iam.review.definition.ReviewDefinition;
import city.iam.review.definition.ScopeType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class ReviewerChainTest {

    /** A directory from maps: users are their own ids. */
    static final class Fake implements Directory {
        final Map<String, String> managers = new HashMap<>();
        final Map<String, String> owners = new HashMap<>();
        final Map<String, List<String>> groups = new HashMap<>();
        final Set<String> disabled = new HashSet<>();
        final Set<String> known = new HashSet<>(List.of("ann", "bob", "cid", "mgr1", "mgr2", "olga", "fallback", "x", "y"));

        @Override public String managerOf(String userId, String attribute) { return managers.get(userId); }
        @Override public String ownerOf(ScopeType type, String accessId, String attribute) { return owners.get(accessId); }
        @Override public List<String> users(List<String> usernames) { return usernames.stream().filter(known::contains).toList(); }
        @Override public List<String> groupMembers(String path) { return groups.getOrDefault(path, List.of()); }
        @Override public String userId(String username) { return known.contains(username) ? username : null; }
        @Override public boolean active(String userId) { return known.contains(userId) && !disabled.contains(userId); }
    }

    static ReviewDefinition definition(String fallbackReviewer, Map<String, DefinitionDocument.Reviewer> reviewers) {
        return ReviewDefinition.parse(new DefinitionDocument("d", null, new DefinitionDocument.Scope(List.of(
                new DefinitionDocument.Selector("realm_role", "r", null, null)), false), reviewers, fallbackReviewer,
                List.of(new DefinitionDocument.Stage(null, "P1D", "manager", null)), null, null, null, null, null, null, null, null, null, null), 1,
                Instant.EPOCH);
    }

    static ReviewDefinition managerThenOwner(String fallback) {
        return definition(fallback, Map.of(
                "manager", new DefinitionDocument.Reviewer("manager", null, 2, null, null, "owner"),
                "owner", new DefinitionDocument.Reviewer("owner", null, null, null, null, null)));
    }

    @Test
    void theManagerReviewsAndTheOwnerIsTheFallback() {
        Fake dir = new Fake();
        dir.managers.put("ann", "mgr1");
        dir.owners.put("role-1", "olga");
        ReviewerChain chain = new ReviewerChain(managerThenOwner("fallback"), dir);
        assertEquals(new Assignment("mgr1", "manager:manager"), chain.resolve("manager", "ann", ScopeType.REALM_ROLE, "role-1"));
        assertEquals(new Assignment("olga", "owner:owner"), chain.resolve("manager", "cid", ScopeType.REALM_ROLE, "role-1"));
    }

    @Test
    void nobodyReviewsTheirOwnAccess() {
        Fake dir = new Fake();
        dir.owners.put("role-1", "olga");
        ReviewerChain chain = new ReviewerChain(managerThenOwner("fallback"), dir);
        // The owner holds the role herself: her item goes to the fallback reviewer.
        assertEquals(new Assignment("fallback", "fallback"), chain.resolve("manager", "olga", ScopeType.REALM_ROLE, "role-1"));
        // And when the fallback reviewer is the subject, nobody is found rather than a self-review.
        assertFalse(chain.resolve("manager", "fallback", ScopeType.REALM_ROLE, "role-2").assigned());
    }

    @Test
    void theManagerChainIsWalkedUpPastDisabledManagersWithinTheLevels() {
        Fake dir = new Fake();
        dir.managers.put("ann", "mgr1");
        dir.managers.put("mgr1", "mgr2");
        dir.disabled.add("mgr1");
        ReviewerChain chain = new ReviewerChain(managerThenOwner(null), dir);
        assertEquals("mgr2", chain.resolve("manager", "ann", ScopeType.REALM_ROLE, "r").reviewerId());
        dir.disabled.add("mgr2");
        assertFalse(chain.resolve("manager", "ann", ScopeType.REALM_ROLE, "r").assigned());
    }

    @Test
    void aManagerLoopEndsAndSkipsTheSubject() {
        Fake dir = new Fake();
        dir.managers.put("ann", "bob");
        dir.managers.put("bob", "ann");
        ReviewerChain chain = new ReviewerChain(managerThenOwner(null), dir);
        assertEquals("bob", chain.resolve("manager", "ann", ScopeType.REALM_ROLE, "r").reviewerId());
        dir.disabled.add("bob");
        assertFalse(chain.resolve("manager", "ann", ScopeType.REALM_ROLE, "r").assigned());
    }

    @Test
    void namedUsersAndGroupsSkipTheSubject() {
        Fake dir = new Fake();
        dir.groups.put("/auditors", List.of("ann", "y"));
        ReviewDefinition d = definition(null, Map.of(
                "manager", new DefinitionDocument.Reviewer("users", null, null, List.of("ann", "x"), null, "team"),
                "team", new DefinitionDocument.Reviewer("group", null, null, null, "/auditors", null)));
        ReviewerChain chain = new ReviewerChain(d, dir);
        assertEquals("x", chain.resolve("manager", "ann", ScopeType.GROUP, "g").reviewerId());
        assertEquals("ann", chain.resolve("manager", "bob", ScopeType.GROUP, "g").reviewerId());
        dir.disabled.add("x");
        assertEquals(new Assignment("y", "group:team"), chain.resolve("manager", "ann", ScopeType.GROUP, "g"));
    }
}
