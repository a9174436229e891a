package io.rootaudit.compliance;

import io.rootaudit.compliance.rules.BuiltInRules;
import io.rootaudit.property.Damage;
import io.rootaudit.property.Document;
import io.rootaudit.property.Gen;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Generated exceptions files for the property tests: valid files built from the entries of
 * {@code config/exceptions.example.yml} and the README, mutations of them, YAML that attacks the reader itself
 * (deep nesting, alias bombs, recursion, size), and random text and bytes. Public because the command-line
 * tests in {@code io.rootaudit.it} pass a few of them to the real CLI.
 */
public final class ExceptionsFiles {

    static final Set<String> RULE_IDS = BuiltInRules.catalog().ruleIds();
    private static final List<String> REQUIRED = List.of("account", "reason", "approver", "ticket", "expires");

    private ExceptionsFiles() {}

    /** One entry: its fields in file order, each value already written as inline YAML; a null key writes the value alone. */
    record Entry(List<Field> fields) {
        Entry with(UnaryOperator<List<Field>> change) {
            return new Entry(change.apply(new ArrayList<>(fields)));
        }
    }

    record Field(String key, String value) {}

    record Mutation(String name, UnaryOperator<Entry> change) {}

    // ---- valid files

    /** Valid files of one to four entries, in either top-level form. */
    public static Gen<Document> valid() {
        return entry().list(1, 4).flatMap(entries -> Gen.of(true, false)
                .map(wrapped -> Document.text("valid", render(entries, wrapped))));
    }

    /** The entries of config/exceptions.example.yml and of the README's "Exceptions" section. */
    private static final List<Entry> DOCUMENTED_ENTRIES = List.of(
            new Entry(List.of(new Field("account", "\"012345678901\""),
                    new Field("reason", "Break-glass root password with hardware MFA, kept for the incident runbook"),
                    new Field("approver", "ciso@example.com"), new Field("ticket", "SEC-1042"),
                    new Field("expires", "2027-03-31"))),
            new Entry(List.of(new Field("account", "\"210987654321\""),
                    new Field("rules", "[root-signing-certificate-present]"),
                    new Field("reason", "Partner integration signs requests with this certificate until its migration in Q1"),
                    new Field("approver", "security-lead@example.com"), new Field("ticket", "RISK-0977"),
                    new Field("expires", "2027-01-31"))),
            new Entry(List.of(new Field("account", "\"345678901234\""),
                    new Field("rules", "[root-access-key-inactive, root-mfa-without-password]"),
                    new Field("reason", "Root credentials are scheduled for deletion in the account's decommissioning change"),
                    new Field("approver", "platform-lead@example.com"), new Field("ticket", "CHG-2210"),
                    new Field("expires", "2026-12-31"))),
            new Entry(List.of(new Field("account", "\"012345678901\""), new Field("rules", "[root-password-present]"),
                    new Field("reason", "Break-glass root password with hardware MFA"),
                    new Field("approver", "ciso@example.com"), new Field("ticket", "SEC-1042"),
                    new Field("expires", "2027-03-31"))));

    /** Whole files as users write them: the shipped example (comments, block lists) and the README's. */
    private static final List<String> DOCUMENTED_FILES = List.of(exampleFile(), """
            exceptions:
              - account: "012345678901"             # required, 12 digits, quoted
                rules: [root-password-present]      # optional; omit to cover every rule of the account
                reason: Break-glass root password with hardware MFA   # required
                approver: ciso@example.com                            # required
                ticket: SEC-1042                                      # required; cited in reports
                expires: 2027-03-31                                   # required; last day it applies (UTC)
            """);

    private static String exampleFile() {
        try {
            return Files.readString(Path.of("config/exceptions.example.yml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Gen<Entry> entry() {
        return Gen.oneOf(Gen.of(DOCUMENTED_ENTRIES), generatedEntry());
    }

    private static Gen<Entry> generatedEntry() {
        Gen<String> account = Gen.text("0123456789", 12, 12).map(id -> "\"" + id + "\"");
        List<String> ruleIds = List.copyOf(RULE_IDS);
        Gen<String> rules = random -> {
            List<String> ids = new ArrayList<>(ruleIds);
            Collections.shuffle(ids, random);
            return "[" + String.join(", ", ids.subList(0, 1 + random.nextInt(3))) + "]";
        };
        Gen<String> text = Gen.text("abcdefghijklmnopqrstuvwxyz -.,@éü日", 1, 40)
                .map(s -> doubleQuoted(s.isBlank() ? "x" + s : s));
        Gen<String> date = random -> {
            YearMonth month = YearMonth.of(2020 + random.nextInt(80), 1 + random.nextInt(12));
            String iso = month.atDay(1 + random.nextInt(month.lengthOfMonth())).toString();
            return List.of(iso, "\"" + iso + "\"", "'" + iso + "'").get(random.nextInt(3));
        };
        return random -> {
            List<Field> fields = new ArrayList<>(List.of(new Field("account", account.next(random))));
            String ruleList = rules.orNull(0.4).next(random);
            if (ruleList != null) {
                fields.add(new Field("rules", ruleList));
            }
            fields.addAll(List.of(new Field("reason", text.next(random)), new Field("approver", text.next(random)),
                    new Field("ticket", text.next(random)), new Field("expires", date.next(random))));
            return new Entry(fields);
        };
    }

    // ---- mutations of valid files

    /** Valid entries with one to three changes to one entry, or a valid file with its text damaged. */
    public static Gen<Document> mutated() {
        Gen<Document> structural = random -> {
            List<Entry> entries = new ArrayList<>(entry().list(1, 3).next(random));
            int index = random.nextInt(entries.size());
            Entry entry = entries.get(index);
            List<String> names = new ArrayList<>();
            for (Mutation m : entryMutation().list(1, 3).next(random)) {
                entry = m.change().apply(entry);
                names.add(m.name());
            }
            entries.set(index, entry);
            return Document.text("entry " + (index + 1) + ": " + String.join(", ", names), render(entries, random.nextBoolean()));
        };
        Gen<Document> seed = Gen.oneOf(structural, valid(), Gen.of(DOCUMENTED_FILES).map(t -> Document.text("documented", t)));
        Gen<Document> damaged = seed.flatMap(doc -> Gen.oneOf(Damage.any(), yamlDamage()).map(change -> change.applyTo(doc)));
        return Gen.oneOf(structural, damaged);
    }

    /** Files whose last entry is broken for certain, so that they must be refused. */
    public static Gen<Document> invalid() {
        Gen<Mutation> breaking = Gen.oneOf(
                Gen.of(REQUIRED).map(ExceptionsFiles::drop),
                Gen.of(REQUIRED).map(ExceptionsFiles::duplicate),
                Gen.of("expiry", "Account", "rule", "comment").map(key -> add(key, "x")),
                Gen.of("2026-02-30", "2026-13-01", "2025-02-29", "2026-00-10", "31/12/2026", "2026-1-1",
                        "2026-12-31T10:00:00Z", "+2026-12-31").map(date -> set("expires", date)),
                Gen.of("001122334455", "\"1234\"", "\"0123456789012\"", "\"1111-2222-3333\"", "\"０１２３４５６７８９０１\"",
                        "[\"012345678901\"]", "~").map(account -> set("account", account)),
                Gen.of("[]", "[no-such-rule]", "root-password-present", "[[root-password-present]]", "{a: b}", "~")
                        .map(rules -> set("rules", rules)),
                Gen.of("reason", "approver", "ticket").flatMap(key ->
                        Gen.of("\"  \"", "[a, b]", "{a: b}", "~").map(value -> set(key, value))));
        return random -> {
            List<Entry> entries = new ArrayList<>(entry().list(1, 3).next(random));
            Mutation m = breaking.next(random);
            entries.set(entries.size() - 1, m.change().apply(entries.get(entries.size() - 1)));
            return Document.text("invalid: last entry " + m.name(), render(entries, random.nextBoolean()));
        };
    }

    private static Gen<Mutation> entryMutation() {
        Gen<String> anyKey = Gen.of("account", "rules", "reason", "approver", "ticket", "expires");
        Gen<String> strangeKey = Gen.of("expiry", "Account", "account ", "\"\"", "~", "1", "<<", "? [a]",
                "\"\\e[31m\"", "&k account", "*k", "!!binary aGVsbG8=", "[a, b]");
        return Gen.oneOf(
                anyKey.map(ExceptionsFiles::drop),
                anyKey.map(ExceptionsFiles::duplicate),
                strangeKey.flatMap(key -> nastyValue().map(value -> add(key, value))),
                anyKey.flatMap(key -> nastyValue().map(value -> set(key, value))),
                Gen.of(new Mutation("all fields dropped", e -> new Entry(List.of()))),
                Gen.of("just text", "~", "[]", "[account, x]", "*undefined", "42", "!!set {a, b}", "&e {a: *e}")
                        .map(node -> new Mutation("entry replaced by " + node, e -> new Entry(List.of(new Field(null, node))))));
    }

    private static Mutation drop(String key) {
        return new Mutation("drop " + key, e -> e.with(fields -> {
            fields.removeIf(f -> key.equals(f.key()));
            return fields;
        }));
    }

    private static Mutation duplicate(String key) {
        return new Mutation("duplicate " + key, e -> e.with(fields -> {
            if (fields.stream().noneMatch(f -> key.equals(f.key()))) {
                fields.add(new Field(key, "x"));
            }
            fields.add(new Field(key, "\"second\""));
            return fields;
        }));
    }

    private static Mutation add(String key, String value) {
        return new Mutation("add " + key + ": " + Document.preview(value), e -> e.with(fields -> {
            fields.add(new Field(key, value));
            return fields;
        }));
    }

    private static Mutation set(String key, String value) {
        return new Mutation("set " + key + ": " + Document.preview(value), e -> e.with(fields -> {
            fields.removeIf(f -> key.equals(f.key()));
            fields.add(new Field(key, value));
            return fields;
        }));
    }

    /** Values of the wrong type or shape, explicit tags, odd numbers and dates, anchors, huge and deep values. */
    static Gen<String> nastyValue() {
        Gen<String> fixed = Gen.of(
                "~", "\"\"", "''", "[]", "{}", "[a, b]", "{x: 1}", "[[root-password-present]]", "[~]", "[1, 2]",
                "123", "-1", "0", "1.5e300", "-.inf", ".nan", "0x1F", "0o17", "1_000", "012345678901", "999999999999999999999999",
                "true", "yes", "off", "2026-02-30", "2026-13-01", "2025-02-29", "2024-02-29", "0000-01-01", "99999-12-31",
                "2026-12-31T10:00:00Z", "2026-12-31 10:00:00", "\"2026-12-31 \"", "20261231",
                "!!binary aGVsbG8=", "!!binary \"###\"", "!!int abc", "!!int \"\"", "!!float abc", "!!float \"\"",
                "!!bool maybe", "!!null x", "!!timestamp 2026-02-30", "!!timestamp x", "!!str 2027-01-01", "!!int 0x",
                "!!set {a, b}", "!!set [a]", "!!omap [a: 1, b: 2]", "!!pairs [a: 1]", "!!seq x", "!!map x", "!!str [a]",
                "!!merge x", "!!java.io.File [\"/etc/passwd\"]", "!<tag:yaml.org,2002:int> 12", "!local x", "!!float 1e99999",
                "*undefined", "&a x", "&a [*a]", "&a [[*a]]", "&a {k: *a}", "&a [{k: *a}]",
                "\"\\e[2J\\e]0;title\\a\"", "\"\\0\\x01\\x7f\\N\\L\"", "\"tab\\there\"", "\"\\uD800\"", "\"\\U0001F600\"",
                "\"\\UFFFFFFFF\"", "\"\\x\"", "\"\\u12\"", "\"\\q\"",
                "\"０１２３４５６７８９０１\"", "\"٠١٢٣٤٥٦٧٨٩٠١\"", "\" 012345678901\"", "\"012345678901\\n\"", "|\n  block", ">-",
                "{<<: {a: 1}}", "{<<: [1]}", "{<<: *undefined}", "? a", "- a", "a: b", "@reserved", "`reserved", "%x",
                "\"unterminated", "'unterminated", "[unclosed", "{unclosed", "a # comment", "#");
        Gen<String> huge = Gen.of(1_000, 20_000, 200_000)
                .flatMap(n -> Gen.of("\"" + "x".repeat(n) + "\"", "x".repeat(n), "[" + "a, ".repeat(n / 3) + "a]"));
        Gen<String> deep = Gen.of(10, 49, 50, 51, 1_000, 100_000)
                .flatMap(n -> Gen.of("[".repeat(n) + "]".repeat(n), "{a: ".repeat(n) + "1" + "}".repeat(n), "[".repeat(n)));
        Gen<String> randomScalar = Gen.anyText(30).map(ExceptionsFiles::doubleQuoted);
        return Gen.frequency(Gen.weight(10, fixed), Gen.weight(1, huge), Gen.weight(1, deep), Gen.weight(2, randomScalar));
    }

    /** Damage with a meaning in YAML: more documents, directives, markers, lost indicators. */
    private static Gen<Damage.Change> yamlDamage() {
        return Gen.of(
                new Damage.Change("every colon dropped", b -> text(b).replace(":", "").getBytes(StandardCharsets.UTF_8)),
                new Damage.Change("every dash dropped", b -> text(b).replace("- ", "").getBytes(StandardCharsets.UTF_8)),
                new Damage.Change("document twice", b -> ("---\n" + text(b) + "\n---\n" + text(b)).getBytes(StandardCharsets.UTF_8)),
                new Damage.Change("directive", b -> ("%YAML 1.1\n---\n" + text(b)).getBytes(StandardCharsets.UTF_8)),
                new Damage.Change("unknown YAML version", b -> ("%YAML 9.9\n---\n" + text(b)).getBytes(StandardCharsets.UTF_8)),
                new Damage.Change("end marker", b -> (text(b) + "\n...\n").getBytes(StandardCharsets.UTF_8)));
    }

    // ---- random and pathological files

    /** Random YAML-looking token soup, random text, random bytes. */
    public static Gen<Document> random() {
        Gen<String> token = Gen.of("exceptions", ":", ": ", " ", "\n", "  ", "- ", "account", "rules", "reason",
                "approver", "ticket", "expires", "\"012345678901\"", "012345678901", "2026-02-30", "2027-01-31",
                "root-password-present", "[", "]", "{", "}", ", ", "&a ", "*a", "&b ", "*b", "!!str ", "!!int ", "!!binary ",
                "!!float ", "!!set ", "!!omap ", "!!pairs ", "!!timestamp ", "!!map ", "!!seq ", "!<tag:x> ", "!x ", "<<: ",
                "? ", "|", ">", "# c", "'", "\"", "\\", "\\e", "\\x", "\\U", "%YAML 1.1\n", "---", "...", "~", "null", "yes",
                "0x1f", ".inf", "\t", "\u00a0", "\uFEFF", "é", "\u0000", "\u001b", "\u2028", "x");
        Gen<Document> soup = token.list(0, 80).map(tokens -> Document.text("token soup", String.join("", tokens)));
        Gen<Document> text = Gen.anyText(200).map(s -> Document.text("random text", s));
        Gen<Document> bytes = Gen.bytes(300).map(b -> new Document("random bytes", b));
        return Gen.oneOf(soup, text, bytes);
    }

    /**
     * Files that attack a YAML reader itself: deep nesting, alias expansion, recursion, size, types. (A file over
     * SnakeYAML's limit of 3 Mi code points is left out: SnakeYAML takes 5 to 10 seconds to reach the limit.)
     */
    static final List<Document> PATHOLOGICAL = List.of(
            Document.text("empty", ""), Document.text("blank", "  \n\n"), Document.text("empty list", "[]"),
            Document.text("empty map", "{}"), Document.text("null", "~"), Document.text("document marker only", "---\n"),
            Document.text("only the exceptions key", "exceptions:\n"), Document.text("exceptions: []", "exceptions: []\n"),
            Document.text("exceptions: {}", "exceptions: {}\n"), Document.text("scalar", "42"),
            Document.text("two documents", "---\n- a\n---\n- b\n"),
            Document.text("nested block lists", "- ".repeat(10_000) + "x\n"),
            Document.text("nested flow lists", "[".repeat(100_000) + "]".repeat(100_000)),
            Document.text("nested flow maps", "{a: ".repeat(100_000) + "1" + "}".repeat(100_000)),
            Document.text("nested block maps", nestedBlockMaps(200)),
            Document.text("billion laughs", billionLaughs()),
            Document.text("one long scalar aliased 1,000 times", "- account: &s \"" + "x".repeat(100_000) + "\"\n  reason: ["
                    + "*s, ".repeat(999) + "*s]\n"),
            Document.text("duplicate keys aliasing a long scalar 1,000 times", "- account: &s \"" + "x".repeat(20_000)
                    + "\"\n  ? [" + "*s, ".repeat(999) + "*s]\n  : a\n  ? [" + "*s, ".repeat(999) + "*s]\n  : b\n"),
            Document.text("duplicate long key", "- ? " + "k".repeat(100_000) + "\n  : a\n  ? " + "k".repeat(100_000) + "\n  : b\n"),
            Document.text("self-referencing entry", "- &e {account: *e}\n"),
            Document.text("self-referencing list", "exceptions: &l [*l]\n"),
            Document.text("self-referencing key", "- &k {? *k : x}\n"),
            Document.text("entry aliased", "- &e {account: \"012345678901\", reason: r, approver: a, ticket: t,"
                    + " expires: 2027-01-01}\n- *e\n"),
            Document.text("merge key", "- &e {account: \"012345678901\", reason: r, approver: a, ticket: t,"
                    + " expires: 2027-01-01}\n- {<<: *e, ticket: u}\n"),
            Document.text("java type", "- !!java.io.File [\"/etc/passwd\"]\n"),
            Document.text("java constructor", "exceptions: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader"
                    + " [[!!java.net.URL [\"http://127.0.0.1:9/\"]]]]\n"));

    /** Everything the reader may be given, but for the fixed {@link #PATHOLOGICAL} files. */
    public static Gen<Document> any() {
        return Gen.frequency(Gen.weight(2, valid()), Gen.weight(6, mutated()), Gen.weight(2, invalid()), Gen.weight(3, random()));
    }

    // ---- writing YAML

    static String render(List<Entry> entries, boolean wrapped) {
        StringBuilder yaml = new StringBuilder(wrapped ? "exceptions:\n" : "");
        String indent = wrapped ? "  " : "";
        for (Entry entry : entries) {
            if (entry.fields().isEmpty()) {
                yaml.append(indent).append("- {}\n");
                continue;
            }
            String prefix = indent + "- ";
            for (Field field : entry.fields()) {
                yaml.append(prefix).append(field.key() == null ? field.value() : field.key() + ": " + field.value()).append('\n');
                prefix = indent + "  ";
            }
        }
        return yaml.toString();
    }

    private static String nestedBlockMaps(int depth) {
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            yaml.append("  ".repeat(i)).append("a:\n");
        }
        return yaml.append("  ".repeat(depth)).append("b\n").toString();
    }

    /** Nine levels of nine aliases each: about 387 million "lol"s when expanded. */
    private static String billionLaughs() {
        StringBuilder yaml = new StringBuilder("exceptions:\n  - account: &a [" + String.join(",", Collections.nCopies(9, "lol")) + "]\n");
        char previous = 'a';
        for (char c = 'b'; c <= 'i'; c++) {
            yaml.append("    ").append(c == 'b' ? "reason" : "x" + c).append(": &").append(c).append(" [")
                    .append(String.join(",", Collections.nCopies(9, "*" + previous))).append("]\n");
            previous = c;
        }
        return yaml.toString();
    }

    /** Any text as a YAML double-quoted scalar, everything outside printable ASCII escaped. */
    static String doubleQuoted(String s) {
        StringBuilder out = new StringBuilder("\"");
        s.codePoints().forEach(cp -> {
            if (cp == '"' || cp == '\\') {
                out.append('\\').appendCodePoint(cp);
            } else if (cp >= 0x20 && cp < 0x7f) {
                out.appendCodePoint(cp);
            } else {
                out.append(String.format("\\U%08x", cp));
            }
        });
        return out.append('"').toString();
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
