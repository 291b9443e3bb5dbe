package city.iam.device.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A plain HTTP/1.1 POST sent from a chosen loopback source address: the test stands in for a TLS-terminating
 * proxy at 127.0.0.2 (or for anybody else at 127.0.0.1). {@link java.net.http.HttpClient} cannot pick its
 * source address, hence the socket.
 */
final class FromAddress {

    record Reply(int status, String body) {
    }

    private FromAddress() {
    }

    static Reply post(String source, String baseUrl, String path, Map<String, String> headers, String contentType, String body) {
        URI uri = URI.create(baseUrl);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(source, 0));
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
            socket.setSoTimeout(30_000);
            byte[] payload = body.getBytes(StandardCharsets.UTF_8);
            StringBuilder request = new StringBuilder("POST " + path + " HTTP/1.1\r\n")
                    .append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n")
                    .append("Content-Type: ").append(contentType).append("\r\n")
                    .append("Content-Length: ").append(payload.length).append("\r\n")
                    .append("Connection: close\r\n");
            headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(payload);
            out.flush();
            return parse(socket.getInputStream().readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Reply parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int split = text.indexOf("\r\n\r\n");
        String head = text.substring(0, split);
        int status = Integer.parseInt(head.split(" ")[1]);
        byte[] body = java.util.Arrays.copyOfRange(raw, split + 4, raw.length);
        if (head.toLowerCase().contains("transfer-encoding: chunked")) {
            body = dechunk(new java.io.ByteArrayInputStream(body));
        }
        return new Reply(status, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(InputStream in) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (true) {
                StringBuilder line = new StringBuilder();
                int c;
                while ((c = in.read()) != '\n' && c != -1) {
                    if (c != '\r') {
                        line.append((char) c);
                    }
                }
                int size = Integer.parseInt(line.toString().split(";")[0].trim(), 16);
                if (size == 0) {
                    return out.toByteArray();
                }
                out.write(in.readNBytes(size));
                in.readNBytes(2);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
