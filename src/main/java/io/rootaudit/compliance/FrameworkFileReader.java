package io.rootaudit.compliance;

import io.rootaudit.compliance.ControlMappings.ControlMapping;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads one framework mapping file and checks every field, collecting each problem with the file and the field it is
 * in ({@code frameworks/x.json: controls[2].rules[0]: ...}) instead of stopping at the first, so that one start shows
 * everything to fix. Unknown fields are problems too: a misspelt {@code "rule"} must not silently map nothing.
 */
final class FrameworkFileReader {

    /** A framework and its controls, in the order of its file. */
    record FrameworkFile(Framework framework, List<ControlMapping> controls) {}

    private static final JsonMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final Pattern ID = Pattern.compile("[a-z0-9]+([.-][a-z0-9]+)*");
    private static final Set<String> FRAMEWORK_FIELDS = Set.of("id", "name", "version", "label", "sources", "note",
            "controls");
    private static final Set<String> SOURCE_FIELDS = Set.of("title", "url", "used");
    private static final Set<String> CONTROL_FIELDS = Set.of("id", "title", "rules", "note");

    private final String file;
    private final Set<String> ruleIds;
    private final List<String> problems;

    /**
     * @param file the file's name as problems show it, for example {@code frameworks/cis-aws-v7.0.0.json}
     * @param problems where problems are added
     */
    FrameworkFileReader(String file, Set<String> ruleIds, List<String> problems) {
        this.file = file;
        this.ruleIds = ruleIds;
        this.problems = problems;
    }

    /** The file's framework, or empty when it has a problem (added to the list). */
    Optional<FrameworkFile> read(InputStream in) {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (JacksonException e) {
            problems.add(file + ": not valid JSON: " + QuotedValue.printable(e.getOriginalMessage()));
            return Optional.empty();
        }
        int before = problems.size();
        if (root == null || !root.isObject()) {
            problems.add(file + ": must be a JSON object with id, name, label, sources and controls");
            return Optional.empty();
        }
        unknownFields(root, FRAMEWORK_FIELDS, "");
        String id = text(root, "id", "", true);
        String expected = file.substring(file.lastIndexOf('/') + 1).replaceFirst("\\.json$", "");
        if (id != null && !ID.matcher(id).matches()) {
            problems.add(file + ": id: " + quoted(id) + " must be lower case letters and digits separated by '.' or '-'");
        } else if (id != null && !id.equals(expected)) {
            problems.add(file + ": id: " + quoted(id) + " must be the file's name without .json, " + quoted(expected));
        }
        Framework framework = new Framework(id, text(root, "name", "", true), text(root, "version", "", false),
                text(root, "label", "", true), sources(root), text(root, "note", "", false));
        List<ControlMapping> controls = controls(root, framework);
        return problems.size() == before ? Optional.of(new FrameworkFile(framework, controls)) : Optional.empty();
    }

    private List<Framework.Source> sources(JsonNode root) {
        List<Framework.Source> sources = new ArrayList<>();
        int index = 0;
        for (JsonNode source : list(root, "sources", "")) {
            String at = "sources[" + index++ + "]";
            if (object(source, at, SOURCE_FIELDS)) {
                String url = text(source, "url", at + ".", false);
                if (url != null && !url.startsWith("https://") && !url.startsWith("http://")) {
                    problems.add(file + ": " + at + ".url: " + quoted(url) + " must be an http(s) address");
                }
                sources.add(new Framework.Source(text(source, "title", at + ".", true), url,
                        text(source, "used", at + ".", true)));
            }
        }
        return sources;
    }

    private List<ControlMapping> controls(JsonNode root, Framework framework) {
        List<ControlMapping> controls = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int index = 0;
        for (JsonNode control : list(root, "controls", "")) {
            String at = "controls[" + index++ + "]";
            if (!object(control, at, CONTROL_FIELDS)) {
                continue;
            }
            at += ".";
            String id = text(control, "id", at, true);
            if (id != null && !ids.add(id)) {
                problems.add(file + ": " + at + "id: " + quoted(id) + " is listed twice");
            }
            text(control, "note", at, false);
            controls.add(new ControlMapping(new Control(framework, id, text(control, "title", at, true)),
                    rules(control, at)));
        }
        return controls;
    }

    private List<String> rules(JsonNode control, String at) {
        List<String> rules = new ArrayList<>();
        int index = 0;
        for (JsonNode rule : list(control, "rules", at)) {
            String field = at + "rules[" + index++ + "]";
            if (!rule.isString()) {
                problems.add(file + ": " + field + ": must be a rule id (a string)");
            } else if (!ruleIds.contains(rule.stringValue())) {
                problems.add(file + ": " + field + ": unknown rule id " + quoted(rule.stringValue()) + "; the rules are "
                        + String.join(", ", new TreeSet<>(ruleIds)));
            } else if (rules.contains(rule.stringValue())) {
                problems.add(file + ": " + field + ": " + quoted(rule.stringValue()) + " is listed twice");
            } else {
                rules.add(rule.stringValue());
            }
        }
        return rules;
    }

    /** A required non-empty array's elements; none (and a problem) when it is missing, empty or no array. */
    private List<JsonNode> list(JsonNode parent, String field, String at) {
        JsonNode node = parent.get(field);
        if (node == null) {
            problems.add(file + ": " + at + field + ": missing");
        } else if (!node.isArray() || node.isEmpty()) {
            problems.add(file + ": " + at + field + ": must be a non-empty array");
        } else {
            return List.copyOf(node.values());
        }
        return List.of();
    }

    /** Whether an element of an array is an object (else a problem); its unknown fields are problems. */
    private boolean object(JsonNode node, String at, Set<String> fields) {
        if (!node.isObject()) {
            problems.add(file + ": " + at + ": must be a JSON object");
            return false;
        }
        unknownFields(node, fields, at + ".");
        return true;
    }

    /** A string field's text; {@code null} when it is absent and optional. Blank and non-string values are problems. */
    private String text(JsonNode parent, String field, String at, boolean required) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                problems.add(file + ": " + at + field + ": missing");
            }
            return null;
        }
        if (!node.isString() || node.stringValue().isBlank()) {
            problems.add(file + ": " + at + field + ": must be a non-empty string");
            return null;
        }
        return node.stringValue();
    }

    private void unknownFields(JsonNode node, Set<String> known, String at) {
        for (String name : node.propertyNames()) {
            if (!known.contains(name)) {
                problems.add(file + ": " + at + quoted(name) + ": unknown field; the fields are "
                        + String.join(", ", new TreeSet<>(known)));
            }
        }
    }

    private static String quoted(String value) {
        return "\"" + QuotedValue.of(value) + "\"";
    }
}
