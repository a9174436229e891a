package io.rootaudit.notify;

import java.util.List;

/**
 * A rule's title and the labels of the controls it maps to, for finding events: a resolved finding is no longer in
 * the report's findings, so its title and controls are looked up by rule id.
 */
@FunctionalInterface
public interface RuleLabels {

    Label of(String ruleId);

    /** @param controls labels of the reported frameworks' controls, such as "CIS v7.0 2.4" */
    record Label(String title, List<String> controls) {}
}
