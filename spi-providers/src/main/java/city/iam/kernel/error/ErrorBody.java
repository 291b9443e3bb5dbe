package city.iam.kernel.error;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The error body every city-iam endpoint answers with. */
public record ErrorBody(@JsonProperty("error") String error,
                        @JsonProperty("error_description") String errorDescription) {
}
