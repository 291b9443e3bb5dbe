package city.iam.review.campaign;

import city.iam.review.definition.ScopeType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class SnapshotHasherTest {

    static final Grant DIRECT = new Grant("u1", "ann", 0, ScopeType.REALM_ROLE, "r1", "finance-admin", GrantKind.DIRECT, null, "direct", true);
    static final Grant GROUP = new Grant("u2", "bob", 0, ScopeType.REALM_ROLE, "r1", "finance-admin", GrantKind.GROUP, "g1", "group /fin-ops", true);

    static String hash(Grant... grants) {
        SnapshotHasher h = new SnapshotHasher();
        for (int i = 0; i < grants.length; i++) {
            h.add(i + 1, grants[i]);
        }
        return h.hex();
    }

    @Test
    void eachItemIsOneCanonicalLineWithoutDisplayOnlyFields() {
        assertEquals("{\"access_id\":\"r1\",\"access_type\":\"realm_role\",\"grant_kind\":\"GROUP\",\"grant_path\":\"group /fin-ops\","
                + "\"grant_via_id\":\"g1\",\"seq\":2,\"user_id\":\"u2\"}\n", SnapshotHasher.line(2, GROUP));
    }

    @Test
    void theLineIsTheCanonicalJsonOfTheItemFieldsEvenForAwkwardValues() {
        Grant awkward = new Grant("u\"3", "cem", 0, ScopeType.GROUP, "g\\9", "/a\nb", GrantKind.SUBGROUP, null, "member of subgroup /a\tb/\u0001é", false);
        for (Grant g : new Grant[]{DIRECT, GROUP, awkward}) {
            java.util.Map<String, Object> m = new java.util.HashMap<>();
            m.put("seq", 7L);
            m.put("user_id", g.userId());
            m.put("access_type", g.type().code());
            m.put("access_id", g.accessId());
            m.put("grant_kind", g.kind().name());
            m.put("grant_via_id", g.viaId());
            m.put("grant_path", g.path());
            assertEquals(city.iam.kernel.json.CanonicalJson.of(m) + "\n", SnapshotHasher.line(7, g));
        }
    }

    @Test
    void theHashIsRepeatableAndOrderSensitive() {
        assertEquals(hash(DIRECT, GROUP), hash(DIRECT, GROUP));
        assertNotEquals(hash(DIRECT, GROUP), hash(GROUP, DIRECT));
        assertEquals(64, hash().length());
    }
}
