package io.rootaudit.cli;

/** Usage texts of the command line. */
final class Help {

    private Help() {}

    static String general() {
        return """
                Usage: java -jar rootaudit.jar <command> [options] [--rootaudit.<property>=<value> ...]

                Audits the root user of every member account of an AWS Organization through sts:AssumeRoot
                (task policy IAMAuditRootUserCredentials) and writes evidence of the result.

                Commands:
                  audit      Run the monthly audit (resumes an unfinished run of the period)
                  preflight  Check prerequisites and permissions; audits nothing
                  demo       Start the bundled AWS emulator, seed a demo organization and audit it
                  report     Render the evidence pack of a stored run again (no AWS calls): --run ID
                  publish    Publish a run's evidence pack to S3 (retry after a failure): --run ID
                  verify     Check an evidence pack against its manifest: --path FOLDER|s3://BUCKET/PREFIX/
                  history    List stored runs with their compliance rates [--organization ID]
                Privileged commands (recorded with caller, time, reason and ticket; confirm on a terminal or --yes):
                  allow-recovery --account ID --reason TEXT --ticket REF
                             Allow a root password recovery (task IAMCreateRootUserPassword)
                  delete-root-credentials --account ID [--dry-run]
                             Delete one account's root credentials now, with remediation's safety rules
                  unlock-s3-bucket-policy --account ID --bucket NAME [--dry-run]
                             Show, then delete, a bucket policy that locks everyone out
                  unlock-sqs-queue-policy --account ID --queue-url URL [--dry-run]
                             Show, then remove, a queue policy that locks everyone out
                  enable-root-access-management [--dry-run]
                             From the management account: trusted access for IAM, RootCredentialsManagement, RootSessions

                  benchmark-audit  Audit N synthetic accounts in the bundled emulator and print throughput,
                             requests per account, peak heap and the emulator's own capacity; with
                             --throttle-rate, run it again under that much throttling and print the slowdown
                             [--accounts 1000] [--latency-ms 0] [--concurrency 16] [--throttle-rate 0.3]
                  benchmark-reports  Render the evidence pack of N synthetic accounts and print time and
                             peak heap per artifact [--accounts 10000]

                Run 'java -jar rootaudit.jar <command> --help' for a command's options. Every command accepts
                --debug, which prints the full stack trace of a failure.
                Configuration: Spring Boot properties under 'rootaudit' from YAML
                (--spring.config.additional-location=FILE), environment variables (ROOTAUDIT_AUDIT_CONCURRENCY=8)
                or arguments (--rootaudit.audit.concurrency=8); see config/application.example.yml.
                AWS credentials and region come from the standard AWS chain; AWS_ENDPOINT_URL redirects every client.

                Exit codes: 0 compliant, 1 failure, 2 invalid configuration or usage, 3 non-compliant findings,
                            4 accounts that could not be audited, 5 a prerequisite is missing,
                            6 publishing to S3 failed (local evidence kept), 7 verification failed,
                            8 remediation could not clean some eligible account,
                            9 another invocation is running for the same organization and period.
                """;
    }

    static String of(String command) {
        return switch (command) {
            case "audit" -> """
                    Usage: java -jar rootaudit.jar audit [--rerun] [--rootaudit.<property>=<value> ...]

                    Runs preflight, snapshots the in-scope accounts, audits each member account's root user,
                    scores it, remediates if rootaudit.remediation.mode says so, stores the run and writes the
                    evidence pack (results.json, accounts.csv, evidence.xlsx, report.pdf, manifest.json) to
                    <rootaudit.report.local-dir>/<organization id>/<period>/<run id>/, then publishes it to S3
                    when rootaudit.report.s3.bucket is set.

                    One run per organization and period (rootaudit.period, default the current UTC month):
                    a completed period is reported and not audited again; an interrupted run is resumed
                    by running the same command again.

                    Options:
                      --rerun   Start a new run even though the period was already audited
                      --help    Show this help

                    Exit codes: 0 all audited accounts compliant or excepted; 3 non-compliant findings;
                    4 some accounts could not be audited (precedes 3); 5 a prerequisite is missing;
                    6 the pack was written locally but publishing to S3 failed (precedes all below);
                    8 remediation could not clean some eligible account (precedes 3 and 4);
                    2 invalid configuration; 1 anything else (run the same command again to resume).
                    """;
            case "preflight" -> """
                    Usage: java -jar rootaudit.jar preflight [--rootaudit.<property>=<value> ...]

                    Checks, without auditing anything or writing a run or report: AWS credentials; the organization and its
                    ALL-features mode; that the caller is the management account or the IAM delegated
                    administrator; trusted access for iam.amazonaws.com; and that IAM's
                    RootCredentialsManagement and RootSessions features are enabled.
                    Each failed check names its fix.

                    Exit codes: 0 every prerequisite is met; 5 a prerequisite is missing; 2 invalid configuration.
                    """;
            case "demo" -> """
                    Usage: java -jar rootaudit.jar demo [--samples DIR] [--rootaudit.<property>=<value> ...]

                    Starts the bundled loopback AWS emulator (python3 with moto 5.2.1:
                    pip install 'moto[server]==5.2.1'), seeds a demo organization of 4 OUs and 34 accounts
                    with every finding somewhere, audits it, prints the summary and where the files are,
                    stops the emulator, and exits with the audit's exit code.
                    Touches no real AWS account and ignores your AWS credentials.
                    --samples DIR also copies the evidence pack into DIR with PNG previews of the PDF's first
                    pages (this is how reports-sample/ is regenerated).
                    """;
            case "report" -> """
                    Usage: java -jar rootaudit.jar report --run RUN_ID

                    Renders every artifact of a completed, stored run again (results.json, accounts.csv,
                    evidence.xlsx, report.pdf, manifest.json) from the database, without any AWS call.
                    """;
            case "publish" -> """
                    Usage: java -jar rootaudit.jar publish --run RUN_ID [--rootaudit.report.s3.bucket=...]

                    Uploads the run's evidence pack to S3 (SHA-256 checksums, SSE-KMS or SSE-S3, optional
                    Object Lock retention) and verifies every object with HeadObject. Retries a failed publish.
                    Exit codes: 0 published and verified; 6 publishing failed; 2 no such run or no bucket.
                    """;
            case "verify" -> """
                    Usage: java -jar rootaudit.jar verify --path FOLDER | --path s3://BUCKET/PREFIX/

                    Recomputes the size and SHA-256 of every file listed in the pack's manifest.json and names
                    each file that is missing or differs. Exit codes: 0 intact; 7 a file is missing or altered.
                    """;
            case "history" -> """
                    Usage: java -jar rootaudit.jar history [--organization o-xxxxxxxxxx]

                    Lists the runs in the store, newest first, with status, times, compliance rate and where
                    each was published.
                    """;
            case "benchmark-reports" -> """
                    Usage: java -Xmx512m -jar rootaudit.jar benchmark-reports [--accounts 10000]

                    Stores a synthetic run of N accounts in an in-memory database, renders its complete
                    evidence pack (results.json, accounts.csv, evidence.xlsx, report.pdf, manifest.json) into a
                    temporary folder, and prints the time and peak heap of each step. No AWS calls.
                    """;
            case "allow-recovery", "delete-root-credentials", "unlock-s3-bucket-policy", "unlock-sqs-queue-policy",
                 "enable-root-access-management" -> """
                    Usage:
                      java -jar rootaudit.jar allow-recovery --account ID --reason TEXT --ticket REF [--yes]
                      java -jar rootaudit.jar delete-root-credentials --account ID [--dry-run] [--reason TEXT] [--ticket REF] [--yes]
                      java -jar rootaudit.jar unlock-s3-bucket-policy --account ID --bucket NAME [--dry-run] [--reason TEXT] [--ticket REF] [--yes]
                      java -jar rootaudit.jar unlock-sqs-queue-policy --account ID --queue-url URL [--dry-run] [--reason TEXT] [--ticket REF] [--yes]
                      java -jar rootaudit.jar enable-root-access-management [--dry-run] [--reason TEXT] [--ticket REF] [--yes]

                    Privileged commands run preflight first, never act on the management account or on accounts
                    outside the organization, ask for confirmation on a terminal (without a terminal they refuse
                    unless --yes is given), and record caller, time, reason, ticket and result in the store; the next
                    reports list them. delete-root-credentials keeps remediation's rules (exceptions, remediation
                    scope, grace period) and re-audits the account afterwards.
                    Exit codes: 0 done, nothing to change, or dry run; 2 refused or not confirmed; 5 a prerequisite
                    is missing; 1 AWS failed.
                    """;
            default -> general();
        };
    }
}
