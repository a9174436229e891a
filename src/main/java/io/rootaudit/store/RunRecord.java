package io.rootaudit.store;

import java.time.Instant;

/**
 * One audit run of one organization for one period. {@code attempt} counts the runs of the same period:
 * 1 for the monthly run, more when {@code --rerun} asked for a fresh one. {@code exceptionsJson} is the
 * exceptions register in force for the run, kept so that its reports can be rebuilt as they were.
 * {@code publishedTo} is the S3 location of the verified pack, {@code null} until published.
 */
public record RunRecord(String runId, String organizationId, String period, int attempt, Status status,
                        Instant startedAt, Instant endedAt, String callerArn, String managementAccountId,
                        String toolVersion, String configJson, String preflightJson, String exceptionsJson,
                        String publishedTo, Instant publishedAt) {

    public enum Status { RUNNING, COMPLETED }

    public boolean completed() {
        return status == Status.COMPLETED;
    }
}
