package io.rootaudit.cli;

import io.rootaudit.application.PrivilegedActions;
import io.rootaudit.application.PrivilegedActions.Confirmation;
import io.rootaudit.application.PrivilegedActions.Outcome;
import io.rootaudit.application.StartupChecks.Needs;
import io.rootaudit.application.StartupChecks.Store;
import java.io.Console;
import java.util.List;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Unmatched;
import picocli.CommandLine.Option;

/**
 * The privileged commands on the command line. Each runs one {@link PrivilegedActions} use case, asks for
 * confirmation on a terminal (or requires {@code --yes} when there is none), prints what happened and turns it into an
 * exit code. Their options and rules are shared; only the action and its target differ.
 */
final class PrivilegedCommands {

    private static final String[] FOOTER = {"Privileged commands run preflight first, never act on the management "
            + "account or on accounts outside the organization, ask for confirmation on a terminal (without a terminal "
            + "they refuse unless --yes is given), and record caller, time, reason, ticket and result in the store; the "
            + "next reports list them. delete-root-credentials keeps remediation's rules (exceptions, remediation scope, "
            + "grace period) and re-audits the account afterwards.",
            "Exit codes: 0 done, nothing to change, or dry run; 2 refused or not confirmed; 5 a prerequisite is "
                    + "missing; 1 AWS failed."};

    private PrivilegedCommands() {}

    /** The options every privileged command takes, and the way each one runs. */
    abstract static class Base implements Callable<Integer> {

        final Launch launch;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why: recorded and shown in the next reports.")
        String reason;

        @Option(names = "--ticket", paramLabel = "REF", description = "The change or incident ticket: recorded.")
        String ticket;

        @Option(names = "--yes", description = "Confirm without asking (required when there is no terminal).")
        boolean yes;

        @Mixin
        SpringArguments spring;

        @Unmatched
        List<String> properties = new ArrayList<>();

        Base(Launch launch) {
            this.launch = launch;
        }

        abstract Outcome act(PrivilegedActions actions, Confirmation confirmation);

        @Override
        public Integer call() {
            return SpringLauncher.run(launch, spring, properties, new Needs(true, false, Store.CREATE), context -> {
                PrivilegedActions actions = context.getBean(PrivilegedActions.class);
                RunPrinter.safetySettings(launch.out(), actions.safetySettings());
                Outcome outcome = act(actions, this::confirm);
                String prefix = outcome.action() == null ? "" : "[" + outcome.action().id() + "] ";
                switch (outcome.kind()) {
                    case DONE, NO_CHANGE, DRY_RUN -> launch.out().println(prefix + outcome.kind() + ": " + outcome.message());
                    default -> launch.err().println("rootaudit: " + prefix + outcome.kind() + ": " + outcome.message());
                }
                return ExitCodes.of(outcome.kind());
            });
        }

        /** {@code --yes} confirms; otherwise ask on the terminal, and refuse when there is no terminal (cron, CI). */
        private boolean confirm(String what) {
            if (yes) {
                return true;
            }
            Console console = launch.terminal() ? System.console() : null;
            if (console == null) {
                launch.err().println("rootaudit: not on a terminal, so not asking: add --yes to " + what);
                return false;
            }
            String answer = console.readLine("About to %s.%nType 'yes' to continue: ", what);
            return answer != null && answer.trim().equalsIgnoreCase("yes");
        }
    }

    /** A privileged command on one member account. */
    abstract static class OnAccount extends Base {

        @Option(names = "--account", required = true, paramLabel = "ID", description = "The member account (12 digits).")
        String account;

        @Option(names = "--dry-run", description = "Show what would be done; change nothing.")
        boolean dryRun;

        OnAccount(Launch launch) {
            super(launch);
        }
    }

    @Command(name = "allow-recovery", mixinStandardHelpOptions = true,
            header = "Allow a root password recovery (task IAMCreateRootUserPassword).",
            description = "Allows a root password recovery for one member account: its root user can then use 'Forgot "
                    + "password' on the sign-in page. --reason and --ticket are required.")
    static final class AllowRecovery extends Base {

        @Option(names = "--account", required = true, paramLabel = "ID", description = "The member account (12 digits).")
        String account;

        AllowRecovery(Launch launch) {
            super(launch);
        }

        @Override
        public Integer call() {
            if (reason == null || reason.isBlank() || ticket == null || ticket.isBlank()) {
                launch.err().println("rootaudit: 'allow-recovery' needs --reason and --ticket");
                return ExitCode.USAGE.code();
            }
            return super.call();
        }

        @Override
        Outcome act(PrivilegedActions actions, Confirmation confirmation) {
            return actions.allowRecovery(account, reason, ticket, confirmation);
        }
    }

    @Command(name = "delete-root-credentials", mixinStandardHelpOptions = true,
            header = "Delete one account's root credentials now, with remediation's safety rules.",
            description = "Deletes one member account's root credentials now (task IAMDeleteRootUserCredentials), with "
                    + "remediation's rules, and re-audits it.")
    static final class DeleteRootCredentials extends OnAccount {

        DeleteRootCredentials(Launch launch) {
            super(launch);
        }

        @Override
        Outcome act(PrivilegedActions actions, Confirmation confirmation) {
            return actions.deleteRootCredentials(account, reason, ticket, dryRun, confirmation);
        }
    }

    @Command(name = "unlock-s3-bucket-policy", mixinStandardHelpOptions = true,
            header = "Show, then delete, a bucket policy that locks everyone out.",
            description = "Shows, then deletes, a bucket policy that locks everyone out (task S3UnlockBucketPolicy).")
    static final class UnlockBucketPolicy extends OnAccount {

        @Option(names = "--bucket", required = true, paramLabel = "NAME", description = "The bucket, owned by the account.")
        String bucket;

        UnlockBucketPolicy(Launch launch) {
            super(launch);
        }

        @Override
        Outcome act(PrivilegedActions actions, Confirmation confirmation) {
            return actions.unlockBucketPolicy(account, bucket, reason, ticket, dryRun, confirmation);
        }
    }

    @Command(name = "unlock-sqs-queue-policy", mixinStandardHelpOptions = true,
            header = "Show, then remove, a queue policy that locks everyone out.",
            description = "Shows, then removes, a queue policy that locks everyone out (task SQSUnlockQueuePolicy).")
    static final class UnlockQueuePolicy extends OnAccount {

        @Option(names = "--queue-url", required = true, paramLabel = "URL", description = "The queue, owned by the account.")
        String queueUrl;

        UnlockQueuePolicy(Launch launch) {
            super(launch);
        }

        @Override
        Outcome act(PrivilegedActions actions, Confirmation confirmation) {
            return actions.unlockQueuePolicy(account, queueUrl, reason, ticket, dryRun, confirmation);
        }
    }

    @Command(name = "enable-root-access-management", mixinStandardHelpOptions = true,
            header = "From the management account: trusted access for IAM, RootCredentialsManagement, RootSessions.",
            description = "Turns on trusted access for IAM, RootCredentialsManagement and RootSessions, whichever is off. "
                    + "Run it from the management account.")
    static final class EnableRootAccessManagement extends Base {

        @Option(names = "--dry-run", description = "Show what would be enabled; change nothing.")
        boolean dryRun;

        EnableRootAccessManagement(Launch launch) {
            super(launch);
        }

        @Override
        Outcome act(PrivilegedActions actions, Confirmation confirmation) {
            return actions.enableRootAccessManagement(reason, ticket, dryRun, confirmation);
        }
    }

    /** The footer every privileged command's help ends with. */
    static String[] footer() {
        return FOOTER.clone();
    }
}
