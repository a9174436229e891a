package io.rootaudit.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootaudit.store.RunRecord;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Whether a run can read the management account's root, and how: pure logic on the stored run. */
class ManagementRootAccessTest {

    static RunRecord run(String callerArn) {
        return new RunRecord("2026-12-1-abcdef", "o-abc", "2026-12", 1, RunRecord.Status.RUNNING, Instant.EPOCH, null,
                callerArn, "111111111111", "test", "{}", "{}", "[]", null, null);
    }

    @Test
    void inTheManagementAccountItsOwnCredentialsAreUsedEvenWithARole() {
        RunRecord inside = run("arn:aws:sts::111111111111:assumed-role/RootAudit/cron");

        assertThat(new ManagementRootAccess(false).possible(inside)).isTrue();
        assertThat(new ManagementRootAccess(false).viaRole(inside)).isFalse();
        assertThat(new ManagementRootAccess(true).viaRole(inside)).isFalse();
    }

    @Test
    void fromAnotherAccountOnlyThroughTheRole() {
        RunRecord admin = run("arn:aws-us-gov:iam::222222222222:user/rootaudit");

        assertThat(new ManagementRootAccess(false).possible(admin)).isFalse();
        assertThat(new ManagementRootAccess(true).possible(admin)).isTrue();
        assertThat(new ManagementRootAccess(true).viaRole(admin)).isTrue();
    }

    @Test
    void anUnreadableCallerArnIsNotTheManagementAccount() {
        assertThat(ManagementRootAccess.runsInManagementAccount(run(null))).isFalse();
        assertThat(ManagementRootAccess.runsInManagementAccount(run("not-an-arn"))).isFalse();
        assertThat(ManagementRootAccess.NOT_ASSESSED).contains("rootaudit.management-account.role-arn");
    }
}
