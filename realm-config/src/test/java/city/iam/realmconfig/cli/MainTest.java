package city.iam.realmconfig.cli;

import city.iam.realmconfig.TestDirs;
import city.iam.realmconfig.model.LiveObject;
import city.iam.realmconfig.model.LiveState;
import city.iam.realmconfig.model.ObjectType;
import city.iam.realmconfig.model.RealmNames;
import city.iam.realmconfig.plan.Plan;
import city.iam.realmconfig.remote.RealmApi;
import city.iam.realmconfig.remote.ServerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Map<String, String> env = new HashMap<>(Map.of("CITY_IAM_REALM", "city", "CITY_IAM_CLIENT_SECRET", "s"));

    /** An in-memory realm that records what was applied. */
    static final class FakeRealm implements RealmApi {
        final List<Plan> applied = new ArrayList<>();
        final Map<ObjectType, Map<String, LiveObject>> objects = new EnumMap<>(ObjectType.class);
        int reads;
        RealmNames names = new RealmNames(Set.of("/break-glass"), Set.of(),
                Set.of("city-iam/review-admin", "city-iam/dataset-admin", "city-iam/device-admin", "city-iam/auditor"), Set.of("utility-a"));

        @Override
        public LiveState read(Set<ObjectType> types) {
            reads++;
            Map<ObjectType, Map<String, LiveObject>> live = new EnumMap<>(ObjectType.class);
            types.forEach(t -> live.put(t, objects.getOrDefault(t, Map.of())));
            return new LiveState(live);
        }

        @Override
        public void apply(Plan plan, Consumer<String> progress) {
            applied.add(plan);
            plan.changes().forEach(c -> {
                Map<String, LiveObject> m = objects.computeIfAbsent(c.type(), t -> new HashMap<>());
                if (c.desired() == null) {
                    m.remove(c.id());
                } else {
                    m.put(c.id(), new LiveObject(c.type(), c.id(), c.desired(), null));
                }
            });
        }

        @Override
        public RealmNames realmNames() {
            return names;
        }

        @Override
        public Set<String> existingUsers(Set<String> usernamesOrIds) {
            return usernamesOrIds;
        }

        @Override
        public void close() {
        }
    }

    private int run(Function<ServerOptions, RealmApi> connector, String... args) {
        out.reset();
        err.reset();
        return new Main(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                env::get, connector).run(args);
    }

    private static RealmApi unreachable(ServerOptions o) {
        throw new AssertionError("the server must not be contacted");
    }

    @Test
    void applyTwiceThenExportThenApplyChangesNothing() throws Exception {
        FakeRealm realm = new FakeRealm();
        assertEquals(0, run(o -> realm, "apply", TestDirs.reference().toString()));
        // The fake starts empty: the leaver and hygiene settings are creates here (a real server always has them).
        assertTrue(out.toString().contains("Plan: 16 to create"), out::toString);
        assertEquals(0, run(o -> realm, "apply", TestDirs.reference().toString()));
        assertTrue(out.toString().contains("No changes"), out::toString);
        assertEquals(1, realm.applied.size());

        Path exported = tmp.resolve("export");
        assertEquals(0, run(o -> realm, "export", exported.toString()));
        assertTrue(Files.exists(exported.resolve("datasets.json")));
        assertEquals(0, run(o -> realm, "plan", exported.toString(), "--detailed-exitcode"), out::toString);
    }

    @Test
    void anInvalidDirectoryIsRefusedBeforeTheServerIsContacted() {
        Path dir = TestDirs.copyOfReference(tmp.resolve("broken"));
        TestDirs.write(dir, "agreements.json", TestDirs.read(dir, "agreements.json").replace("\"ds-health-visits\"", "\"nope\""));
        assertEquals(Main.INVALID, run(MainTest::unreachable, "apply", dir.toString()));
        assertTrue(err.toString().contains("agreements.json#/agreements/1/datasets") && err.toString().contains("Nothing was applied."), err::toString);
        assertEquals(Main.INVALID, run(MainTest::unreachable, "validate", dir.toString()));
    }

    @Test
    void usageErrorsAndMissingSecretsExitTwo() {
        assertEquals(Main.USAGE, run(MainTest::unreachable, "deploy", "x"));
        assertEquals(Main.USAGE, run(MainTest::unreachable, "plan"));
        assertEquals(Main.USAGE, run(MainTest::unreachable, "plan", "x", "--secret", "s"));
        env.remove("CITY_IAM_CLIENT_SECRET");
        assertEquals(Main.USAGE, run(MainTest::unreachable, "plan", TestDirs.reference().toString()));
        assertTrue(err.toString().contains("No client secret: set CITY_IAM_CLIENT_SECRET"), err::toString);
    }

    @Test
    void theSecretCanComeFromAFile() throws Exception {
        Path secret = tmp.resolve("secret");
        Files.writeString(secret, "from-file\n");
        env.remove("CITY_IAM_CLIENT_SECRET");
        ServerOptions[] seen = new ServerOptions[1];
        assertEquals(0, run(o -> {
            seen[0] = o;
            return new FakeRealm();
        }, "plan", TestDirs.reference().toString(), "--client-secret-file", secret.toString(), "--server", "https://kc.example"));
        assertEquals("from-file", seen[0].clientSecret());
        assertEquals("https://kc.example", seen[0].serverUrl());
        assertEquals("city-iam-config", seen[0].clientId());
    }
}
