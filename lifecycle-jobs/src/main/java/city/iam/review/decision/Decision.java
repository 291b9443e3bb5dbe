package city.iam.review.decision;

import city.iam.kernel.error.CityIamException;

import java.util.Arrays;

/**
 * What a reviewer can answer on an item. REDUCE removes the reviewed access and keeps a narrower role it
 * contains; NOT_DECIDED is recorded but counts as no response at stage close.
 */
public enum Decision {
    ACCEPT, REVOKE, REDUCE, EXCEPTION_UNTIL, NOT_DECIDED, REASSIGN;

    public static Decision parse(String value) {
        if (value == null) {
            throw CityIamException.badRequest("missing_field", "decision is required, one of " + Arrays.toString(values()) + ".");
        }
        try {
            return valueOf(value);
        } catch (IllegalArgumentException e) {
            throw CityIamException.badRequest("invalid_decision", "decision is one of " + Arrays.toString(values()) + ", not '" + value + "'.");
        }
    }
}
