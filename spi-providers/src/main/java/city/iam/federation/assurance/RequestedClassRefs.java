package city.iam.federation.assurance;

import city.iam.kernel.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;

import java.util.List;

/** Keycloak's SAML IdP setting "AuthnContext ClassRefs" is a JSON array of URIs; this writes one. */
final class RequestedClassRefs {

    private RequestedClassRefs() {
    }

    static String json(String classRef) {
        try {
            return Json.MAPPER.writeValueAsString(List.of(classRef));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // a list of one string always serialises
        }
    }
}
