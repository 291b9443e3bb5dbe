package city.iam.testing;

import java.util.Optional;

/**
 * A running Keycloak with the suite deployed, shared by all integration-test classes of a module. Tests talk
 * to it over HTTP only; {@link #database()} is there for the few tests that tamper with rows directly.
 */
public interface TestServer extends AutoCloseable {

    /** e.g. {@code http://127.0.0.1:41234} — no trailing slash. */
    String baseUrl();

    Optional<TestDatabase> database();

    /** The HTTPS base URL (used by mTLS tests; the server's TLS material comes from cityiam.test.prepare). */
    default String httpsUrl() {
        throw new IllegalStateException("this server has no HTTPS endpoint for tests");
    }

    /** The server log so far (for assertions on start-up and for failure messages). */
    String log();

    default Http http() {
        return new Http(baseUrl());
    }

    /** A master-realm admin token (the bootstrap admin). */
    default String masterToken() {
        return http().passwordToken("master", KeycloakDistribution.ADMIN, KeycloakDistribution.ADMIN_PASSWORD);
    }

    @Override
    void close();
}
