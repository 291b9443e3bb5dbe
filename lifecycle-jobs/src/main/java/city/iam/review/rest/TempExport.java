package city.iam.review.rest;

import jakarta.ws.rs.core.StreamingOutput;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An export written to a temporary file before it is answered: a report or evidence pack of a campaign with
 * 500 000 items is hundreds of megabytes, which the heap should not hold, and its SHA-256 must be known (for the
 * audit entry that records the export) before the answer goes out. The file is removed once sent or on failure.
 */
final class TempExport {

    /** Writes the export's bytes; may throw as writing to a file does. */
    interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private final Path file;
    private final String sha256;

    private TempExport(Path file, String sha256) {
        this.file = file;
        this.sha256 = sha256;
    }

    static TempExport write(String prefix, Body body) {
        Path file = null;
        try {
            file = Files.createTempFile("city-iam-" + prefix + "-", ".tmp");
            MessageDigest sha = digest();
            try (OutputStream out = new DigestOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(file)), sha)) {
                body.writeTo(out);
            }
            return new TempExport(file, HexFormat.of().formatHex(sha.digest()));
        } catch (IOException | RuntimeException e) {
            delete(file);
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    String sha256() {
        return sha256;
    }

    /** The answer's body: the file's bytes, then the file is gone. */
    StreamingOutput stream() {
        return out -> {
            try {
                Files.copy(file, out);
            } finally {
                delete(file);
            }
        };
    }

    void discard() {
        delete(file);
    }

    /** A view of {@code out} that a writer can close without closing {@code out} (a zip entry, say). */
    static OutputStream unclosable(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // A temporary file left behind is removed with the temp directory; the export itself succeeded or failed already.
            }
        }
    }
}
