package io.rootaudit.cli;

/**
 * Process exit codes, documented in docs/configuration.md ("Exit codes"), so cron and monitoring can tell a compliant organization
 * from findings, from accounts that could not be audited, from a broken setup.
 */
public enum ExitCode {
    /** Every audited account is compliant or excepted (also: a completed period was not run again). */
    OK(0),
    /** Anything unexpected: a crash, a failed job step. Running the same command again resumes the run. */
    FAILURE(1),
    /** Invalid configuration or command line: nothing was called or written. */
    USAGE(2),
    /** The audit found non-compliant accounts or organization-level findings. */
    NON_COMPLIANT(3),
    /** Some accounts could not be audited (takes precedence over NON_COMPLIANT). */
    NOT_AUDITED(4),
    /** A prerequisite (credentials, organization, trusted access, root access features, caller) is missing. */
    PREREQUISITE_MISSING(5),
    /** The evidence pack was written locally but publishing it to S3 failed; {@code publish --run ID} retries. */
    PUBLISH_FAILED(6),
    /** {@code verify} found a missing or altered file. */
    VERIFICATION_FAILED(7),
    /** Remediation could not remove every credential of some eligible account (precedes 3 and 4). */
    REMEDIATION_FAILED(8),
    /** Another invocation for the same organization and period (or on the same embedded database) is running. */
    ALREADY_RUNNING(9),
    /**
     * A findings export or event notification failed; the evidence pack is intact; {@code export --run ID} retries
     * (after a failed publish, 6, and before everything below it).
     */
    EXPORT_FAILED(10);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
