package city.iam.lifecycle.attestation;

import city.iam.kernel.error.CityIamException;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code POST /realms/{realm}/lifecycle/clients/{clientId}/attestation {"still_needed": true|false, "comment": "…"}}.
 * Retiring a client needs a word why: the comment is what an auditor reads next to the disabled client.
 */
public record AttestationRequest(@JsonProperty("still_needed") Boolean stillNeeded, @JsonProperty("comment") String comment) {

    static final int MAX_COMMENT = 1000;

    /** The request with its comment trimmed (null when blank); 400 when it cannot be recorded. */
    public AttestationRequest checked() {
        if (stillNeeded == null) {
            throw CityIamException.badRequest("missing_field", "still_needed (true or false) is required.");
        }
        String text = comment == null || comment.isBlank() ? null : comment.trim();
        if (text != null && text.length() > MAX_COMMENT) {
            throw CityIamException.badRequest("invalid_comment", "The comment is at most " + MAX_COMMENT + " characters.");
        }
        if (!stillNeeded && text == null) {
            throw CityIamException.badRequest("missing_comment", "Say why the client is no longer needed: it will be disabled.");
        }
        return new AttestationRequest(stillNeeded, text);
    }
}
