package city.iam.dataset.policy;

import java.util.Map;

/**
 * The realm's acr-to-level map ({@code acr.loa.map}), read both ways: the level a token's acr stands for,
 * and the acr a client should ask for to reach a level.
 */
public record AssuranceLevels(Map<String, Integer> levels) {

    public static final AssuranceLevels NONE = new AssuranceLevels(Map.of());

    public AssuranceLevels {
        levels = Map.copyOf(levels);
    }

    /** The level of an acr value: mapped, else a bare level number, else 0. */
    public int levelOf(String acr) {
        if (acr == null) {
            return 0;
        }
        Integer mapped = levels.get(acr);
        if (mapped != null) {
            return mapped;
        }
        return number(acr);
    }

    /** The level a dataset's minimum stands for, or -1 when it names nothing the realm knows. */
    public int required(String minimum) {
        Integer mapped = levels.get(minimum);
        if (mapped != null) {
            return mapped;
        }
        int n = number(minimum);
        return n > 0 || "0".equals(minimum) ? n : -1;
    }

    /** The acr to request for a level: the realm's name for it, else the level number. */
    public String acrFor(int level) {
        for (Map.Entry<String, Integer> e : levels.entrySet()) {
            if (e.getValue() == level) {
                return e.getKey();
            }
        }
        return Integer.toString(level);
    }

    private static int number(String value) {
        if (value.isEmpty() || value.length() > 3) {
            return 0;
        }
        for (int i = 0; i < value.length(); i++) {
            if (!Character.isDigit(value.charAt(i))) {
                return 0;
            }
        }
        return Integer.parseInt(value);
    }
}
