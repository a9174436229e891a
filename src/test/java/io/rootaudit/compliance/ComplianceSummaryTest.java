package io.rootaudit.compliance;

import io.rootaudit.compliance.rules.BuiltInRules;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComplianceSummaryTest {

    private static final RuleCatalog CATALOG = BuiltInRules.catalog();
    private static final ControlMappings CONTROLS = BuiltInRules.controls();

    private static final Finding ACTIVE_KEY =
            new Finding("root-access-key-active", Severity.CRITICAL, "Access key AKIA1 is active", "AKIA1");
    private static final Finding INACTIVE_KEY =
            new Finding("root-access-key-inactive", Severity.MEDIUM, "Access key AKIA2 is inactive", "AKIA2");
    private static final Finding NO_MFA =
            new Finding("root-password-without-mfa", Severity.CRITICAL, "Root has a password and no MFA", null);

    private final List<AccountOutcome> outcomes = List.of(
            new AccountOutcome("000000000001", AccountStatus.COMPLIANT, List.of()),
            new AccountOutcome("000000000002", AccountStatus.COMPLIANT, List.of()),
            new AccountOutcome("000000000003", AccountStatus.NON_COMPLIANT,
                    List.of(AssessedFinding.open(ACTIVE_KEY), new AssessedFinding(INACTIVE_KEY, "RISK-7"))),
            new AccountOutcome("000000000004", AccountStatus.EXCEPTED, List.of(new AssessedFinding(INACTIVE_KEY, "RISK-8"))),
            new AccountOutcome("000000000005", AccountStatus.NON_COMPLIANT, List.of(AssessedFinding.open(NO_MFA))),
            AccountOutcome.notAudited("000000000006", AccountStatus.ERROR),
            AccountOutcome.notAudited("000000000007", AccountStatus.NOT_APPLICABLE),
            AccountOutcome.notAudited("000000000008", AccountStatus.SKIPPED));

    private final ComplianceSummary summary = ComplianceSummary.of(outcomes, CATALOG, CONTROLS);

    @Test
    void countsEveryStatusIncludingZeros() {
        assertThat(summary.accountsByStatus()).containsExactly(
                Map.entry(AccountStatus.COMPLIANT, 2),
                Map.entry(AccountStatus.NON_COMPLIANT, 2),
                Map.entry(AccountStatus.EXCEPTED, 1),
                Map.entry(AccountStatus.ERROR, 1),
                Map.entry(AccountStatus.NOT_APPLICABLE, 1),
                Map.entry(AccountStatus.SKIPPED, 1));
    }

    @Test
    void complianceRateCountsErrorsInTheDenominator() {
        // (2 compliant + 1 excepted) / (2 + 2 non-compliant + 1 + 1 error); N/A and skipped are out.
        assertThat(summary.complianceRate().getAsDouble()).isCloseTo(3.0 / 6.0, within(1e-12));
    }

    @Test
    void countsOnlyUnexceptedFindingsBySeverity() {
        assertThat(summary.openFindingsBySeverity()).containsExactly(
                Map.entry(Severity.CRITICAL, 2),
                Map.entry(Severity.HIGH, 0),
                Map.entry(Severity.MEDIUM, 0),
                Map.entry(Severity.LOW, 0),
                Map.entry(Severity.INFORMATIONAL, 0));
    }

    @Test
    void talliesPerRuleWithErrorsAsNotAssessed() {
        assertThat(summary.byRule()).containsKeys(CATALOG.accountRules().stream()
                .map(rule -> rule.metadata().id()).toArray(String[]::new));
        assertThat(summary.byRule().keySet()).doesNotContain("org-root-sessions-disabled");
        // 5 audited accounts, 1 in error
        assertThat(summary.byRule().get("root-access-key-active")).isEqualTo(new Tally(1, 0, 4, 1));
        assertThat(summary.byRule().get("root-access-key-inactive")).isEqualTo(new Tally(0, 2, 3, 1));
        assertThat(summary.byRule().get("root-password-without-mfa")).isEqualTo(new Tally(1, 0, 4, 1));
        assertThat(summary.byRule().get("root-mfa-without-password")).isEqualTo(new Tally(0, 0, 5, 1));
    }

    @Test
    void controlFailsWhenAnyMappedRuleHasAnUnexceptedFinding() {
        // IAM.4 maps both key rules: account 3 has an open active key and an excepted inactive key.
        assertThat(tally("Security Hub IAM.4")).isEqualTo(new Tally(1, 1, 3, 1));
        assertThat(tally("CIS v5.0 1.3")).isEqualTo(new Tally(1, 1, 3, 1));
        assertThat(tally("CIS v7.0 2.4")).isEqualTo(new Tally(1, 1, 3, 1));
        assertThat(tally("Security Hub IAM.6")).isEqualTo(new Tally(1, 0, 4, 1));
        // the organization rules of 2.1.1 are not account rules: only root-password-present counts
        assertThat(tally("CIS v7.0 2.1.1")).isEqualTo(new Tally(0, 0, 5, 1));
    }

    @Test
    void controlsComeFrameworkByFrameworkInTheOrderOfTheirFiles() {
        assertThat(summary.byControl().keySet()).extracting(Control::label).containsExactly(
                "Security Hub IAM.4", "Security Hub IAM.6", "Security Hub IAM.9",
                "CIS v3.0 1.4", "CIS v3.0 1.5", "CIS v3.0 1.6", "CIS v3.0 1.7",
                "CIS v5.0 1.3", "CIS v5.0 1.4", "CIS v5.0 1.5", "CIS v5.0 1.6",
                "CIS v6.0 2.3", "CIS v6.0 2.4", "CIS v6.0 2.5", "CIS v6.0 2.6",
                "CIS v7.0 2.1.1", "CIS v7.0 2.4", "CIS v7.0 2.5", "CIS v7.0 2.6", "CIS v7.0 2.7",
                "NIST 800-53 r5 AC-2(1)", "NIST 800-53 r5 AC-3(7)", "NIST 800-53 r5 AC-3(15)", "NIST 800-53 r5 AC-6",
                "NIST 800-53 r5 AC-6(2)", "NIST 800-53 r5 AC-6(10)", "NIST 800-53 r5 IA-2(1)", "NIST 800-53 r5 IA-2(2)",
                "NIST 800-53 r5 IA-2(6)", "NIST 800-53 r5 IA-2(8)",
                "PCI DSS v3.2.1 2.1", "PCI DSS v3.2.1 2.2", "PCI DSS v3.2.1 7.2.1", "PCI DSS v3.2.1 8.3.1",
                "PCI DSS v4.0.1 8.4.2");
    }

    @Test
    void onlyTheSelectedFrameworksAreTallied() {
        ComplianceSummary cis = ComplianceSummary.of(outcomes, CATALOG,
                CONTROLS.select(List.of("cis-aws-v7.0.0", "aws-security-hub-cspm")));
        assertThat(cis.byControl().keySet()).extracting(Control::label).containsExactly(
                "CIS v7.0 2.1.1", "CIS v7.0 2.4", "CIS v7.0 2.5", "CIS v7.0 2.6", "CIS v7.0 2.7",
                "Security Hub IAM.4", "Security Hub IAM.6", "Security Hub IAM.9");
    }

    /**
     * The management account's root is held only to the rules of its kind: root-password-present (and CIS v7.0 2.1.1,
     * centralized root access, which maps to it alone among account rules) neither passes nor fails there.
     */
    @Test
    void rulesThatDoNotApplyToTheManagementAccountDoNotCountIt() {
        Finding virtualOnly = new Finding("root-mfa-virtual-only", Severity.HIGH, "only virtual MFA", null);
        ComplianceSummary withManagement = ComplianceSummary.of(List.of(
                new AccountOutcome("000000000001", AccountStatus.COMPLIANT, List.of()),
                new AccountOutcome("000000000009", AccountStatus.NON_COMPLIANT, List.of(AssessedFinding.open(virtualOnly)),
                        AccountKind.MANAGEMENT)), CATALOG, CONTROLS);

        assertThat(withManagement.byRule().get("root-password-present")).isEqualTo(new Tally(0, 0, 1, 0));
        assertThat(withManagement.byRule().get("root-mfa-without-password")).isEqualTo(new Tally(0, 0, 1, 0));
        assertThat(withManagement.byRule().get("root-mfa-virtual-only")).isEqualTo(new Tally(1, 0, 1, 0));
        assertThat(withManagement.byControl().entrySet().stream()
                .filter(e -> e.getKey().label().equals("CIS v7.0 2.1.1")).findFirst().orElseThrow().getValue())
                .isEqualTo(new Tally(0, 0, 1, 0));
        assertThat(withManagement.byControl().entrySet().stream()
                .filter(e -> e.getKey().label().equals("CIS v7.0 2.7")).findFirst().orElseThrow().getValue())
                .as("recent use and certificates apply to the management root").isEqualTo(new Tally(0, 0, 2, 0));
    }

    private Tally tally(String label) {
        return summary.byControl().entrySet().stream().filter(e -> e.getKey().label().equals(label))
                .map(Map.Entry::getValue).findFirst().orElseThrow(() -> new AssertionError("no control " + label));
    }

    @Test
    void emptyRunHasNoRateAndZeroCounts() {
        ComplianceSummary empty = ComplianceSummary.of(List.of(), CATALOG, CONTROLS);

        assertThat(empty.complianceRate()).isEmpty();
        assertThat(empty.accountsByStatus()).hasSize(AccountStatus.values().length).containsValue(0).doesNotContainValue(1);
        assertThat(empty.byRule().get("root-access-key-active")).isEqualTo(new Tally(0, 0, 0, 0));
    }

    @Test
    void runWithOnlyOutOfScopeAccountsHasNoRate() {
        ComplianceSummary onlySkipped = ComplianceSummary.of(
                List.of(AccountOutcome.notAudited("000000000009", AccountStatus.SKIPPED)), CATALOG, CONTROLS);

        assertThat(onlySkipped.complianceRate()).isEmpty();
    }

    @Test
    void onlyErrorsIsZeroPercentNotNoRate() {
        ComplianceSummary onlyErrors = ComplianceSummary.of(
                List.of(AccountOutcome.notAudited("000000000009", AccountStatus.ERROR)), CATALOG, CONTROLS);

        assertThat(onlyErrors.complianceRate()).hasValue(0.0);
    }

    @Test
    void rejectsFindingsOfUnknownRules() {
        Finding stray = new Finding("org-root-sessions-disabled", Severity.MEDIUM, "d", null);
        List<AccountOutcome> withStray = List.of(
                new AccountOutcome("000000000001", AccountStatus.NON_COMPLIANT, List.of(AssessedFinding.open(stray))));

        assertThatIllegalArgumentException().isThrownBy(() -> ComplianceSummary.of(withStray, CATALOG, CONTROLS));
    }

    @Test
    void notAuditedRefusesAVerdictStatus() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AccountOutcome.notAudited("000000000001", AccountStatus.COMPLIANT));
    }
}
