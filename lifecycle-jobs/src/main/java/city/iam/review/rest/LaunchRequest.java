package city.iam.review.rest;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code POST .../campaigns}: which definition to launch now. */
record LaunchRequest(@JsonProperty("definition_id") String definitionId) {
}
