package io.rootaudit.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentVariablesTest {

    @Test
    void everyPropertyHasItsVariableAndOtherVariablesAreLeftAlone() {
        assertThat(EnvironmentVariables.problems(Map.of(
                "ROOTAUDIT_AUDIT_CONCURRENCY", "8",
                "ROOTAUDIT_REMEDIATION_GRACEPERIOD", "48h",
                "ROOTAUDIT_REPORT_S3_OBJECTLOCK_RETAINDAYS", "400",
                "ROOTAUDIT_SCOPE_EXCLUDEACCOUNTS", "111111111111,222222222222",
                "ROOTAUDIT_SCOPE_EXCLUDEACCOUNTS_0", "111111111111",
                "ROOTAUDIT_SCOPE_EXCLUDEACCOUNTS_1_", "222222222222",
                "ROOTAUDIT_TEST_POSTGRES_URL", "jdbc:postgresql://x/y",
                "ROOTAUDIT_IN_CONTAINER", "true",
                "PATH", "/usr/bin", "AWS_REGION", "us-east-1"))).isEmpty();
    }

    @Test
    void aMisspeltVariableNamesTheNearestProperty() {
        assertThat(EnvironmentVariables.problems(Map.of("ROOTAUDIT_REMEDIATION_GRACEPERIO", "24h"))).containsExactly(
                "environment variable ROOTAUDIT_REMEDIATION_GRACEPERIO names no rootaudit property; did you mean "
                        + "ROOTAUDIT_REMEDIATION_GRACEPERIOD (rootaudit.remediation.grace-period)?");
        assertThat(EnvironmentVariables.problems(Map.of("ROOTAUDIT_REMEDIATION_MODE_0", "apply"))).hasSize(1);
        assertThat(EnvironmentVariables.problems(Map.of("ROOTAUDIT_REPORT_LOCAL_DIR", "/srv"))).singleElement()
                .asString().contains("ROOTAUDIT_REPORT_LOCALDIR (rootaudit.report.local-dir)");
    }

    @Test
    void levenshteinDistance() {
        assertThat(EnvironmentVariables.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(EnvironmentVariables.distance("", "abc")).isEqualTo(3);
        assertThat(EnvironmentVariables.distance("same", "same")).isZero();
    }
}
