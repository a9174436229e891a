package io.rootaudit.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top of the command line: without a command it prints the usage and exits 2. */
@Command(name = "java -jar rootaudit.jar", mixinStandardHelpOptions = true, versionProvider = ToolVersionProvider.class,
        customSynopsis = "java -jar rootaudit.jar <command> [options] [--rootaudit.<property>=<value> ...]",
        description = "Audits the root user of every member account of an AWS Organization through sts:AssumeRoot (task "
                + "policy IAMAuditRootUserCredentials) and writes evidence of the result.",
        commandListHeading = "%nCommands:%n",
        footer = {"Run 'java -jar rootaudit.jar <command> --help' for a command's options. Every command accepts "
                + "--debug, which prints the full stack trace of a failure.%n",
                "Configuration: Spring Boot properties under 'rootaudit' from YAML "
                        + "(--spring.config.additional-location=FILE), environment variables (ROOTAUDIT_AUDIT_CONCURRENCY=8) "
                        + "or arguments (--rootaudit.audit.concurrency=8); see docs/configuration.md. AWS credentials "
                        + "and region come from the standard AWS chain; AWS_ENDPOINT_URL redirects every client.%n",
                "Exit codes: 0 compliant, 1 failure, 2 invalid configuration or usage, 3 non-compliant findings, 4 "
                        + "accounts that could not be audited, 5 a prerequisite is missing, 6 publishing to S3 failed "
                        + "(local evidence kept), 7 verification failed, 8 remediation could not clean some eligible "
                        + "account, 9 another invocation is running for the same organization and period, 10 a findings export "
                        + "or event notification failed (evidence pack intact; 'export --run ID' retries the export)."})
final class RootAuditCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.USAGE.code();
    }
}
