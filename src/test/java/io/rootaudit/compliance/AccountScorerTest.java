package io.rootaudit.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccountScorerTest {

    private static final String ACCOUNT = "012345678901";
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 1);
    private static final Finding ACTIVE_KEY =
            new Finding("root-access-key-active", Severity.CRITICAL, "Access key AKIA1 is active", "AKIA1");
    private static final Finding CERTIFICATE =
            new Finding("root-signing-certificate-present", Severity.MEDIUM, "Signing certificate C1 is active", "C1");

    private final AccountScorer scorer = new AccountScorer();

    @Test
    void noFindingsIsCompliant() {
        Assessment assessment = scorer.assess(ACCOUNT, List.of(), ExceptionRegister.empty(), TODAY);

        assertThat(assessment).isEqualTo(new Assessment(AccountStatus.COMPLIANT, List.of(), null));
    }

    @Test
    void unexceptedFindingsAreNonCompliantWithTheHighestSeverity() {
        Assessment assessment = scorer.assess(ACCOUNT, List.of(CERTIFICATE, ACTIVE_KEY), ExceptionRegister.empty(), TODAY);

        assertThat(assessment.status()).isEqualTo(AccountStatus.NON_COMPLIANT);
        assertThat(assessment.highestSeverity()).isEqualTo(Severity.CRITICAL);
        assertThat(assessment.findings()).noneMatch(AssessedFinding::excepted);
    }

    @Test
    void allFindingsExceptedIsExcepted() {
        ExceptionRegister register = register(exception(Set.of(), TODAY));

        Assessment assessment = scorer.assess(ACCOUNT, List.of(ACTIVE_KEY, CERTIFICATE), register, TODAY);

        assertThat(assessment.status()).isEqualTo(AccountStatus.EXCEPTED);
        assertThat(assessment.highestSeverity()).isNull();
        assertThat(assessment.findings()).extracting(AssessedFinding::exceptionReference)
                .containsExactly("RISK-1", "RISK-1");
    }

    @Test
    void partiallyExceptedIsNonCompliantRatedByTheOpenFindingsOnly() {
        ExceptionRegister register = register(exception(Set.of("root-access-key-active"), TODAY));

        Assessment assessment = scorer.assess(ACCOUNT, List.of(ACTIVE_KEY, CERTIFICATE), register, TODAY);

        assertThat(assessment.status()).isEqualTo(AccountStatus.NON_COMPLIANT);
        assertThat(assessment.highestSeverity()).isEqualTo(Severity.MEDIUM);
        assertThat(assessment.findings()).containsExactly(
                new AssessedFinding(ACTIVE_KEY, "RISK-1"), AssessedFinding.open(CERTIFICATE));
    }

    @Test
    void expiredExceptionNoLongerCovers() {
        ExceptionRegister register = register(exception(Set.of(), TODAY.minusDays(1)));

        Assessment assessment = scorer.assess(ACCOUNT, List.of(ACTIVE_KEY), register, TODAY);

        assertThat(assessment.status()).isEqualTo(AccountStatus.NON_COMPLIANT);
        assertThat(assessment.findings()).containsExactly(AssessedFinding.open(ACTIVE_KEY));
    }

    @Test
    void exceptionForAnotherAccountDoesNotCover() {
        ExceptionRegister register = register(new ExceptionEntry("999999999999", Set.of(), "r", "a", "RISK-9", TODAY));

        assertThat(scorer.assess(ACCOUNT, List.of(ACTIVE_KEY), register, TODAY).status())
                .isEqualTo(AccountStatus.NON_COMPLIANT);
    }

    private static ExceptionEntry exception(Set<String> rules, LocalDate expires) {
        return new ExceptionEntry(ACCOUNT, rules, "accepted risk", "CISO", "RISK-1", expires);
    }

    private static ExceptionRegister register(ExceptionEntry... entries) {
        return new ExceptionRegister(List.of(entries));
    }
}
