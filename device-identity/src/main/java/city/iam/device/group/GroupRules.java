package city.iam.device.group;

import city.iam.kernel.error.CityIamException;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Validates an enrollment group definition and answers the questions enrolment asks of it. */
public final class GroupRules {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");
    private static final Set<String> EVIDENCE = Set.of(EnrollmentGroup.EVIDENCE_EAT, EnrollmentGroup.EVIDENCE_IDEVID_TLS);
    private static final Duration MAX_VALIDITY = Duration.ofDays(398);

    private final EnrollmentGroup group;
    private final Pattern serialPattern;

    private GroupRules(EnrollmentGroup group, Pattern serialPattern) {
        this.group = group;
        this.serialPattern = serialPattern;
    }

    public static GroupRules of(EnrollmentGroup group) {
        validate(group);
        return new GroupRules(group, group.serialPattern() == null ? null : Pattern.compile(group.serialPattern()));
    }

    public EnrollmentGroup group() {
        return group;
    }

    public static void validate(EnrollmentGroup g) {
        if (g == null || g.name() == null || !NAME.matcher(g.name()).matches()) {
            throw invalid("name must be 2-63 lower-case letters, digits or '-'.");
        }
        if (g.anchors() == null || g.anchors().isEmpty()) {
            throw invalid("anchors must list at least one trust-anchor pin (deny by default).");
        }
        if (g.evidenceTypes() == null || g.evidenceTypes().isEmpty() || !EVIDENCE.containsAll(g.evidenceTypes())) {
            throw invalid("evidence_types must be a non-empty subset of " + EVIDENCE + ".");
        }
        boolean noAllowlist = g.serialAllowlist() == null || g.serialAllowlist().isEmpty();
        if (noAllowlist && g.serialPattern() == null) {
            throw invalid("serial_allowlist or serial_pattern is required (deny by default).");
        }
        if (g.serialPattern() != null) {
            if (g.serialPattern().length() > 200) {
                throw invalid("serial_pattern is limited to 200 characters.");
            }
            try {
                Pattern.compile(g.serialPattern());
            } catch (PatternSyntaxException e) {
                throw invalid("serial_pattern is not a valid regular expression.");
            }
        }
        if (g.quota() == null || g.quota() < 1 || g.quota() > 10_000_000) {
            throw invalid("quota must be between 1 and 10000000.");
        }
        if (g.deviceIdTemplate() != null && !g.deviceIdTemplate().contains("{serial}")) {
            throw invalid("device_id_template must contain {serial} so that every device id is individual.");
        }
        Duration validity = duration("certificate_validity", g.certificateValidity(), Duration.ofDays(30));
        if (validity.compareTo(Duration.ofHours(1)) < 0 || validity.compareTo(MAX_VALIDITY) > 0) {
            throw invalid("certificate_validity must be between PT1H and P398D.");
        }
        Duration overlap = duration("rotation_overlap", g.rotationOverlap(), Duration.ofDays(1));
        if (overlap.isNegative()) {
            throw invalid("rotation_overlap must not be negative.");
        }
        if (g.tokenBinding() != null && !Set.of("mtls", "dpop").contains(g.tokenBinding())) {
            throw invalid("token_binding must be mtls or dpop.");
        }
        if (g.minFirmware() != null && FirmwareVersion.parse(g.minFirmware()) == null) {
            throw invalid("min_firmware must be a dotted version such as 2.4.0.");
        }
    }

    public boolean serialAllowed(String serial) {
        if (serial == null) {
            return false;
        }
        List<String> allow = group.serialAllowlist() == null ? List.of() : group.serialAllowlist();
        for (String glob : allow) {
            if (glob(glob).matcher(serial).matches()) {
                return true;
            }
        }
        return serialPattern != null && serialPattern.matcher(serial).matches();
    }

    public String deviceId(String serial) {
        String template = group.deviceIdTemplate() == null ? "{group}-{serial}" : group.deviceIdTemplate();
        String safeSerial = serial.replaceAll("[^A-Za-z0-9._-]", "_");
        return template.replace("{group}", group.name()).replace("{serial}", safeSerial);
    }

    public Duration certificateValidity() {
        return duration("certificate_validity", group.certificateValidity(), Duration.ofDays(30));
    }

    public Duration rotationOverlap() {
        return duration("rotation_overlap", group.rotationOverlap(), Duration.ofDays(1));
    }

    public boolean autoApprove() {
        return group.autoApprove() == null || group.autoApprove();
    }

    private static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }

    private static Duration duration(String field, String value, Duration fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid(field + " must be an ISO-8601 duration such as P30D.");
        }
    }

    private static CityIamException invalid(String sentence) {
        return CityIamException.badRequest("invalid_group", sentence);
    }
}
