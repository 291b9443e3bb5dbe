package city.iam.kernel.error;

/**
 * A refusal the caller can act on: an HTTP status, a snake_case {@code error} code and a sentence for people.
 * Thrown by domain code and turned into {@code {"error", "error_description"}} by {@link Guard}; the
 * transaction is rolled back so a refused request changes nothing.
 */
public class CityIamException extends RuntimeException {

    private final int status;
    private final String error;

    public CityIamException(int status, String error, String description) {
        super(description);
        this.status = status;
        this.error = error;
    }

    public static CityIamException badRequest(String error, String description) {
        return new CityIamException(400, error, description);
    }

    public static CityIamException notFound(String error, String description) {
        return new CityIamException(404, error, description);
    }

    public static CityIamException forbidden(String description) {
        return new CityIamException(403, "forbidden", description);
    }

    public static CityIamException conflict(String error, String description) {
        return new CityIamException(409, error, description);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public String description() {
        return getMessage();
    }
}
