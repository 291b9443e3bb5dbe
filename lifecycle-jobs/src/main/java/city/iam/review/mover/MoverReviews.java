package city.iam.review.mover;

import city.iam.kernel.audit.Actor;
import city.iam.review.campaign.CampaignLauncher;
import city.iam.review.campaign.SnapshotWalk;
import city.iam.review.definition.DefinitionDocument;
import city.iam.review.definition.ReviewDefinition;
import city.iam.review.definition.ReviewDefinitions;
import city.iam.review.jpa.CampaignEntity;
import jakarta.persistence.EntityManager;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The mover's micro-review (LJ-33): when the birthright job sees someone move, every definition with
 * {@code "trigger": "mover"} is launched over that person's access in its scope, minus what the birthright rules
 * gave them (that is justified by the rules, and what they no longer qualify for is already on its way out). Its
 * reviewer chain resolves as of now, so a {@code manager} resolver finds the new manager. A move that leaves
 * nothing discretionary opens no campaign.
 */
public final class MoverReviews {

    private MoverReviews() {
    }

    /** Whether any definition of the realm is launched by moves (only then are managers watched). */
    public static boolean defined(RealmModel realm) {
        return ReviewDefinitions.list(realm).stream().anyMatch(d -> ReviewDefinition.MOVER.equals(d.trigger()));
    }

    /** Launches in the caller's transaction; answers the campaigns opened. */
    public static List<String> open(KeycloakSession session, RealmModel realm, EntityManager em, UserModel mover, Set<String> justified,
                                    Actor actor, long now) {
        List<String> opened = new ArrayList<>();
        for (DefinitionDocument stored : ReviewDefinitions.list(realm)) {
            if (!ReviewDefinitions.definition(stored).onMove()) {
                continue;
            }
            CampaignEntity c = new CampaignLauncher(session, realm, em).launchIfAny(stored, "mover:" + mover.getId() + ":" + now, actor,
                    "mover:" + mover.getUsername(), now, new SnapshotWalk(session, realm, em).discretionaryAccessOf(mover.getId(), justified));
            if (c != null) {
                opened.add(c.getId());
            }
        }
        return opened;
    }
}
