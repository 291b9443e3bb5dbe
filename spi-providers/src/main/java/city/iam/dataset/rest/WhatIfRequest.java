package city.iam.dataset.rest;

import city.iam.dataset.authz.SubjectResolver;
import city.iam.dataset.authz.DatasetDecisions;
import city.iam.dataset.policy.Subject;
import city.iam.kernel.error.CityIamException;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.AccessToken;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A hypothetical request (research A11): a real user as the server knows them, or no user at all, with any
 * of organisations, account type, acr, token binding, device and time overridden. Nothing is issued.
 */
record WhatIfRequest(
        @JsonProperty("user") String user,
        @JsonProperty("client_id") String clientId,
        @JsonProperty("organizations") List<String> organizations,
        @JsonProperty("stakeholder_types") List<String> stakeholderTypes,
        @JsonProperty("individual") Boolean individual,
        @JsonProperty("acr") String acr,
        @JsonProperty("sender_constrained") Boolean senderConstrained,
        @JsonProperty("device_id") String deviceId,
        @JsonProperty("dataset") String dataset,
        @JsonProperty("scope") String scope,
        @JsonProperty("purpose") String purpose,
        @JsonProperty("time") String time) {

    Instant at(Instant now) {
        if (time == null) {
            return now;
        }
        try {
            return Instant.parse(time);
        } catch (DateTimeParseException e) {
            throw CityIamException.badRequest("invalid_time", "time is not an ISO-8601 instant: " + time);
        }
    }

    Subject subject(KeycloakSession session, RealmModel realm) {
        if (clientId != null && realm.getClientByClientId(clientId) == null) {
            throw CityIamException.badRequest("unknown_client", "No client '" + clientId + "' in realm " + realm.getName() + ".");
        }
        AccessToken token = new AccessToken();
        token.issuedFor(clientId);
        token.setAcr(acr);
        if (Boolean.TRUE.equals(senderConstrained)) {
            AccessToken.Confirmation cnf = new AccessToken.Confirmation();
            cnf.setKeyThumbprint("what-if");
            token.setConfirmation(cnf);
        }
        if (deviceId != null) {
            token.getOtherClaims().put("device_id", deviceId);
        }
        Subject base;
        if (user != null) {
            UserModel u = session.users().getUserByUsername(realm, user);
            if (u == null) {
                u = session.users().getUserById(realm, user);
            }
            if (u == null) {
                throw CityIamException.badRequest("unknown_user", "No user '" + user + "' in realm " + realm.getName() + ".");
            }
            base = SubjectResolver.resolve(session, realm, u, token);
        } else {
            ClientModel client = clientId == null ? null : realm.getClientByClientId(clientId);
            base = new Subject(null, "hypothetical", true, Set.of(), Set.of(), acr,
                    DatasetDecisions.assurance(session, realm).levelOf(acr), clientId, SubjectResolver.trustedEnvironment(client),
                    SubjectResolver.purposes(client), Boolean.TRUE.equals(senderConstrained), deviceId);
        }
        return new Subject(base.id(), base.name(), individual == null ? base.individual() : individual,
                organizations == null ? base.organizations() : new HashSet<>(organizations),
                stakeholderTypes == null ? base.stakeholderTypes() : new HashSet<>(stakeholderTypes),
                base.acr(), base.assuranceLevel(), base.clientId(), base.trustedEnvironment(), base.clientPurposes(),
                base.senderConstrained(), base.deviceId());
    }
}
