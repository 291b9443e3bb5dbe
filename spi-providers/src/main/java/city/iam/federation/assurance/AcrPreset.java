package city.iam.federation.assurance;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Published acr vocabularies of the eIDs the city brokers, mapped onto the city acr names {@code low},
 * {@code substantial} and {@code high} (the realm's {@code acr.loa.map} gives those their numbers).
 */
public enum AcrPreset {
    NONE("none", Map.of()),
    /** eIDAS nodes, Suomi.fi and other SAML eIDs: Commission Implementing Regulation 2015/1502 LoA URIs. */
    EIDAS("eidas", levels("http://eidas.europa.eu/LoA/low", "http://eidas.europa.eu/LoA/substantial",
            "http://eidas.europa.eu/LoA/high")),
    /** FranceConnect / ProConnect (OIDC). {@code eidas0} is deliberately absent: it is below any city level. */
    FRANCECONNECT("franceconnect", levels("eidas1", "eidas2", "eidas3")),
    /** SPID (SAML AuthnContextClassRef). */
    SPID("spid", levels("https://www.spid.gov.it/SpidL1", "https://www.spid.gov.it/SpidL2",
            "https://www.spid.gov.it/SpidL3"));

    private final String id;
    private final AcrTable table;

    AcrPreset(String id, Map<String, String> entries) {
        this.id = id;
        this.table = AcrTable.of(entries);
    }

    private static Map<String, String> levels(String low, String substantial, String high) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(low, "low");
        m.put(substantial, "substantial");
        m.put(high, "high");
        return m;
    }

    public String id() {
        return id;
    }

    public AcrTable table() {
        return table;
    }

    public static Optional<AcrPreset> byId(String id) {
        if (id == null || id.isBlank()) {
            return Optional.of(NONE);
        }
        return Arrays.stream(values()).filter(p -> p.id.equals(id.trim())).findFirst();
    }
}
