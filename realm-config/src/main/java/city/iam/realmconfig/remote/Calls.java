package city.iam.realmconfig.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import java.util.function.Supplier;

/** Turns the Admin Client's exceptions into one sentence naming the call, the status and the server's reason. */
final class Calls {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How the token request is named, so its 401 can say "credentials" rather than "token". */
    static final String TOKEN = "obtain a token";

    private final ServerOptions options;

    Calls(ServerOptions options) {
        this.options = options;
    }

    <T> T run(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (WebApplicationException e) {
            throw failure(what, e.getResponse());
        } catch (ProcessingException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new RemoteFailure("Cannot reach " + options.serverUrl() + " (" + what + "): " + root, e);
        }
    }

    void run(String what, Runnable call) {
        run(what, () -> {
            call.run();
            return null;
        });
    }

    RemoteFailure failure(String what, Response response) {
        int status = response.getStatus();
        String reason = reason(response);
        String message = switch (status) {
            case 401 -> what.startsWith(TOKEN)
                    ? "The server refused the client credentials of '" + options.clientId() + "' in realm " + options.realm()
                    + " while trying to " + what + " (401" + reason + "). Check the client id, its secret and the realm."
                    : "The server refused the token of client '" + options.clientId() + "' while trying to " + what
                    + " (401" + reason + "). Check the realm and the client's credentials.";
            case 403 -> "Client '" + options.clientId() + "' may not " + what + " in realm " + options.realm() + " (403" + reason
                    + "). Give its service account the roles listed in docs/realm-config.md (Roles).";
            default -> "The server refused to " + what + " (HTTP " + status + reason + ").";
        };
        return new RemoteFailure(message);
    }

    private static String reason(Response response) {
        try {
            String body = response.readEntity(String.class);
            if (body == null || body.isBlank()) {
                return "";
            }
            JsonNode n = JSON.readTree(body);
            String code = n.path("error").asText(n.path("errorMessage").asText(""));
            String description = n.path("error_description").asText("");
            return ": " + code + (description.isEmpty() ? "" : " - " + description);
        } catch (Exception e) {
            return "";
        } finally {
            response.close();
        }
    }
}
