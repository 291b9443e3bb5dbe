package city.iam.kernel.audit;

import city.iam.kernel.access.Caller;

/**
 * Who did it, to the individual: a user, a device, a client or the system (scheduled jobs), with the
 * authentication level (acr) the actor had when acting.
 */
public record Actor(String type, String id, String name, String acr) {

    public static final String USER = "user";
    public static final String DEVICE = "device";
    public static final String CLIENT = "client";
    public static final String SYSTEM = "system";

    public static Actor of(Caller caller) {
        return new Actor(USER, caller.id(), caller.name(), caller.acr());
    }

    public static Actor system(String job) {
        return new Actor(SYSTEM, job, job, null);
    }
}
