package city.iam.lifecycle.it;

import city.iam.testing.Http;
import city.iam.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * LJ-32 by organisation: a member of the parks organisation gets the parks staff group from the birthright sweep;
 * once she leaves the organisation the group goes only after the mover grace. A rule naming an organisation the
 * realm does not have is refused with nothing stored.
 */
class OrganizationBirthrightIT extends ClockedLifecycleIT {

    @Test
    void organisationMembersGetBirthrightAccessUntilTheGraceAfterTheyLeave(TestServer server) {
        city = new LifecycleRealm(server, "ljorg", false);
        Http http = city.http;
        String admin = city.admin();
        city.clock(0);
        city.group("parks-staff");
        assertEquals(204, http.putJson(city.realm.adminPath(""), admin, Map.of("organizationsEnabled", true)).status());
        Map<String, Object> policy = Map.of("mover_grace", "P7D", "rules", List.of(
                Map.of("id", "parks", "when", Map.of("organization", "parks"), "groups", List.of("/parks-staff"))));

        LifecycleRealm.error(400, "unknown_organization", http.putJson(city.path("/policies/birthright"), admin, policy));
        LifecycleRealm.error(400, "invalid_policy", http.putJson(city.path("/policies/birthright"), admin, Map.of("rules", List.of(
                Map.of("id", "x", "when", Map.of("organization", "parks", "attribute", "department", "in", List.of("parks")),
                        "groups", List.of("/parks-staff"))))));
        assertEquals(404, http.get(city.path("/policies/birthright"), admin).status(), "refusals stored nothing");

        Http.Reply org = http.postJson(city.realm.adminPath("/organizations"), admin, Map.of("name", "Parks", "alias", "parks",
                "domains", List.of(Map.of("name", "parks.example"))));
        assertEquals(201, org.status(), org.toString());
        String orgId = org.headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");
        Http.Reply put = http.putJson(city.path("/policies/birthright"), admin, policy);
        assertEquals(201, put.status(), put.toString());

        String pia = city.realm.user("pia", "Pia-pass-1");
        city.runToCompletion("birthright");
        assertEquals(List.of(), groups(pia), "not a member yet");

        assertEquals(201, http.postJson(city.realm.adminPath("/organizations/" + orgId + "/members"), admin, pia).status());
        city.runToCompletion("birthright");
        assertEquals(List.of("/parks-staff"), groups(pia), "a member gets the group");

        assertEquals(204, http.delete(city.realm.adminPath("/organizations/" + orgId + "/members/" + pia), admin).status());
        city.runToCompletion("birthright");
        assertEquals(List.of("/parks-staff"), groups(pia), "kept for the grace after leaving");
        city.clock(8);
        city.runToCompletion("birthright");
        assertEquals(List.of(), groups(pia), "removed once the grace has run out");
    }

    /** The birthright group among the user's groups (Keycloak may list the organisation's internal group too). */
    private List<String> groups(String id) {
        return StreamSupport.stream(city.http.get(city.realm.adminPath("/users/" + id + "/groups"), city.admin()).json().spliterator(), false)
                .map(g -> g.get("path").asText()).filter("/parks-staff"::equals).toList();
    }
}
