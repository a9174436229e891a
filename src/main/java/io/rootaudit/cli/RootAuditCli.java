package io.rootaudit.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.IParameterExceptionHandler;

/**
 * Builds the command line: every command with its options and help, generated from annotations. Parsing errors are
 * usage errors (exit 2) with a one-line hint; each command maps its outcome to the documented exit code. The entry
 * point adds development tooling (demo, benchmarks) as further commands; nothing here knows about it.
 */
public final class RootAuditCli {

    private static final int USAGE_WIDTH = 110;

    private RootAuditCli() {}

    /** The command line for one invocation, with {@code extra} commands (already built by the caller) added. */
    public static CommandLine commandLine(Launch launch, List<Object> extra) {
        CommandLine cli = new CommandLine(new RootAuditCommand());
        cli.addSubcommand(new AuditCommand(launch));
        cli.addSubcommand(new PreflightCommand(launch));
        extra.forEach(cli::addSubcommand);
        cli.addSubcommand(new ReportCommand(launch));
        cli.addSubcommand(new PublishCommand(launch));
        cli.addSubcommand(new ExportCommand(launch));
        cli.addSubcommand(new VerifyCommand(launch));
        cli.addSubcommand(new HistoryCommand(launch));
        for (Object privileged : List.of(new PrivilegedCommands.AllowRecovery(launch),
                new PrivilegedCommands.DeleteRootCredentials(launch), new PrivilegedCommands.UnlockBucketPolicy(launch),
                new PrivilegedCommands.UnlockQueuePolicy(launch), new PrivilegedCommands.EnableRootAccessManagement(launch))) {
            CommandLine sub = new CommandLine(privileged);
            sub.getCommandSpec().usageMessage().footer(PrivilegedCommands.footer());
            cli.addSubcommand(sub);
        }
        cli.addSubcommand(new CommandLine.HelpCommand());
        cli.setOut(launch.out());
        cli.setErr(launch.err());
        cli.setColorScheme(Help.defaultColorScheme(Help.Ansi.OFF));
        cli.setUsageHelpWidth(USAGE_WIDTH);
        cli.getCommandSpec().usageMessage().descriptionHeading("%n").footerHeading("%n").optionListHeading("%n");
        cli.getSubcommands().values().forEach(sub ->
                sub.getCommandSpec().usageMessage().descriptionHeading("%n").footerHeading("%n").optionListHeading("%n"));
        cli.setParameterExceptionHandler(usageError(launch));
        cli.setExecutionExceptionHandler((e, line, parsed) -> SpringLauncher.failure(launch.err(),
                e instanceof RuntimeException r ? r : new IllegalStateException(e), false).code());
        return cli;
    }

    /** Runs {@code args}; the exit code follows the README's table. */
    public static int run(Launch launch, List<Object> extra, String... args) {
        int code = commandLine(launch, extra).execute(args);
        launch.out().flush();
        launch.err().flush();
        return code;
    }

    private static IParameterExceptionHandler usageError(Launch launch) {
        return (e, args) -> {
            CommandLine line = e.getCommandLine();
            launch.err().println("rootaudit: " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, launch.err());
            launch.err().println("Run 'java -jar rootaudit.jar " + (line.getParent() == null ? "" : line.getCommandName() + " ")
                    + "--help' for usage.");
            return ExitCode.USAGE.code();
        };
    }
}
