package city.iam.kernel.mail;

import org.jboss.logging.Logger;
import org.keycloak.executors.ExecutorsProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.function.BiConsumer;

/**
 * Mail that follows a state change only once the change is committed, on a background thread in a fresh
 * session and transaction. Tying the mail to the commit that made the change — not to state a retry could
 * see again — is what keeps a notice from going out twice: a rolled-back change mails nothing, and work
 * resumed after a crash does not redo a committed change, so it does not mail again either (a crash between
 * commit and send loses the mail rather than repeating it: at most once). The background thread keeps SMTP
 * off the request or token grant that made the change.
 */
public final class AfterCommitMail {

    static final String EXECUTOR = "city-iam-mail";
    private static final Logger LOG = Logger.getLogger(AfterCommitMail.class);

    private AfterCommitMail() {
    }

    /**
     * Runs {@code work} (which mails and records the outcome) after the session's transaction commits, with a
     * fresh session bound to the realm (email templates and the user profile need one) and that realm.
     */
    public static void enlist(KeycloakSession session, RealmModel realm, BiConsumer<KeycloakSession, RealmModel> work) {
        String realmId = realm.getId();
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        var executor = session.getProvider(ExecutorsProvider.class).getExecutor(EXECUTOR);
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                executor.execute(() -> {
                    try {
                        KeycloakModelUtils.runJobInTransaction(factory, s -> {
                            RealmModel r = s.realms().getRealm(realmId);
                            if (r != null) {
                                s.getContext().setRealm(r);
                                work.accept(s, r);
                            }
                        });
                    } catch (RuntimeException e) {
                        LOG.warnf(e, "notice mail work in realm %s failed", realmId);
                    }
                });
            }

            @Override
            protected void rollbackImpl() {
            }
        });
    }
}
