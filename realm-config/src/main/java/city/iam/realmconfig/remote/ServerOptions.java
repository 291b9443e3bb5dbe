package city.iam.realmconfig.remote;

import java.nio.file.Path;

/**
 * Where and as whom the tool connects: a confidential client of the target realm with a service account
 * (client credentials grant), never the master admin. The trust store is optional (the JDK's trust applies
 * otherwise). {@code parallelism}: how many independent writes apply runs at once.
 */
public record ServerOptions(String serverUrl, String realm, String clientId, String clientSecret,
                            Path trustStore, String trustStorePassword, int parallelism) {

    @Override
    public String toString() {
        return "ServerOptions[" + serverUrl + ", realm " + realm + ", client " + clientId + "]";
    }
}
