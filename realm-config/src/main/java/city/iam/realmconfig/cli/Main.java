package city.iam.realmconfig.cli;

import city.iam.realmconfig.export.Exporter;
import city.iam.realmconfig.load.DirectoryReader;
import city.iam.realmconfig.model.DesiredState;
import city.iam.realmconfig.model.LiveState;
import city.iam.realmconfig.model.ObjectType;
import city.iam.realmconfig.model.Problem;
import city.iam.realmconfig.model.RealmNames;
import city.iam.realmconfig.plan.Plan;
import city.iam.realmconfig.plan.Planner;
import city.iam.realmconfig.remote.KeycloakRealmApi;
import city.iam.realmconfig.remote.RealmApi;
import city.iam.realmconfig.remote.RemoteFailure;
import city.iam.realmconfig.remote.ServerOptions;
import city.iam.realmconfig.validate.LiveReferences;
import city.iam.realmconfig.validate.Validator;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** {@code realm-config validate|plan|apply|export DIR}: see {@link Options#USAGE} and docs/realm-config.md. */
public final class Main {

    public static final int OK = 0;
    public static final int INVALID = 1;
    public static final int USAGE = 2;
    public static final int REMOTE = 3;
    public static final int CHANGES = 4;

    private final PrintStream out;
    private final PrintStream err;
    private final Function<String, String> env;
    private final Function<ServerOptions, RealmApi> connector;

    public Main(PrintStream out, PrintStream err, Function<String, String> env, Function<ServerOptions, RealmApi> connector) {
        this.out = out;
        this.err = err;
        this.env = env;
        this.connector = connector;
    }

    public static void main(String[] args) {
        // The Admin Client's RESTEasy logs through JBoss Logging; keep its start-up chatter out of CI output.
        System.setProperty("org.jboss.logging.provider", System.getProperty("org.jboss.logging.provider", "jdk"));
        java.util.logging.Logger.getLogger("org.jboss.resteasy").setLevel(java.util.logging.Level.WARNING);
        int code = new Main(System.out, System.err, System::getenv, KeycloakRealmApi::connect).run(args);
        System.exit(code);
    }

    public int run(String[] args) {
        Options options;
        try {
            if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
                out.print(Options.USAGE);
                return args.length == 0 ? USAGE : OK;
            }
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.print(Options.USAGE);
            return USAGE;
        }
        try {
            return switch (options.command()) {
                case "validate" -> validate(options.dir()) == null ? INVALID : OK;
                case "plan", "apply" -> planOrApply(options);
                case "export" -> export(options);
                default -> USAGE;
            };
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return USAGE;
        } catch (RemoteFailure e) {
            err.println("error: " + e.getMessage());
            return REMOTE;
        }
    }

    /** The desired state, or null after printing every problem. */
    private DesiredState validate(Path dir) {
        DirectoryReader.Result result = new Validator(env).validate(dir);
        if (!result.valid()) {
            report(dir + " is invalid", result.problems());
            return null;
        }
        int objects = result.state().declarations().values().stream().mapToInt(d -> d.objects().size()).sum();
        out.println(dir + " is valid: " + objects + " objects in " + result.state().types().size() + " files.");
        return result.state();
    }

    private void report(String what, List<Problem> problems) {
        err.println(what + " (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + "):");
        for (Problem p : problems) {
            err.println("  " + p);
        }
    }

    private int planOrApply(Options options) {
        DesiredState desired = validate(options.dir());
        if (desired == null) {
            if (options.command().equals("apply")) {
                err.println("Nothing was applied.");
            }
            return INVALID;
        }
        ServerOptions server = options.server(env);
        try (RealmApi api = connector.apply(server)) {
            long started = System.nanoTime();
            LiveState live = api.read(desired.types());
            if (LiveReferences.needed(desired)) {
                Set<String> people = LiveReferences.usernames(desired);
                List<Problem> problems = LiveReferences.check(desired, LiveReferences.namesNeeded(desired) ? api.realmNames() : RealmNames.NONE,
                        people.isEmpty() ? Set.of() : api.existingUsers(people), server.realm());
                if (!problems.isEmpty()) {
                    report(options.dir() + " names objects realm " + server.realm() + " does not have", problems);
                    if (options.command().equals("apply")) {
                        err.println("Nothing was applied.");
                    }
                    return INVALID;
                }
            }
            Plan plan = Planner.plan(desired, live);
            out.println("Realm " + server.realm() + " at " + server.serverUrl() + ":");
            out.print(plan.render());
            out.println("(planned in " + millis(started) + " ms)");
            if (options.command().equals("plan")) {
                return options.detailedExitCode() && !plan.empty() ? CHANGES : OK;
            }
            if (plan.empty()) {
                return OK;
            }
            long applying = System.nanoTime();
            api.apply(plan, out::println);
            out.println("Applied " + plan.changes().size() + " changes in " + millis(applying) + " ms.");
            return OK;
        }
    }

    private int export(Options options) {
        ServerOptions server = options.server(env);
        try (RealmApi api = connector.apply(server)) {
            LiveState live = api.read(EnumSet.allOf(ObjectType.class));
            for (Path p : Exporter.write(live, options.dir())) {
                out.println("wrote " + p);
            }
            return OK;
        } catch (IOException e) {
            err.println("Cannot write " + options.dir() + ": " + e.getMessage());
            return USAGE;
        }
    }

    private static long millis(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }
}
