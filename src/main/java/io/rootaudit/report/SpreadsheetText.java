package io.rootaudit.report;

/**
 * Makes untrusted text (account names, tags, emails: anything that came from AWS) safe for a spreadsheet:
 * a value that a spreadsheet would read as a formula (starting with =, +, -, @, tab or carriage return) is
 * prefixed with an apostrophe so it shows as text and never executes (CSV/formula injection).
 */
public final class SpreadsheetText {

    private SpreadsheetText() {}

    public static String neutralize(String value) {
        return isFormulaLike(value) ? "'" + value : value;
    }

    /**
     * True when a spreadsheet would read the text as a formula: it starts with =, +, -, @, tab or carriage return.
     * The CSV prefixes such text with an apostrophe; the workbook gives its cell the quote-prefixed style.
     */
    public static boolean isFormulaLike(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
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
