package city.iam.federation.aggregate;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Brings the realm's SAML IdPs of one aggregate in line with a verified plan: creates new entities, updates
 * changed ones (by digest), re-enables returning ones and disables those that left the aggregate (disabled,
 * not deleted, so existing account links survive a transient removal). Writes go in chunks, each in its own
 * transaction, so thousands of IdPs never sit in one transaction; every chunk is idempotent, so a rerun after a
 * crash simply continues. Aggregate IdPs are hidden on the login page (keycloak#45293): users reach them by
 * discovery, not by a list of thousands of buttons.
 */
public final class IdpSync {

    public static final String CONFIG_AGGREGATE = "city.aggregate";
    public static final String CONFIG_DIGEST = "city.entity.digest";
    public static final String CONFIG_SCOPES = "city.entity.scopes";
    static final int CHUNK = 250;

    /** What a sync did. */
    public record Result(@JsonProperty("created") int created, @JsonProperty("updated") int updated,
                         @JsonProperty("unchanged") int unchanged, @JsonProperty("disabled") int disabled,
                         @JsonProperty("write_ms") long writeMillis) {
    }

    private record Existing(String digest, boolean enabled) {
    }

    private IdpSync() {
    }

    public static Result apply(KeycloakSessionFactory factory, String realmId, String aggregate, List<IdpEntity> plan) {
        long t0 = System.nanoTime();
        Map<String, Existing> existing = KeycloakModelUtils.runJobInTransactionWithResult(factory, s -> existing(s, realmId, aggregate));
        List<IdpEntity> toWrite = new ArrayList<>();
        Set<String> planned = new HashSet<>();
        int unchanged = 0;
        int created = 0;
        for (IdpEntity e : plan) {
            String alias = e.alias(aggregate);
            planned.add(alias);
            Existing x = existing.get(alias);
            if (x != null && x.enabled() && e.digest().equals(x.digest())) {
                unchanged++;
            } else {
                toWrite.add(e);
                if (x == null) {
                    created++;
                }
            }
        }
        List<String> toDisable = existing.entrySet().stream()
                .filter(x -> x.getValue().enabled() && !planned.contains(x.getKey())).map(Map.Entry::getKey).sorted().toList();
        for (int i = 0; i < toWrite.size(); i += CHUNK) {
            List<IdpEntity> chunk = toWrite.subList(i, Math.min(toWrite.size(), i + CHUNK));
            KeycloakModelUtils.runJobInTransaction(factory, s -> write(s, realmId, aggregate, chunk));
        }
        for (int i = 0; i < toDisable.size(); i += CHUNK) {
            List<String> chunk = toDisable.subList(i, Math.min(toDisable.size(), i + CHUNK));
            KeycloakModelUtils.runJobInTransaction(factory, s -> disable(s, realmId, chunk));
        }
        return new Result(created, toWrite.size() - created, unchanged, toDisable.size(), (System.nanoTime() - t0) / 1_000_000);
    }

    /** Disables every IdP of the aggregate (when the aggregate is removed). */
    public static int disableAll(KeycloakSessionFactory factory, String realmId, String aggregate) {
        return apply(factory, realmId, aggregate, List.of()).disabled();
    }

    /**
     * One query for alias, digest and enabled flag of the aggregate's IdPs: going through the model would load
     * each IdP's config map separately (thousands of queries).
     */
    private static Map<String, Existing> existing(KeycloakSession session, String realmId, String aggregate) {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        List<Object[]> rows = em.createQuery("select i.alias, i.enabled, c from IdentityProviderEntity i join i.config c"
                        + " where i.realmId = :realm and i.alias like :prefix and key(c) = :key", Object[].class)
                .setParameter("realm", realmId)
                .setParameter("prefix", IdpEntity.AliasScheme.prefix(aggregate) + "%")
                .setParameter("key", CONFIG_DIGEST)
                .getResultList();
        Map<String, Existing> out = new HashMap<>();
        for (Object[] r : rows) {
            out.put((String) r[0], new Existing((String) r[2], Boolean.TRUE.equals(r[1])));
        }
        return out;
    }

    private static void write(KeycloakSession session, String realmId, String aggregate, List<IdpEntity> chunk) {
        RealmModel realm = session.realms().getRealm(realmId);
        session.getContext().setRealm(realm);
        for (IdpEntity e : chunk) {
            String alias = e.alias(aggregate);
            IdentityProviderModel model = session.identityProviders().getByAlias(alias);
            boolean isNew = model == null;
            if (isNew) {
                model = new IdentityProviderModel();
                model.setAlias(alias);
                model.setProviderId("saml");
                model.setConfig(new HashMap<>());
            }
            model.setEnabled(true);
            model.setHideOnLogin(true);
            model.setDisplayName(e.displayName());
            Map<String, String> config = model.getConfig();
            config.put("idpEntityId", e.entityId());
            config.put("singleSignOnServiceUrl", e.ssoUrl());
            config.put("postBindingAuthnRequest", String.valueOf(e.ssoPost()));
            config.put("postBindingResponse", "true");
            config.put("postBindingLogout", "true");
            if (e.sloUrl() != null) {
                config.put("singleLogoutServiceUrl", e.sloUrl());
            } else {
                config.remove("singleLogoutServiceUrl");
            }
            config.put("validateSignature", "true");
            config.put("signingCertificate", String.join(",", e.signingCertificates()));
            config.put("nameIDPolicyFormat", "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent");
            config.put("principalType", "SUBJECT");
            config.put("syncMode", "FORCE");
            config.put(CONFIG_AGGREGATE, aggregate);
            config.put(CONFIG_DIGEST, e.digest());
            config.put(CONFIG_SCOPES, String.join(",", e.scopes()));
            if (isNew) {
                session.identityProviders().create(model);
            } else {
                session.identityProviders().update(model);
            }
        }
    }

    private static void disable(KeycloakSession session, String realmId, List<String> aliases) {
        session.getContext().setRealm(session.realms().getRealm(realmId));
        for (String alias : aliases) {
            IdentityProviderModel model = session.identityProviders().getByAlias(alias);
            if (model != null && model.isEnabled()) {
                model.setEnabled(false);
                session.identityProviders().update(model);
            }
        }
    }
}
