package io.rootaudit.notify;

import io.rootaudit.compliance.ControlMappings;
import io.rootaudit.compliance.RuleCatalog;
import io.rootaudit.compliance.RuleMetadata;
import org.springframework.stereotype.Component;

/** Titles from the rule catalog and control labels from the framework mappings, as the evidence pack shows them. */
@Component
class CatalogRuleLabels implements RuleLabels {

    private final RuleCatalog catalog;
    private final ControlMappings controls;

    CatalogRuleLabels(RuleCatalog catalog, ControlMappings controls) {
        this.catalog = catalog;
        this.controls = controls;
    }

    @Override
    public Label of(String ruleId) {
        return new Label(catalog.find(ruleId).map(RuleMetadata::title).orElse(ruleId),
                controls.labelsOf(ruleId));
    }
}
