package city.iam.review.sod;

import city.iam.review.definition.DefinitionDocument;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** A realm's segregation-of-duties rules as JSON: the whole set is read and replaced at once, versioned. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SodRulesDocument(@JsonProperty("rules") List<Rule> rules,
                               @JsonProperty("version") Integer version,
                               @JsonProperty("updated_at") String updatedAt) {

    /**
     * Two accesses one person must not hold together. {@code sides[0]} is the access an SoD review is about (the
     * one removed when it is revoked, or when an exception expires); {@code definition} names the review
     * definition whose reviewers, stages and notices an SoD review follows.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rule(@JsonProperty("id") String id,
                       @JsonProperty("name") String name,
                       @JsonProperty("severity") String severity,
                       @JsonProperty("mitigation") String mitigation,
                       @JsonProperty("sides") List<DefinitionDocument.Selector> sides,
                       @JsonProperty("definition") String definition) {
    }
}
