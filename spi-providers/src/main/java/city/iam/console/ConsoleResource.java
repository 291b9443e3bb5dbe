package city.iam.console;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code /realms/{realm}/city-iam/console/}: the City IAM console, static files from this jar (no CDN, no code
 * from anywhere else). It signs in as the public PKCE client {@value ConsoleClient#CLIENT_ID} and calls only the
 * suite's REST APIs with the user's token, so every page shows what the APIs allow that user and nothing else.
 * The content security policy lets the pages load and call only this server.
 */
public class ConsoleResource {

    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "console.js", "text/javascript; charset=utf-8",
            "oidc.js", "text/javascript; charset=utf-8",
            "pages.js", "text/javascript; charset=utf-8",
            "console.css", "text/css; charset=utf-8");
    /** The files never change while the server runs: read from the jar once, not on every page load. */
    private static final Map<String, byte[]> CONTENT = new ConcurrentHashMap<>();
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    @GET
    public Response index() {
        return file("index.html");
    }

    @GET
    @Path("{file}")
    public Response file(@PathParam("file") String name) {
        String type = FILES.get(name);
        if (type == null) {
            throw new NotFoundException();
        }
        return Response.ok(CONTENT.computeIfAbsent(name, ConsoleResource::read), type)
                .header("Content-Security-Policy", CSP)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-cache")
                .build();
    }

    private static byte[] read(String name) {
        try (InputStream in = ConsoleResource.class.getResourceAsStream("/city-iam-console/" + name)) {
            if (in == null) {
                throw new IllegalStateException("console file " + name + " missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
