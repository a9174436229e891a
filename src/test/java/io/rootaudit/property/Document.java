package io.rootaudit.property;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A generated file for a reader of untrusted input: its bytes and how they were made, which a failing property
 * reports. It shrinks by dropping lines, then runs of bytes, so a failure is shown on a small input.
 */
public record Document(String how, byte[] bytes) {

    public static Document text(String how, String text) {
        return new Document(how, text.getBytes(StandardCharsets.UTF_8));
    }

    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    public Path writeTo(Path file) throws IOException {
        return Files.write(file, bytes);
    }

    /** This document changed by one more step. */
    public Document then(String step, UnaryOperator<byte[]> change) {
        return new Document(how + " | " + step, change.apply(bytes));
    }

    /** Smaller documents: without a half, a quarter … or one of its lines, then without runs of bytes. */
    public List<Document> shrinks() {
        List<Document> smaller = new ArrayList<>();
        List<Integer> lineEnds = new ArrayList<>();
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                lineEnds.add(i + 1);
            }
        }
        if (lineEnds.isEmpty() || lineEnds.get(lineEnds.size() - 1) != bytes.length) {
            lineEnds.add(bytes.length);
        }
        for (int chunk = lineEnds.size() / 2; chunk >= 1; chunk /= 2) {
            for (int first = 0; first + chunk <= lineEnds.size(); first += chunk) {
                int from = first == 0 ? 0 : lineEnds.get(first - 1);
                smaller.add(without(from, lineEnds.get(first + chunk - 1)));
            }
        }
        for (int chunk = bytes.length / 2; chunk >= 1; chunk /= 2) {
            for (int from = 0; from + chunk <= bytes.length; from += chunk) {
                smaller.add(without(from, from + chunk));
            }
        }
        return smaller;
    }

    private Document without(int from, int to) {
        byte[] rest = new byte[bytes.length - (to - from)];
        System.arraycopy(bytes, 0, rest, 0, from);
        System.arraycopy(bytes, to, rest, from, bytes.length - to);
        return new Document(how.endsWith(" (shrunk)") ? how : how + " (shrunk)", rest);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Document d && how.equals(d.how) && Arrays.equals(bytes, d.bytes);
    }

    @Override
    public int hashCode() {
        return 31 * how.hashCode() + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        String text = text();
        return how + " (" + bytes.length + " bytes): " + preview(text.substring(0, Math.min(text.length(), 400)));
    }

    /** Printable, short: control characters and everything outside ASCII as escapes. */
    public static String preview(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().limit(240).forEach(cp -> out.append(cp >= 0x20 && cp < 0x7f ? Character.toString(cp)
                : cp == '\n' ? "\\n" : String.format("\\u%04x", cp)));
        return s.codePointCount(0, s.length()) > 240 ? out + "…" : out.toString();
    }
}
