package io.rootaudit.compliance.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.rootaudit.compliance.Finding;
import io.rootaudit.compliance.OrganizationPosture;
import io.rootaudit.compliance.Severity;
import org.junit.jupiter.api.Test;

class OrganizationRulesTest {

    private final OrgRootCredentialsManagementDisabled management = new OrgRootCredentialsManagementDisabled();
    private final OrgRootSessionsDisabled sessions = new OrgRootSessionsDisabled();

    @Test
    void bothFeaturesEnabledPasses() {
        OrganizationPosture enabled = new OrganizationPosture(true, true);
        assertThat(management.evaluate(enabled)).isEmpty();
        assertThat(sessions.evaluate(enabled)).isEmpty();
    }

    @Test
    void credentialsManagementDisabledIsHigh() {
        assertThat(management.evaluate(new OrganizationPosture(false, true)))
                .extracting(Finding::ruleId, Finding::severity)
                .containsExactly(tuple(
                        "org-root-credentials-management-disabled", Severity.HIGH));
        assertThat(sessions.evaluate(new OrganizationPosture(false, true))).isEmpty();
    }

    @Test
    void rootSessionsDisabledIsMedium() {
        assertThat(sessions.evaluate(new OrganizationPosture(true, false)))
                .extracting(Finding::ruleId, Finding::severity)
                .containsExactly(tuple("org-root-sessions-disabled", Severity.MEDIUM));
        assertThat(management.evaluate(new OrganizationPosture(true, false))).isEmpty();
    }

    @Test
    void bothMapToCentralizedRootAccess() {
        assertThat(BuiltInRules.controlLabels("org-root-credentials-management-disabled")).containsExactly("CIS v7.0 2.1.1");
        assertThat(BuiltInRules.controlLabels("org-root-sessions-disabled")).containsExactly("CIS v7.0 2.1.1");
    }
}
