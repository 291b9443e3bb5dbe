package city.iam.dataset.policy;

import java.util.List;
import java.util.Set;

/**
 * Who asks, as the server knows them at decision time (not as the token remembers them).
 *
 * @param individual        a named person or a registered device, not a shared, role or plain service account
 * @param assuranceLevel    the level of the token's acr through the realm's acr-to-level map
 * @param clientPurposes    purposes the requesting client is registered for; a caller cannot add to them
 * @param senderConstrained the token is DPoP- or certificate-bound
 * @param deviceId          the city device the token belongs to, when it is a device token
 */
public record Subject(String id, String name, boolean individual, Set<String> organizations, Set<String> stakeholderTypes,
                      String acr, int assuranceLevel, String clientId, boolean trustedEnvironment,
                      List<Purpose> clientPurposes, boolean senderConstrained, String deviceId) {

    public Subject {
        organizations = Set.copyOf(organizations);
        stakeholderTypes = Set.copyOf(stakeholderTypes);
        clientPurposes = List.copyOf(clientPurposes);
    }
}
