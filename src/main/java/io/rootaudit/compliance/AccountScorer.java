package io.rootaudit.compliance;

import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Turns an account's findings into a verdict by applying the exception register. Kept apart from the
 * rules so that findings stay facts about the account, while acceptance is a decision recorded
 * elsewhere, and an expired acceptance turns back into non-compliance on its own.
 */
@Component
public class AccountScorer {

    public Assessment assess(String accountId, List<Finding> findings, ExceptionRegister register, LocalDate today) {
        List<AssessedFinding> assessed = findings.stream()
                .map(finding -> new AssessedFinding(finding, register.coverFor(accountId, finding.ruleId(), today)
                        .map(ExceptionEntry::reference)
                        .orElse(null)))
                .toList();
        Severity highest = assessed.stream()
                .filter(finding -> !finding.excepted())
                .map(finding -> finding.finding().severity())
                .reduce(null, Severity::mostSevere);
        return new Assessment(status(assessed), assessed, highest);
    }

    private static AccountStatus status(List<AssessedFinding> findings) {
        if (findings.isEmpty()) {
            return AccountStatus.COMPLIANT;
        }
        return findings.stream().allMatch(AssessedFinding::excepted) ? AccountStatus.EXCEPTED : AccountStatus.NON_COMPLIANT;
    }
}
