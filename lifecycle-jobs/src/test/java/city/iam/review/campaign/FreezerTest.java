package city.iam.review.campaign;

import city.iam.kernel.json.Json;
import city.iam.review.decision.PriorReview;
import city.iam.review.definition.DefinitionDocument;
import city.iam.review.definition.ReviewDefinition;
import city.iam.review.definition.ReviewDefinitions;
import city.iam.review.jpa.CampaignEntity;
import city.iam.review.jpa.ItemEntity;
import city.iam.review.reviewer.Assignment;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FreezerTest {

    static final long NOW = 1_800_000_000_000L;
    static final ReviewDefinition DEFINITION = ReviewDefinitions.definition(Json.read(("{\"id\":\"monthly\",\"scope\":{\"selectors\":"
            + "[{\"type\":\"realm_role\",\"name\":\"meter-reader\"}]},\"reviewers\":{\"owner\":{\"type\":\"owner\"}},"
            + "\"stages\":[{\"duration\":\"P14D\",\"reviewer\":\"owner\"}]}").getBytes(StandardCharsets.UTF_8), DefinitionDocument.class));

    static CampaignEntity campaign() {
        CampaignEntity c = new CampaignEntity();
        c.setId("c1");
        c.setRealmId("realm");
        return c;
    }

    static List<SnapshotWalk.Row> rows(int n) {
        List<SnapshotWalk.Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // One path longer than the item column: the hash takes it as stored, so read-back items reproduce it.
            String path = i == 3 ? "group " + "/deep".repeat(300) : "direct";
            Grant g = new Grant("u" + i, "user" + i, 0, city.iam.review.definition.ScopeType.REALM_ROLE, "r1", "meter-reader",
                    i == 3 ? GrantKind.GROUP : GrantKind.DIRECT, i == 3 ? "g1" : null, path, false);
            rows.add(new SnapshotWalk.Row(g, i % 3 == 0 ? Assignment.NOBODY : new Assignment("olga", "owner"), null, PriorReview.NONE));
        }
        return rows;
    }

    @Test
    void aFreezerPrimedWithTheCommittedItemsEndsWithTheHashAndCountsOfOneUninterruptedFreeze() {
        List<SnapshotWalk.Row> rows = rows(10);
        Freezer whole = new Freezer(campaign(), DEFINITION, NOW, NOW);
        whole.items(rows.subList(0, 4));
        whole.items(rows.subList(4, 10));
        CampaignEntity expected = campaign();
        whole.seal(expected);

        for (int cut = 0; cut <= 10; cut++) {
            Freezer first = new Freezer(campaign(), DEFINITION, NOW, NOW);
            List<ItemEntity> committed = first.items(rows.subList(0, cut));
            Freezer resumed = new Freezer(campaign(), DEFINITION, NOW, NOW + 60_000);
            committed.forEach(resumed::committed);
            List<ItemEntity> rest = resumed.items(rows.subList(cut, 10));
            CampaignEntity c = campaign();
            resumed.seal(c);
            assertEquals(expected.getSnapshotHash(), c.getSnapshotHash(), "cut after " + cut);
            assertEquals(10, c.getItemCount());
            assertEquals(whole.unassigned(), resumed.unassigned());
            for (int k = 0; k < rest.size(); k++) {
                assertEquals(cut + k + 1, rest.get(k).getSeq());
            }
        }
    }

    @Test
    void theHashIsTheOneOfTheStoredItemsLineByLine() {
        Freezer f = new Freezer(campaign(), DEFINITION, NOW, NOW);
        List<ItemEntity> items = f.items(rows(5));
        CampaignEntity c = campaign();
        f.seal(c);
        SnapshotHasher h = new SnapshotHasher();
        items.forEach(i -> h.add(i.getSeq(), i.getAccessId(), i.getAccessType(), i.getGrantKind(), i.getGrantPath(), i.getGrantViaId(), i.getUserId()));
        assertEquals(h.hex(), c.getSnapshotHash());
    }

    @Test
    void committedItemsWithAGapAreRefused() {
        Freezer f = new Freezer(campaign(), DEFINITION, NOW, NOW);
        List<ItemEntity> items = f.items(rows(3));
        Freezer resumed = new Freezer(campaign(), DEFINITION, NOW, NOW);
        resumed.committed(items.get(0));
        assertThrows(IllegalStateException.class, () -> resumed.committed(items.get(2)));
    }
}
