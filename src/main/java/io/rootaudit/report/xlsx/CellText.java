package io.rootaudit.report.xlsx;

import org.apache.poi.ss.SpreadsheetVersion;

/**
 * Turns a text value into what a cell must hold for Excel to show exactly that value. POI writes strings as
 * they are, but Excel reads {@code _xHHHH_} in cell text as an escaped character, so an AWS name such as
 * {@code _x003D_HYPERLINK(...)} would show (and, once edited, run) as {@code =HYPERLINK(...)}. Such sequences,
 * and the control characters XML cannot hold, are therefore written in Excel's own escape, which Excel and
 * POI decode back to the original value.
 */
final class CellText {

    /** Excel's limit on the length of a cell's text. */
    static final int MAX = SpreadsheetVersion.EXCEL2007.getMaxTextLength();

    private CellText() {}

    /** The cell content for {@code value}: escaped, then cut to Excel's limit with a marker saying so. */
    static String of(String value) {
        String escaped = escape(value);
        if (escaped.length() <= MAX) {
            return escaped;
        }
        String marker = "… [truncated: " + value.length() + " characters in total]";
        int keep = MAX - marker.length();
        if (Character.isHighSurrogate(escaped.charAt(keep - 1))) {
            keep--; // never split a surrogate pair
        }
        return escaped.substring(0, keep) + marker;
    }

    static String escape(String value) {
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String replacement = c == '_' && escapeFollows(value, i) ? "_x005F_"
                    : invalidInXml(c) ? String.format("_x%04X_", (int) c) : null;
            if (replacement != null && out == null) {
                out = new StringBuilder(value.length() + 16).append(value, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? value : out.toString();
    }

    /** True when {@code value} holds {@code _xHHHH_} at {@code at}. */
    private static boolean escapeFollows(String value, int at) {
        if (at + 7 > value.length() || value.charAt(at + 1) != 'x' || value.charAt(at + 6) != '_') {
            return false;
        }
        for (int i = at + 2; i < at + 6; i++) {
            if (Character.digit(value.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean invalidInXml(char c) {
        return c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0xFFFE || c == 0xFFFF;
    }
}
