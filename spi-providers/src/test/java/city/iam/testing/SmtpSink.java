package city.iam.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A minimal SMTP server on a free loopback port that accepts every message and keeps it, so tests can read
 * what Keycloak mailed (realm {@code smtpServer}: host 127.0.0.1, this port, no TLS, no auth).
 */
public final class SmtpSink implements AutoCloseable {

    /** One received message: envelope recipients and the raw DATA (headers and MIME body). */
    public record Mail(List<String> recipients, String data) {
        public boolean to(String address) {
            return recipients.stream().anyMatch(r -> r.equalsIgnoreCase(address));
        }

        /** The message with quoted-printable soft line breaks and escapes undone (enough to read the text parts). */
        public String text() {
            String joined = data.replaceAll("=\\r?\\n", "");
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            for (int i = 0; i < joined.length(); i++) {
                char c = joined.charAt(i);
                if (c == '=' && i + 2 < joined.length() && joined.substring(i + 1, i + 3).matches("[0-9A-F]{2}")) {
                    out.write(Integer.parseInt(joined.substring(i + 1, i + 3), 16));
                    i += 2;
                } else {
                    out.write(c);
                }
            }
            return out.toString(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private final ServerSocket server;
    private final List<Mail> mails = new CopyOnWriteArrayList<>();

    public SmtpSink() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Thread accept = new Thread(this::accept, "smtp-sink");
        accept.setDaemon(true);
        accept.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public List<Mail> mails() {
        return List.copyOf(mails);
    }

    private void accept() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                converse(s);
            } catch (IOException e) {
                // closed, or a client went away mid-conversation: keep serving
            }
        }
    }

    private void converse(Socket s) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = s.getOutputStream();
        reply(out, "220 sink ESMTP");
        List<String> recipients = new ArrayList<>();
        String line;
        while ((line = in.readLine()) != null) {
            String upper = line.toUpperCase();
            if (upper.startsWith("EHLO") || upper.startsWith("HELO")) {
                reply(out, "250 sink");
            } else if (upper.startsWith("MAIL FROM")) {
                recipients = new ArrayList<>();
                reply(out, "250 OK");
            } else if (upper.startsWith("RCPT TO")) {
                recipients.add(line.substring(line.indexOf('<') + 1, line.indexOf('>')));
                reply(out, "250 OK");
            } else if (upper.equals("DATA")) {
                reply(out, "354 go ahead");
                StringBuilder data = new StringBuilder();
                String d;
                while ((d = in.readLine()) != null && !d.equals(".")) {
                    data.append(d.startsWith("..") ? d.substring(1) : d).append('\n');
                }
                mails.add(new Mail(List.copyOf(recipients), data.toString()));
                reply(out, "250 queued");
            } else if (upper.equals("QUIT")) {
                reply(out, "221 bye");
                return;
            } else {
                reply(out, "250 OK");
            }
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
