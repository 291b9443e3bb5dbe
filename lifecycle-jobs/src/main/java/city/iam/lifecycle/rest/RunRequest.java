package city.iam.lifecycle.rest;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code POST .../runs}: which job to run now. */
record RunRequest(@JsonProperty("job") String job) {
}
