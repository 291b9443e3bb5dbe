package city.iam.device.token;

/**
 * The device a token request authenticated as, kept on the request's Keycloak session between client
 * authentication and the token mappers.
 */
public record DeviceContext(String deviceId, String status, String attestation, String certificateThumbprint) {

    public static final String ATTRIBUTE = "city-iam.device";
}
