package city.iam.review.rest;

import java.util.List;

/**
 * RFC 4180 CSV that a spreadsheet cannot turn into a formula (CWE-1236): a cell starting with {@code = + - @},
 * tab or carriage return is prefixed with a single quote, then quoted where it holds a separator, quote or
 * line break. Reviewer comments and usernames are user input, so every cell goes through {@link #cell}.
 */
public final class CsvReport {

    private final StringBuilder out = new StringBuilder();

    public CsvReport row(List<String> cells) {
        out.append(line(cells));
        return this;
    }

    /** One row with its CRLF. */
    public static String line(List<String> cells) {
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                row.append(',');
            }
            row.append(cell(cells.get(i)));
        }
        return row.append("\r\n").toString();
    }

    public static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String v = value;
        char first = v.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            v = '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
