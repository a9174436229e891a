package io.rootaudit.compliance;

import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * A value read from untrusted input (the exceptions file, a manifest), as a problem message quotes it: at most
 * {@value #MAX_LENGTH} characters on one line, control and invisible formatting characters escaped (they would
 * act on the terminal or hide text), nested lists and maps cut off after {@value #MAX_DEPTH} levels. For the
 * exceptions file, {@code toString()} of what SnakeYAML built overflows the stack on a recursive alias
 * ({@code &a [{k: *a}]}) and writes out every repetition of an aliased scalar, turning a small file into a
 * message of gigabytes.
 */
public final class QuotedValue {

    static final int MAX_LENGTH = 80;
    private static final int MAX_LINE = 200;
    private static final int MAX_DEPTH = 2;

    private final StringBuilder out = new StringBuilder();

    private QuotedValue() {}

    public static String of(Object value) {
        QuotedValue quoted = new QuotedValue();
        quoted.append(value, 0);
        StringBuilder out = quoted.out;
        if (out.length() <= MAX_LENGTH) {
            return out.toString();
        }
        int end = Character.isHighSurrogate(out.charAt(MAX_LENGTH - 1)) ? MAX_LENGTH - 1 : MAX_LENGTH;
        return out.substring(0, end) + "…";
    }

    private void append(Object value, int depth) {
        if (full()) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            appendAll("{", map.entrySet(), "}", depth);
        } else if (value instanceof Collection<?> collection) {
            appendAll("[", collection, "]", depth);
        } else if (value instanceof Object[] array) {
            appendAll("[", java.util.Arrays.asList(array), "]", depth);
        } else if (value instanceof Map.Entry<?, ?> entry) {
            append(entry.getKey(), depth);
            out.append(": ");
            append(entry.getValue(), depth);
        } else if (value instanceof byte[] bytes) {
            out.append("(binary, ").append(bytes.length).append(" bytes)");
        } else {
            appendText(String.valueOf(value));
        }
    }

    private void appendAll(String open, Collection<?> items, String close, int depth) {
        if (depth >= MAX_DEPTH) {
            out.append(open).append("…").append(close);
            return;
        }
        out.append(open);
        Iterator<?> it = items.iterator();
        while (it.hasNext() && !full()) {
            append(it.next(), depth + 1);
            if (it.hasNext()) {
                out.append(", ");
            }
        }
        out.append(close);
    }

    /**
     * A message of a library that quotes the input (the YAML library shows the offending line and may write out
     * a key): kept on its lines, each cut at {@value #MAX_LINE} characters, with every other control and
     * invisible character escaped, a carriage return included.
     */
    public static String printable(String message) {
        StringBuilder out = new StringBuilder();
        for (String line : String.valueOf(message).split("\n", -1)) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            int start = out.length();
            appendEscaped(out, line, start + MAX_LINE + 1, true);
            if (out.length() > start + MAX_LINE) {
                out.setLength(start + MAX_LINE);
                out.append('…');
            }
        }
        return out.toString();
    }

    private void appendText(String text) {
        appendEscaped(out, text, MAX_LENGTH + 1, false);
    }

    private static void appendEscaped(StringBuilder out, String text, int limit, boolean keepLines) {
        for (int i = 0; i < text.length() && out.length() < limit; ) {
            int cp = text.codePointAt(i);
            int type = Character.getType(cp);
            boolean invisible = Character.isISOControl(cp) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE;
            if (invisible && !(keepLines && (cp == '\n' || cp == '\t'))) {
                out.append(String.format("\\u%04X", cp));
            } else {
                out.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
    }

    private boolean full() {
        return out.length() > MAX_LENGTH;
    }
}
