package io.rootaudit.report;

/**
 * Makes untrusted text (account names, tags, emails: anything that came from AWS) safe for a spreadsheet:
 * a value that a spreadsheet would read as a formula (starting with =, +, -, @, tab or carriage return) is
 * prefixed with an apostrophe so it shows as text and never executes (CSV/formula injection).
 */
public final class SpreadsheetText {

    private SpreadsheetText() {}

    public static String neutralize(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value : value;
    }

    /** One CSV field (RFC 4180): neutralized, then quoted when it holds a comma, quote or line break. */
    public static String csvField(String value) {
        String v = neutralize(value == null ? "" : value);
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
