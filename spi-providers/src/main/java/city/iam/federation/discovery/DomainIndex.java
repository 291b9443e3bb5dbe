package city.iam.federation.discovery;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Home-realm discovery lookup (B2): email domain → the target (an organisation or IdP alias) registered for it.
 * Exact domains and wildcards ({@code *.example.org}, any subdomain, not the apex); the most specific entry wins
 * (exact, then the longest wildcard suffix), as in Keycloak's managing-domains rules. A lookup walks the domain's
 * labels once with hash probes, so its cost does not grow with the number of domains (10 000 and more).
 * Immutable: build a new index when organisations change.
 */
public final class DomainIndex<T> {

    private final Map<String, T> exact;
    private final Map<String, T> wildcard;

    private DomainIndex(Map<String, T> exact, Map<String, T> wildcard) {
        this.exact = Map.copyOf(exact);
        this.wildcard = Map.copyOf(wildcard);
    }

    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    /** The target for an email address or bare domain; empty when no entry covers it or the input is not a domain. */
    public Optional<T> lookup(String emailOrDomain) {
        String domain = normalise(emailOrDomain.substring(emailOrDomain.lastIndexOf('@') + 1));
        if (domain == null) {
            return Optional.empty();
        }
        T hit = exact.get(domain);
        if (hit != null) {
            return Optional.of(hit);
        }
        // Longest wildcard suffix first: for a.b.example.org try b.example.org, then example.org, then org.
        for (int dot = domain.indexOf('.'); dot >= 0; dot = domain.indexOf('.', dot + 1)) {
            hit = wildcard.get(domain.substring(dot + 1));
            if (hit != null) {
                return Optional.of(hit);
            }
        }
        return Optional.empty();
    }

    public int size() {
        return exact.size() + wildcard.size();
    }

    static String normalise(String domain) {
        String d = domain.trim().toLowerCase(Locale.ROOT);
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        if (d.isEmpty() || d.length() > 253 || d.startsWith(".") || d.contains("..")) {
            return null;
        }
        for (int i = 0; i < d.length(); i++) {
            char c = d.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.')) {
                return null;
            }
        }
        return d;
    }

    /** Collects entries; a domain claimed twice is refused (the "email domain claimed by two organisations"). */
    public static final class Builder<T> {
        private final Map<String, T> exact = new HashMap<>();
        private final Map<String, T> wildcard = new HashMap<>();

        public Builder<T> add(String domain, T target) {
            boolean isWildcard = domain.trim().startsWith("*.");
            String d = normalise(isWildcard ? domain.trim().substring(2) : domain);
            if (d == null || (isWildcard && !d.contains("."))) {
                throw new IllegalArgumentException("not a domain: " + domain);
            }
            Map<String, T> into = isWildcard ? wildcard : exact;
            T previous = into.putIfAbsent(d, target);
            if (previous != null && !previous.equals(target)) {
                throw new IllegalArgumentException("domain " + domain + " is claimed by " + previous + " and " + target);
            }
            return this;
        }

        public DomainIndex<T> build() {
            return new DomainIndex<>(exact, wildcard);
        }
    }
}
