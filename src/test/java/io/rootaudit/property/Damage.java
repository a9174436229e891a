package io.rootaudit.property;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What happens to a text file on its way: byte order marks, other encodings, other line ends, control
 * characters, bytes that are not UTF-8, truncation, a changed byte. Applies to any document.
 */
public final class Damage {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private Damage() {}

    public record Change(String name, UnaryOperator<byte[]> bytes) {
        public Document applyTo(Document document) {
            return document.then(name, bytes);
        }
    }

    /** Inserted at a random place: controls, invisible characters, and characters with a meaning in YAML or JSON. */
    static final List<String> INSERTS = List.of("\u0000", "\u0001", "\u0007", "\u001b[2J", "\u007f", "\u0085", "\u00a0",
            "\u2028", "\u202e", "\uFEFF", "\uFFFE", "\t", "\r", "\n", "\"", "'", "\\", "[", "]", "{", "}", ":", ",", "- ",
            "&a ", "*a", "!!", "#", "|", ">", "%", "@", "/*", "//", "NaN", "1e999", "-0", "null");

    static final List<byte[]> NOT_UTF8 = List.of(new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xC3},
            new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80}, new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80});

    public static Gen<Change> any() {
        Gen<Change> whole = Gen.of(
                new Change("UTF-8 BOM", b -> concat(BOM, b)),
                new Change("two UTF-8 BOMs", b -> concat(BOM, concat(BOM, b))),
                new Change("UTF-16LE with BOM", b -> concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, recode(b, StandardCharsets.UTF_16LE))),
                new Change("UTF-16BE", b -> recode(b, StandardCharsets.UTF_16BE)),
                new Change("Latin-1 with accents", b -> new String(b, StandardCharsets.UTF_8).replace("e", "é")
                        .getBytes(StandardCharsets.ISO_8859_1)),
                new Change("CRLF line ends", b -> replace(b, "\n", "\r\n")),
                new Change("CR line ends", b -> replace(b, "\n", "\r")),
                new Change("no line ends", b -> replace(b, "\n", " ")),
                new Change("spaces as tabs", b -> replace(b, "  ", "\t")),
                new Change("doubled", b -> concat(b, b)),
                new Change("emptied", b -> new byte[0]));
        Gen<Change> insert = Gen.fraction().flatMap(at -> Gen.of(INSERTS).map(s -> new Change(
                "insert " + Document.preview(s) + " at " + percent(at), b -> splice(b, at, s.getBytes(StandardCharsets.UTF_8), 0))));
        Gen<Change> notUtf8 = Gen.fraction().flatMap(at -> Gen.of(NOT_UTF8).map(bad -> new Change(
                "bytes " + HexFormat.of().formatHex(bad) + " at " + percent(at), b -> splice(b, at, bad, 0))));
        Gen<Change> truncate = Gen.fraction().map(at -> new Change(
                "truncated at " + percent(at), b -> Arrays.copyOf(b, (int) (b.length * at))));
        Gen<Change> flip = Gen.fraction().flatMap(at -> Gen.between(0, 255).map(value -> new Change(
                "byte at " + percent(at) + " set to 0x" + Integer.toHexString(value), b -> splice(b, at, new byte[] {(byte) (int) value}, 1))));
        return Gen.oneOf(whole, insert, notUtf8, truncate, flip);
    }

    private static String percent(double at) {
        return Math.round(at * 100) + "%";
    }

    private static byte[] recode(byte[] b, java.nio.charset.Charset charset) {
        return new String(b, StandardCharsets.UTF_8).getBytes(charset);
    }

    private static byte[] replace(byte[] b, String from, String to) {
        return new String(b, StandardCharsets.UTF_8).replace(from, to).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[] a, byte[] b) {
        return splice(a, 1, b, 0);
    }

    /** {@code b} with {@code replaced} bytes at the relative position {@code at} replaced by {@code insert}. */
    static byte[] splice(byte[] b, double at, byte[] insert, int replaced) {
        int pos = (int) (b.length * at);
        int end = Math.min(b.length, pos + replaced);
        byte[] out = new byte[b.length - (end - pos) + insert.length];
        System.arraycopy(b, 0, out, 0, pos);
        System.arraycopy(insert, 0, out, pos, insert.length);
        System.arraycopy(b, end, out, pos + insert.length, b.length - end);
        return out;
    }
}
