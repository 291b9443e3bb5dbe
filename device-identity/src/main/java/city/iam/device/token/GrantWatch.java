package city.iam.device.token;

import city.iam.kernel.settings.RealmSettings;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches each device's token grants on this node for two signs of a stolen or cloned identity: more grants
 * in a minute than the realm allows (a device asks once per token lifetime), and the same device from more
 * network addresses within a window than the realm allows. Counting is per node: behind a load balancer that
 * spreads one device over n nodes, each node sees about 1/n of its grants, so limits are per node and the
 * operator guide says so. Both limits are off (0) unless the realm sets them.
 */
public final class GrantWatch {

    /** Realm settings (attributes {@code city-iam.<key>}). */
    public static final String RATE = "device.max-token-grants-per-minute";
    public static final String ADDRESSES = "device.max-addresses";
    public static final String ADDRESS_WINDOW = "device.address-window";

    private static final long MINUTE = 60_000;
    private static final int MAX_TRACKED = 200_000;

    public record Limits(int perMinute, int addresses, Duration addressWindow) {

        public static final Limits OFF = new Limits(0, 0, Duration.ofMinutes(10));

        public static Limits of(RealmSettings settings) {
            return new Limits(settings.integer(RATE, 0), settings.integer(ADDRESSES, 0),
                    settings.duration(ADDRESS_WINDOW, Duration.ofMinutes(10)));
        }

        boolean off() {
            return perMinute <= 0 && addresses <= 0;
        }
    }

    public enum Signal {
        NONE, TOKEN_RATE, MANY_ADDRESSES;

        public String describe(Limits limits) {
            return switch (this) {
                case TOKEN_RATE -> "token rate: more than " + limits.perMinute() + " grants in a minute";
                case MANY_ADDRESSES -> "same device from more than " + limits.addresses() + " network addresses within "
                        + limits.addressWindow();
                case NONE -> "";
            };
        }
    }

    private static final class Track {
        final ArrayDeque<Long> grants = new ArrayDeque<>();
        final Map<String, Long> addresses = new HashMap<>();
        long lastSeen;
    }

    private final Map<String, Track> tracks = new ConcurrentHashMap<>();

    /** Records one grant and answers the signal it raises; a raised signal starts the device's count afresh. */
    public Signal grant(String device, String address, long now, Limits limits) {
        if (limits.off()) {
            return Signal.NONE;
        }
        if (tracks.size() >= MAX_TRACKED) {
            prune(now, limits);
        }
        Track track = tracks.computeIfAbsent(device, k -> new Track());
        synchronized (track) {
            track.lastSeen = now;
            Signal signal = rate(track, now, limits);
            if (signal == Signal.NONE) {
                signal = addresses(track, address, now, limits);
            }
            if (signal != Signal.NONE) {
                track.grants.clear();
                track.addresses.clear();
            }
            return signal;
        }
    }

    private static Signal rate(Track track, long now, Limits limits) {
        if (limits.perMinute() <= 0) {
            return Signal.NONE;
        }
        while (!track.grants.isEmpty() && track.grants.peekFirst() <= now - MINUTE) {
            track.grants.pollFirst();
        }
        track.grants.addLast(now);
        return track.grants.size() > limits.perMinute() ? Signal.TOKEN_RATE : Signal.NONE;
    }

    private static Signal addresses(Track track, String address, long now, Limits limits) {
        if (limits.addresses() <= 0 || address == null) {
            return Signal.NONE;
        }
        long since = now - limits.addressWindow().toMillis();
        track.addresses.values().removeIf(seen -> seen <= since);
        track.addresses.put(address, now);
        return track.addresses.size() > limits.addresses() ? Signal.MANY_ADDRESSES : Signal.NONE;
    }

    /** Forgets devices quiet for longer than both windows, so the node's memory stays bounded. */
    private void prune(long now, Limits limits) {
        long horizon = now - Math.max(MINUTE, limits.addressWindow().toMillis());
        tracks.values().removeIf(t -> t.lastSeen <= horizon);
        if (tracks.size() >= MAX_TRACKED) {
            tracks.clear();
        }
    }
}
