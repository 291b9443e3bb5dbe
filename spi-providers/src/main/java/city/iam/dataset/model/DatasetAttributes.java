package city.iam.dataset.model;

import city.iam.dataset.policy.Dataset;
import city.iam.dataset.policy.Purpose;
import city.iam.dataset.policy.Sensitivity;
import city.iam.dataset.policy.TimeWindow;
import city.iam.kernel.error.CityIamException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A dataset's rules as attributes of its Authorization Services resource, one attribute per rule and one
 * value per list item, so the stock admin console shows them and a realm export carries them.
 */
public final class DatasetAttributes {

    public static final String TYPE = "urn:city-iam:dataset";
    public static final String SENSITIVITY = "sensitivity";
    public static final String OWNER = "ownerOrganization";
    public static final String PURPOSES = "allowedPurposes";
    public static final String ORGANIZATIONS = "allowedOrganizations";
    public static final String STAKEHOLDER_TYPES = "allowedStakeholderTypes";
    public static final String PERSONAL_DATA = "personalData";
    public static final String TIME_WINDOW = "timeWindow";
    public static final String MIN_ASSURANCE = "minimumAssurance";
    public static final String TRUSTED_ENVIRONMENT = "trustedEnvironment";
    public static final String SENDER_CONSTRAINED = "senderConstrained";
    public static final String POLICY_VERSION = "policyVersion";

    private DatasetAttributes() {
    }

    public static Map<String, List<String>> write(Dataset d) {
        Map<String, List<String>> a = new HashMap<>();
        a.put(SENSITIVITY, List.of(d.sensitivity().code()));
        if (d.ownerOrganization() != null) {
            a.put(OWNER, List.of(d.ownerOrganization()));
        }
        a.put(PURPOSES, d.allowedPurposes().stream().map(Purpose::code).toList());
        a.put(ORGANIZATIONS, List.copyOf(d.allowedOrganizations()));
        a.put(STAKEHOLDER_TYPES, List.copyOf(d.allowedStakeholderTypes()));
        a.put(PERSONAL_DATA, List.of(Boolean.toString(d.personalData())));
        if (d.timeWindow() != null) {
            a.put(TIME_WINDOW, List.of(d.timeWindow().text()));
        }
        if (d.minimumAssurance() != null) {
            a.put(MIN_ASSURANCE, List.of(d.minimumAssurance()));
        }
        a.put(TRUSTED_ENVIRONMENT, List.of(Boolean.toString(d.trustedEnvironment())));
        a.put(SENDER_CONSTRAINED, List.of(Boolean.toString(d.senderConstrained())));
        a.put(POLICY_VERSION, List.of(Integer.toString(d.policyVersion())));
        return a;
    }

    /**
     * Reads the rules back. Attributes edited outside our API may be wrong: that is a {@link CityIamException},
     * which the policy turns into a denial (never a permit).
     */
    public static Dataset read(String name, Map<String, List<String>> a) {
        String sensitivity = single(a, SENSITIVITY);
        if (sensitivity == null) {
            throw CityIamException.badRequest("invalid_dataset", "resource " + name + " has no sensitivity attribute");
        }
        String window = single(a, TIME_WINDOW);
        return new Dataset(name, Sensitivity.parse(sensitivity), single(a, OWNER),
                many(a, PURPOSES).stream().map(Purpose::parse).toList(),
                new LinkedHashSet<>(many(a, ORGANIZATIONS)), new LinkedHashSet<>(many(a, STAKEHOLDER_TYPES)),
                flag(a, PERSONAL_DATA), window == null ? null : TimeWindow.parse(window), single(a, MIN_ASSURANCE),
                flag(a, TRUSTED_ENVIRONMENT), flag(a, SENDER_CONSTRAINED), version(a));
    }

    public static DatasetDefinition definition(String name, String displayName, List<String> uris, Dataset d) {
        return new DatasetDefinition(name, displayName, d.sensitivity().code(), d.ownerOrganization(),
                d.allowedPurposes().stream().map(Purpose::code).toList(), List.copyOf(d.allowedOrganizations()),
                List.copyOf(d.allowedStakeholderTypes()), d.personalData(),
                d.timeWindow() == null ? null : d.timeWindow().text(), d.minimumAssurance(), d.trustedEnvironment(),
                d.senderConstrained(), uris.isEmpty() ? null : uris, d.policyVersion(), null);
    }

    /** What can be shown of a dataset whose attributes do not read: the raw class and the reason it denies. */
    public static DatasetDefinition broken(String name, String displayName, Map<String, List<String>> a, String problem) {
        List<String> sensitivity = a.get(SENSITIVITY);
        return new DatasetDefinition(name, displayName, sensitivity == null || sensitivity.isEmpty() ? null : sensitivity.get(0),
                null, null, null, null, null, null, null, null, null, null, null, problem);
    }

    public static int version(Map<String, List<String>> a) {
        String v = single(a, POLICY_VERSION);
        try {
            return v == null ? 0 : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw CityIamException.badRequest("invalid_dataset", "policyVersion is not a number: " + v);
        }
    }

    private static String single(Map<String, List<String>> a, String key) {
        List<String> v = a.get(key);
        if (v == null || v.isEmpty()) {
            return null;
        }
        if (v.size() > 1) {
            throw CityIamException.badRequest("invalid_dataset", "attribute " + key + " has several values");
        }
        return v.get(0);
    }

    private static List<String> many(Map<String, List<String>> a, String key) {
        List<String> v = a.get(key);
        return v == null ? List.of() : new ArrayList<>(v);
    }

    private static boolean flag(Map<String, List<String>> a, String key) {
        String v = single(a, key);
        if (v == null || "false".equals(v)) {
            return false;
        }
        if ("true".equals(v)) {
            return true;
        }
        throw CityIamException.badRequest("invalid_dataset", "attribute " + key + " is not true or false: " + v);
    }

    static Set<String> names() {
        return Set.of(SENSITIVITY, OWNER, PURPOSES, ORGANIZATIONS, STAKEHOLDER_TYPES, PERSONAL_DATA, TIME_WINDOW,
                MIN_ASSURANCE, TRUSTED_ENVIRONMENT, SENDER_CONSTRAINED, POLICY_VERSION);
    }
}
