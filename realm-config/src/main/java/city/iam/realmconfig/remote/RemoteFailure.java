package city.iam.realmconfig.remote;

/** The server could not be reached, refused the credentials, or refused a change; the message says which. */
public class RemoteFailure extends RuntimeException {

    public RemoteFailure(String message) {
        super(message);
    }

    public RemoteFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
