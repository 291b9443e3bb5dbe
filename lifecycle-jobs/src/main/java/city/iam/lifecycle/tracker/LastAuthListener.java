package city.iam.lifecycle.tracker;

import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;

/** Hands each successful authentication to the writer; does no database work on the login path. */
final class LastAuthListener implements EventListenerProvider {

    private final KeycloakSession session;
    private final LastAuthWriter writer;

    LastAuthListener(KeycloakSession session, LastAuthWriter writer) {
        this.session = session;
        this.writer = writer;
    }

    @Override
    public void onEvent(Event event) {
        Authentication a = Authentication.of(event);
        if (a != null) {
            writer.offer(session, a);
        }
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
    }

    @Override
    public void close() {
    }
}
