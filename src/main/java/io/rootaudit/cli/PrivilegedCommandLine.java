package io.rootaudit.cli;

import io.rootaudit.compliance.ExceptionRegister;
import io.rootaudit.config.RootAuditProperties;
import io.rootaudit.remediation.PrivilegedCommands;
import io.rootaudit.remediation.PrivilegedCommands.Confirmation;
import io.rootaudit.remediation.PrivilegedCommands.Outcome;
import java.io.Console;
import org.springframework.stereotype.Component;

/**
 * The privileged commands on the command line: runs one, asks for confirmation on a terminal (or requires
 * {@code --yes} when there is none), prints what happened and turns it into an exit code.
 */
@Component
class PrivilegedCommandLine {

    private final PrivilegedCommands commands;
    private final RootAuditProperties properties;
    private final ExceptionRegister exceptions;

    PrivilegedCommandLine(PrivilegedCommands commands, RootAuditProperties properties, ExceptionRegister exceptions) {
        this.commands = commands;
        this.properties = properties;
        this.exceptions = exceptions;
    }

    ExitCode run(CommandLine line) {
        RunPrinter.safetySettings(System.out, properties, exceptions);
        boolean yes = line.flag("yes");
        boolean dryRun = line.flag("dry-run");
        Confirmation confirmation = confirmation(yes);
        String reason = line.options().get("reason");
        String ticket = line.options().get("ticket");
        Outcome outcome = switch (line.command()) {
            case "allow-recovery" -> commands.allowRecovery(Cli.required(line, "account"), Cli.required(line, "reason"),
                    Cli.required(line, "ticket"), confirmation);
            case "delete-root-credentials" -> commands.deleteRootCredentials(Cli.required(line, "account"), reason, ticket,
                    dryRun, confirmation);
            case "unlock-s3-bucket-policy" -> commands.unlockBucketPolicy(Cli.required(line, "account"),
                    Cli.required(line, "bucket"), reason, ticket, dryRun, confirmation);
            case "unlock-sqs-queue-policy" -> commands.unlockQueuePolicy(Cli.required(line, "account"),
                    Cli.required(line, "queue-url"), reason, ticket, dryRun, confirmation);
            case "enable-root-access-management" -> commands.enableRootAccessManagement(reason, ticket, dryRun, confirmation);
            default -> throw new IllegalArgumentException(line.command());
        };
        String prefix = outcome.action() == null ? "" : "[" + outcome.action().id() + "] ";
        switch (outcome.kind()) {
            case DONE, NO_CHANGE, DRY_RUN -> System.out.println(prefix + outcome.kind() + ": " + outcome.message());
            default -> System.err.println("rootaudit: " + prefix + outcome.kind() + ": " + outcome.message());
        }
        return switch (outcome.kind()) {
            case DONE, NO_CHANGE, DRY_RUN -> ExitCode.OK;
            case REFUSED, NOT_CONFIRMED -> ExitCode.USAGE;
            case PREREQUISITE_MISSING -> ExitCode.PREREQUISITE_MISSING;
            case FAILED -> ExitCode.FAILURE;
        };
    }

    /** {@code --yes} confirms; otherwise ask on the terminal, and refuse when there is no terminal (cron, CI). */
    static Confirmation confirmation(boolean yes) {
        return what -> {
            if (yes) {
                return true;
            }
            Console console = System.console();
            if (console == null) {
                System.err.println("rootaudit: not on a terminal, so not asking: add --yes to " + what);
                return false;
            }
            String answer = console.readLine("About to %s.%nType 'yes' to continue: ", what);
            return answer != null && answer.trim().equalsIgnoreCase("yes");
        };
    }
}
