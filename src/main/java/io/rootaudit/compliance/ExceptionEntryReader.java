package io.rootaudit.compliance;

import java.math.BigInteger;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Validates one entry of the exceptions file; each problem is added to a shared list, worded for the file's author. */
final class ExceptionEntryReader {

    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final List<String> FIELDS = List.of("account", "rules", "reason", "approver", "ticket", "expires");

    private final String location;
    private final Set<String> knownRuleIds;
    private final List<String> problems;
    private boolean valid = true;

    ExceptionEntryReader(String location, Set<String> knownRuleIds, List<String> problems) {
        this.location = location;
        this.knownRuleIds = knownRuleIds;
        this.problems = problems;
    }

    Optional<ExceptionEntry> read(Object item) {
        if (!(item instanceof Map<?, ?> fields)) {
            problem(location + " is not a map of fields; write it as '- account: \"012345678901\"' with the"
                    + " other fields indented below");
            return Optional.empty();
        }
        for (Object key : fields.keySet()) {
            if (!(key instanceof String name && FIELDS.contains(name))) {
                fieldProblem(QuotedValue.of(key), "is unknown; allowed fields are " + String.join(", ", FIELDS));
            }
        }
        String account = account(fields.get("account"));
        Set<String> rules = rules(fields.containsKey("rules"), fields.get("rules"));
        String reason = text(fields, "reason", "say why the deviation is accepted");
        String approver = text(fields, "approver", "name who approved the exception");
        String ticket = text(fields, "ticket", "give the ticket that records the approval");
        LocalDate expires = expires(fields.get("expires"));
        return valid ? Optional.of(new ExceptionEntry(account, rules, reason, approver, ticket, expires)) : Optional.empty();
    }

    private String account(Object value) {
        if (value == null) {
            fieldProblem("account", "is missing; add the 12-digit member account id in quotes, e.g. account: \"012345678901\"");
            return null;
        }
        boolean scalar = value instanceof String || value instanceof Integer || value instanceof Long
                || value instanceof BigInteger;
        String text = scalar ? String.valueOf(value) : null;
        if (!scalar || !ACCOUNT_ID.matcher(text).matches()) {
            fieldProblem("account", "must be exactly 12 digits, got '" + QuotedValue.of(value) + "'; quote it, e.g. account:"
                    + " \"012345678901\", because YAML drops leading zeros of unquoted numbers");
            return null;
        }
        return text;
    }

    private Set<String> rules(boolean present, Object value) {
        if (!present) {
            return Set.of();
        }
        String emptyHint = "list at least one rule id, or remove 'rules' to cover every rule";
        if (!(value instanceof List<?> list)) {
            fieldProblem("rules", value == null ? "is empty; " + emptyHint
                    : "must be a list of rule ids, e.g. rules: [root-access-key-inactive]");
            return Set.of();
        }
        if (list.isEmpty()) {
            fieldProblem("rules", "is empty; " + emptyHint);
        }
        Set<String> ids = new LinkedHashSet<>();
        for (Object id : list) {
            if (id instanceof String ruleId && knownRuleIds.contains(ruleId)) {
                ids.add(ruleId);
            } else {
                fieldProblem("rules", "names unknown rule '" + QuotedValue.of(id) + "'; known rules are "
                        + String.join(", ", new TreeSet<>(knownRuleIds)));
            }
        }
        return ids;
    }

    private String text(Map<?, ?> fields, String field, String hint) {
        Object value = fields.get(field);
        boolean scalar = value instanceof String || value instanceof Number;
        if (value == null || (scalar && value.toString().isBlank())) {
            fieldProblem(field, "is missing or blank; " + hint);
            return null;
        }
        if (!scalar) {
            fieldProblem(field, "must be text, got '" + QuotedValue.of(value) + "'; put it in quotes");
            return null;
        }
        return value.toString().strip();
    }

    private LocalDate expires(Object value) {
        if (value == null) {
            fieldProblem("expires", "is missing; add the last day the exception applies, as YYYY-MM-DD");
            return null;
        }
        if (value instanceof String text) {
            try {
                return LocalDate.parse(text.strip());
            } catch (DateTimeParseException e) {
                // not a valid date: reported below
            }
        }
        fieldProblem("expires", "must be a calendar date written YYYY-MM-DD, got '" + QuotedValue.of(value) + "'");
        return null;
    }

    private void fieldProblem(String field, String problem) {
        problem(location + ": field '" + field + "' " + problem);
    }

    private void problem(String text) {
        valid = false;
        problems.add(text);
    }
}
