package city.iam.realmconfig.remote;

import city.iam.realmconfig.model.LiveState;
import city.iam.realmconfig.model.ObjectType;
import city.iam.realmconfig.model.RealmNames;
import city.iam.realmconfig.plan.Plan;

import java.util.Set;
import java.util.function.Consumer;

/** The live realm, as the tool needs it: read a set of types, apply a plan. */
public interface RealmApi extends AutoCloseable {

    /** The live objects of these types, with one listing call per type (datasets and agreements share one). */
    LiveState read(Set<ObjectType> types);

    /** The realm's group paths and role names, in one call, for {@code LiveReferences}. */
    RealmNames realmNames();

    /**
     * Which of these people (usernames, or user ids) the realm has, for {@code LiveReferences}: one exact lookup
     * each, so it costs the handful of people a directory names, never a walk over the realm's users.
     */
    Set<String> existingUsers(Set<String> usernamesOrIds);

    /** Runs the plan's changes in order; {@code progress} hears one line per call. */
    void apply(Plan plan, Consumer<String> progress);

    @Override
    void close();
}
