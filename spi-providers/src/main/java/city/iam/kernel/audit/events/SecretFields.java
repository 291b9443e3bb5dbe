package city.iam.kernel.audit.events;

import java.util.Locale;

/** Keeps secrets out of audit payloads even when an event detail carries one. */
final class SecretFields {

    private SecretFields() {
    }

    static boolean looksSecret(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.contains("secret") || n.contains("password") || n.contains("token") || n.contains("credential")
                || n.contains("code");
    }
}
