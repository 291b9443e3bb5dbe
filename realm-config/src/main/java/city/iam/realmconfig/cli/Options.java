package city.iam.realmconfig.cli;

import city.iam.realmconfig.remote.ServerOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Command-line options, each with an environment-variable fallback for CI. The client secret is never an
 * option value (it would show in process lists and CI logs): it is read from an environment variable or a file.
 */
public record Options(String command, Path dir, Map<String, String> values, boolean detailedExitCode) {

    static final Set<String> COMMANDS = Set.of("validate", "plan", "apply", "export");
    private static final Set<String> WITH_VALUE = Set.of("--server", "--realm", "--client-id", "--client-secret-env",
            "--client-secret-file", "--truststore", "--truststore-password-env", "--parallel");

    public static final String USAGE = """
            Usage: realm-config <validate|plan|apply|export> DIR [options]

              validate DIR   check DIR offline (schema, duplicate ids, cross-references); nothing is contacted
              plan DIR       show what apply would create, update and delete; nothing is changed
              apply DIR      bring the realm to DIR's state (refused, with nothing changed, if DIR is invalid)
              export DIR     write the realm's city-iam configuration into DIR in the same format

            Options (environment variable in brackets):
              --server URL                   Keycloak base URL                  [CITY_IAM_SERVER, default http://localhost:8080]
              --realm NAME                   target realm                       [CITY_IAM_REALM]
              --client-id ID                 confidential client with a service account [CITY_IAM_CLIENT_ID, default city-iam-config]
              --client-secret-env VAR        variable holding the client secret [default CITY_IAM_CLIENT_SECRET]
              --client-secret-file FILE      file holding the client secret     [CITY_IAM_CLIENT_SECRET_FILE]
              --truststore FILE              PKCS12/JKS trust store for the server's TLS certificate [CITY_IAM_TRUSTSTORE]
              --truststore-password-env VAR  variable holding its password      [default CITY_IAM_TRUSTSTORE_PASSWORD]
              --parallel N                   apply: independent writes at once  [CITY_IAM_PARALLEL, default 2]
              --detailed-exitcode            plan: exit 4 when there are changes (for CI)

            Exit codes: 0 done, 1 invalid directory, 2 usage, 3 server unreachable/refused, 4 plan has changes.
            """;

    /** Parses; throws IllegalArgumentException with a sentence on bad usage. */
    public static Options parse(String[] args) {
        String command = null;
        Path dir = null;
        Map<String, String> values = new HashMap<>();
        boolean detailed = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (WITH_VALUE.contains(a)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(a + " needs a value.");
                }
                values.put(a, args[++i]);
            } else if (a.equals("--detailed-exitcode")) {
                detailed = true;
            } else if (a.startsWith("--")) {
                throw new IllegalArgumentException("Unknown option " + a + ".");
            } else if (command == null) {
                if (!COMMANDS.contains(a)) {
                    throw new IllegalArgumentException("Unknown command '" + a + "'.");
                }
                command = a;
            } else if (dir == null) {
                dir = Path.of(a);
            } else {
                throw new IllegalArgumentException("Unexpected argument '" + a + "'.");
            }
        }
        if (command == null || dir == null) {
            throw new IllegalArgumentException("A command and a directory are required.");
        }
        return new Options(command, dir, values, detailed);
    }

    /** Connection settings from options, then environment; throws IllegalArgumentException if incomplete. */
    public ServerOptions server(Function<String, String> env) {
        String url = value("--server", env, "CITY_IAM_SERVER", "http://localhost:8080");
        String realm = value("--realm", env, "CITY_IAM_REALM", null);
        String clientId = value("--client-id", env, "CITY_IAM_CLIENT_ID", "city-iam-config");
        if (realm == null) {
            throw new IllegalArgumentException("The realm is required: --realm NAME or CITY_IAM_REALM.");
        }
        String secret = secret(env);
        String store = value("--truststore", env, "CITY_IAM_TRUSTSTORE", null);
        String storePassword = env.apply(values.getOrDefault("--truststore-password-env", "CITY_IAM_TRUSTSTORE_PASSWORD"));
        int parallel;
        try {
            parallel = Integer.parseInt(value("--parallel", env, "CITY_IAM_PARALLEL", "2"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--parallel takes a number from 1 to 16.");
        }
        if (parallel < 1 || parallel > 16) {
            throw new IllegalArgumentException("--parallel takes a number from 1 to 16.");
        }
        return new ServerOptions(url, realm, clientId, secret, store == null ? null : Path.of(store), storePassword, parallel);
    }

    private String secret(Function<String, String> env) {
        String file = value("--client-secret-file", env, "CITY_IAM_CLIENT_SECRET_FILE", null);
        if (file != null) {
            try {
                return Files.readString(Path.of(file)).strip();
            } catch (IOException e) {
                throw new IllegalArgumentException("Cannot read the client secret file " + file + ": " + e.getMessage());
            }
        }
        String var = values.getOrDefault("--client-secret-env", "CITY_IAM_CLIENT_SECRET");
        String secret = env.apply(var);
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("No client secret: set " + var + " or use --client-secret-file FILE.");
        }
        return secret;
    }

    private String value(String option, Function<String, String> env, String variable, String fallback) {
        String v = values.get(option);
        if (v == null) {
            v = env.apply(variable);
        }
        return v == null || v.isEmpty() ? fallback : v;
    }
}
