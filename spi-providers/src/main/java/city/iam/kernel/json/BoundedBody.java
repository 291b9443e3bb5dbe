package city.iam.kernel.json;

import city.iam.kernel.error.CityIamException;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body up to a limit. Resources take the raw stream and read it here so that an oversized
 * body is a 413 with our error shape before any of it is parsed.
 */
public final class BoundedBody {

    public static final int DEFAULT_LIMIT = 256 * 1024;

    private BoundedBody() {
    }

    public static byte[] read(InputStream in, int limit) {
        if (in == null) {
            return new byte[0];
        }
        try {
            byte[] body = in.readNBytes(limit + 1);
            if (body.length > limit) {
                throw new CityIamException(413, "request_too_large",
                        "The request body is larger than the " + limit + " bytes this endpoint accepts.");
            }
            return body;
        } catch (IOException e) {
            throw CityIamException.badRequest("unreadable_body", "The request body could not be read.");
        }
    }

    public static <T> T json(InputStream in, Class<T> type) {
        return json(in, type, DEFAULT_LIMIT);
    }

    public static <T> T json(InputStream in, Class<T> type, int limit) {
        byte[] body = read(in, limit);
        if (body.length == 0) {
            throw CityIamException.badRequest("missing_body", "This endpoint needs a JSON request body.");
        }
        return Json.read(body, type);
    }
}
