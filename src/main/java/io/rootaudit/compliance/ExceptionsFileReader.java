package io.rootaudit.compliance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.ConstructorException;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/** Reads the exceptions YAML file: finds the list of entries and has each one validated. */
final class ExceptionsFileReader {

    private static final String TOP_LEVEL_KEY = "exceptions";
    private static final String NO_ENTRY = "holds no entry; if no account is excepted, write 'exceptions: []' "
            + "to say so explicitly";

    private final Path file;
    private final Set<String> knownRuleIds;

    ExceptionsFileReader(Path file, Set<String> knownRuleIds) {
        this.file = file;
        this.knownRuleIds = Set.copyOf(knownRuleIds);
    }

    List<ExceptionEntry> read() {
        List<?> items = entryList(parse());
        List<String> problems = new ArrayList<>();
        List<ExceptionEntry> entries = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String location = file + ": entry " + (i + 1);
            Optional<ExceptionEntry> entry = new ExceptionEntryReader(location, knownRuleIds, problems).read(items.get(i));
            entry.ifPresent(entries::add);
        }
        if (!problems.isEmpty()) {
            throw new InvalidExceptionsFileException(problems);
        }
        return entries;
    }

    private Object parse() {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new InvalidExceptionsFileException("Cannot read exceptions file " + file + ": " + e, e);
        }
        try {
            return yaml().load(text);
        } catch (YAMLException e) {
            throw new InvalidExceptionsFileException(file + " is not valid YAML: " + QuotedValue.printable(e.getMessage()), e);
        } catch (RuntimeException e) {
            // SnakeYAML's scanner throws NumberFormatException on "\x" at the end of the text and on "\UFFFFFFFF"
            throw new InvalidExceptionsFileException(file + " is not valid YAML: the YAML reader failed on it ("
                    + e.getClass().getSimpleName() + ": " + QuotedValue.of(e.getMessage()) + ")", e);
        }
    }

    /**
     * The entries; an explicit empty list ({@code exceptions: []} or {@code []}) is the only way to say "none". A
     * file with no entry at all (empty, comments only, {@code exceptions:} with nothing under it) is refused: it is
     * more often a truncated or wrong file than a decision, and with remediation on it would unprotect every
     * break-glass account.
     */
    private List<?> entryList(Object document) {
        if (document == null) {
            throw structure(NO_ENTRY);
        }
        if (document instanceof List<?> list) {
            return list;
        }
        if (document instanceof Map<?, ?> map) {
            for (Object key : map.keySet()) {
                if (!TOP_LEVEL_KEY.equals(key)) {
                    throw structure("unknown top-level key '" + QuotedValue.of(key) + "'; the only allowed key is '"
                            + TOP_LEVEL_KEY + ":', holding the list of entries");
                }
            }
            Object list = map.get(TOP_LEVEL_KEY);
            if (list == null) {
                throw structure(NO_ENTRY);
            }
            if (list instanceof List<?> entries) {
                return entries;
            }
            throw structure("'" + TOP_LEVEL_KEY + ":' must hold a list of entries, each starting with '- account:'");
        }
        throw structure("the top level must be a list of entries, or a map whose only key '"
                + TOP_LEVEL_KEY + ":' holds that list");
    }

    private InvalidExceptionsFileException structure(String problem) {
        return new InvalidExceptionsFileException(List.of(file + ": " + problem));
    }

    /** Safe types only, duplicate keys rejected, and dates kept as text so they are parsed strictly. */
    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        DumperOptions dumperOptions = new DumperOptions();
        return new Yaml(new TextTimestampConstructor(options), new Representer(dumperOptions), dumperOptions, options);
    }

    /**
     * SnakeYAML turns an unquoted {@code 2026-02-30} into a java.util.Date of 2026-03-02 (lenient
     * calendar); keeping timestamps as text lets {@code LocalDate.parse} reject it instead.
     */
    private static final class TextTimestampConstructor extends SafeConstructor {
        TextTimestampConstructor(LoaderOptions options) {
            super(options);
            yamlConstructors.put(Tag.TIMESTAMP, new ConstructYamlStr());
        }

        /**
         * A value whose explicit tag does not fit it ({@code !!map x}, {@code !!int abc}, {@code !!binary "###"})
         * makes SnakeYAML's constructors throw ClassCastException, NumberFormatException or
         * IllegalArgumentException instead of a YAMLException: turn those into a YAML error at the value.
         */
        @Override
        protected Object constructObject(Node node) {
            if (node instanceof MappingNode mapping) {
                requireTextKeys(mapping, Collections.newSetFromMap(new IdentityHashMap<>()));
            }
            try {
                return super.constructObject(node);
            } catch (YAMLException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new NodeException(node, "this " + node.getNodeId() + " cannot be read as "
                        + node.getTag().getValue().replace(Tag.PREFIX, "!!"), e);
            }
        }

        /**
         * Every key of an exceptions file is text. A list or map as a key is refused before SnakeYAML builds it:
         * on a duplicate, SnakeYAML writes the key out in its message, and a key that aliases a long scalar a
         * thousand times is gigabytes of text. Keys merged in with {@code <<} are checked too.
         */
        private static void requireTextKeys(MappingNode mapping, Set<Node> seen) {
            if (!seen.add(mapping)) {
                return;
            }
            for (NodeTuple tuple : mapping.getValue()) {
                Node key = tuple.getKeyNode();
                if (!(key instanceof ScalarNode)) {
                    throw new NodeException(key, "a key must be text, not a " + key.getNodeId(), null);
                }
                if (Tag.MERGE.equals(key.getTag())) {
                    Node merged = tuple.getValueNode();
                    List<Node> maps = merged instanceof SequenceNode list ? list.getValue() : List.of(merged);
                    for (Node map : maps) {
                        if (map instanceof MappingNode m) {
                            requireTextKeys(m, seen);
                        }
                    }
                }
            }
        }
    }

    private static final class NodeException extends ConstructorException {
        private static final long serialVersionUID = 1L;

        NodeException(Node node, String problem, RuntimeException cause) {
            super(null, null, problem, node.getStartMark(), cause);
        }
    }
}
