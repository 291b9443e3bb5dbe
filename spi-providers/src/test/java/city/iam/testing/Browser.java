package city.iam.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A scripted browser for login flows: keeps cookies, follows redirects itself until it reaches a page or a
 * URL the test is waiting for (the client's redirect URI), and submits Keycloak's login forms.
 */
public final class Browser {

    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*\\saction=\"([^\"]+)\"", Pattern.CASE_INSENSITIVE);

    private final HttpClient client;
    private final String stopAt;
    /** path -> (name -> value). Our own jar: Java's CookieManager drops Keycloak's Secure cookies on plain http. */
    private final Map<String, Map<String, String>> cookies = new LinkedHashMap<>();

    /** @param stopAt a URL prefix (the client's redirect URI) where redirect-following stops */
    public Browser(String stopAt) {
        this(stopAt, newClient());
    }

    /**
     * A fresh cookie jar over a shared client: load harnesses run many logins and must not pay a new client
     * (its selector thread and connection pool) per login. The client must not follow redirects.
     */
    public Browser(String stopAt, HttpClient client) {
        this.stopAt = stopAt;
        this.client = client;
    }

    public static HttpClient newClient() {
        return HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** Where a navigation ended: a page (status + HTML) or the redirect to {@code stopAt}. */
    public record Page(int status, String url, String body) {
        public boolean reached(String prefix) {
            return url.startsWith(prefix);
        }

        public String formAction() {
            Matcher m = FORM_ACTION.matcher(body);
            if (!m.find()) {
                throw new AssertionError("no form on page " + url + " (" + status + "): " + body);
            }
            return m.group(1).replace("&amp;", "&");
        }

        public String query(String name) {
            for (String pair : URI.create(url).getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).equals(name)) {
                    return java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
            return null;
        }
    }

    public Page open(String url) {
        return follow(HttpRequest.newBuilder(URI.create(url)).GET(), url);
    }

    public Page submit(Page page, Map<String, String> fields) {
        String action = page.formAction();
        URI target = URI.create(page.url()).resolve(action);
        String body = new LinkedHashMap<>(fields).entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        return follow(HttpRequest.newBuilder(target).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)), target.toString());
    }

    private Page follow(HttpRequest.Builder first, String url) {
        HttpRequest.Builder next = first;
        String current = url;
        for (int hops = 0; hops < 20; hops++) {
            URI uri = URI.create(current);
            String cookieHeader = cookieHeader(uri);
            if (!cookieHeader.isEmpty()) {
                next.header("Cookie", cookieHeader);
            }
            HttpResponse<String> r = send(next.timeout(Duration.ofSeconds(60)).build());
            remember(uri, r.headers().allValues("Set-Cookie"));
            if (r.statusCode() / 100 != 3) {
                return new Page(r.statusCode(), current, r.body());
            }
            String location = r.headers().firstValue("Location").orElseThrow();
            current = URI.create(current).resolve(location).toString();
            if (current.startsWith(stopAt)) {
                return new Page(r.statusCode(), current, "");
            }
            next = HttpRequest.newBuilder(URI.create(current)).GET();
        }
        throw new AssertionError("too many redirects from " + url);
    }

    private String cookieHeader(URI uri) {
        String path = uri.getRawPath() == null ? "/" : uri.getRawPath();
        Map<String, String> out = new LinkedHashMap<>();
        cookies.entrySet().stream()
                .filter(e -> path.startsWith(e.getKey()))
                .sorted((a, b) -> a.getKey().length() - b.getKey().length()) // more specific paths win
                .forEach(e -> out.putAll(e.getValue()));
        return out.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; "));
    }

    private void remember(URI uri, java.util.List<String> setCookies) {
        for (String header : setCookies) {
            String[] parts = header.split(";");
            int eq = parts[0].indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = parts[0].substring(0, eq).trim();
            String value = parts[0].substring(eq + 1).trim();
            String path = "/";
            boolean expired = value.isEmpty();
            for (int i = 1; i < parts.length; i++) {
                String attr = parts[i].trim();
                String lower = attr.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("path=")) {
                    path = attr.substring(5);
                } else if (lower.equals("max-age=0") || lower.startsWith("max-age=-")) {
                    expired = true;
                } else if (lower.startsWith("expires=") && lower.contains("1970")) {
                    expired = true;
                }
            }
            Map<String, String> jar = cookies.computeIfAbsent(path, k -> new LinkedHashMap<>());
            if (expired) {
                jar.remove(name);
            } else {
                jar.put(name, value);
            }
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
