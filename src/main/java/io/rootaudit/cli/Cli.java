package io.rootaudit.cli;

import io.rootaudit.RootAuditApplication;
import io.rootaudit.compliance.InvalidExceptionsFileException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * The command-line entry: parses the command, starts Spring Boot with the remaining arguments as
 * configuration, runs the command and turns every outcome into a documented exit code. Configuration
 * errors are reported as one line per problem naming the property, before any AWS call.
 */
public final class Cli {

    static final Map<String, Set<String>> SWITCHES = Map.ofEntries(
            Map.entry("audit", Set.of("rerun")),
            Map.entry("preflight", Set.of()),
            Map.entry("demo", Set.of()),
            Map.entry("report", Set.of()),
            Map.entry("publish", Set.of()),
            Map.entry("verify", Set.of()),
            Map.entry("history", Set.of()),
            Map.entry("benchmark-reports", Set.of()),
            Map.entry("benchmark-audit", Set.of()),
            Map.entry("allow-recovery", Set.of("yes")),
            Map.entry("delete-root-credentials", Set.of("yes", "dry-run")),
            Map.entry("unlock-s3-bucket-policy", Set.of("yes", "dry-run")),
            Map.entry("unlock-sqs-queue-policy", Set.of("yes", "dry-run")),
            Map.entry("enable-root-access-management", Set.of("yes", "dry-run")));
    static final Map<String, Set<String>> VALUED = Map.ofEntries(
            Map.entry("report", Set.of("run")),
            Map.entry("publish", Set.of("run")),
            Map.entry("verify", Set.of("path")),
            Map.entry("history", Set.of("organization")),
            Map.entry("demo", Set.of("samples")),
            Map.entry("benchmark-reports", Set.of("accounts")),
            Map.entry("benchmark-audit", Set.of("accounts", "latency-ms", "concurrency", "throttle-rate")),
            Map.entry("allow-recovery", Set.of("account", "reason", "ticket")),
            Map.entry("delete-root-credentials", Set.of("account", "reason", "ticket")),
            Map.entry("unlock-s3-bucket-policy", Set.of("account", "bucket", "reason", "ticket")),
            Map.entry("unlock-sqs-queue-policy", Set.of("account", "queue-url", "reason", "ticket")),
            Map.entry("enable-root-access-management", Set.of("reason", "ticket")));

    private Cli() {}

    public static int run(String... args) {
        PrintStream out = System.out;
        CommandLine line;
        try {
            line = CommandLine.parse(args, SWITCHES, VALUED);
        } catch (CommandLine.UsageException e) {
            System.err.println("rootaudit: " + e.getMessage());
            System.err.println("Run 'java -jar rootaudit.jar --help' for usage.");
            return ExitCode.USAGE.code();
        }
        if (line.command() == null) {
            out.print(Help.general());
            return line.help() ? ExitCode.OK.code() : ExitCode.USAGE.code();
        }
        if (!SWITCHES.containsKey(line.command())) {
            System.err.println("rootaudit: unknown command '" + line.command() + "'");
            System.err.print(Help.general());
            return ExitCode.USAGE.code();
        }
        if (line.help()) {
            out.print(Help.of(line.command()));
            return ExitCode.OK.code();
        }
        try {
            return dispatch(line);
        } catch (CommandLine.UsageException e) {
            System.err.println("rootaudit: " + e.getMessage());
            return ExitCode.USAGE.code();
        }
    }

    private static int dispatch(CommandLine line) {
        return switch (line.command()) {
            case "audit" -> inContext(line.springArgs(), ctx -> ctx.getBean(AuditCommand.class).run(line.flag("rerun")));
            case "preflight" -> inContext(line.springArgs(), ctx -> ctx.getBean(PreflightCommand.class).run());
            case "demo" -> new DemoCommand().run(line.springArgs(),
                    line.options().containsKey("samples") ? java.nio.file.Path.of(line.options().get("samples")) : null);
            case "report" -> inContext(line.springArgs(), ctx -> ctx.getBean(PackCommands.class).report(required(line, "run")));
            case "publish" -> inContext(line.springArgs(), ctx -> ctx.getBean(PackCommands.class).publish(required(line, "run")));
            case "verify" -> inContext(line.springArgs(), ctx -> ctx.getBean(PackCommands.class).verify(required(line, "path")));
            case "benchmark-reports" -> inContext(benchmarkArgs(line.springArgs()), ctx -> ctx.getBean(BenchmarkReportsCommand.class)
                    .run(Integer.parseInt(line.options().getOrDefault("accounts", "10000"))));
            case "allow-recovery", "delete-root-credentials", "unlock-s3-bucket-policy", "unlock-sqs-queue-policy",
                 "enable-root-access-management" -> {
                for (String option : VALUED.getOrDefault(line.command(), Set.of())) {
                    if (line.command().equals("allow-recovery") || !Set.of("reason", "ticket").contains(option)) {
                        required(line, option); // usage errors before Spring starts
                    }
                }
                yield inContext(line.springArgs(), ctx -> ctx.getBean(PrivilegedCommandLine.class).run(line));
            }
            case "benchmark-audit" -> {
                try {
                    yield new BenchmarkAuditCommand().run(Integer.parseInt(line.options().getOrDefault("accounts", "1000")),
                            Integer.parseInt(line.options().getOrDefault("latency-ms", "0")),
                            Integer.parseInt(line.options().getOrDefault("concurrency", "16")),
                            Double.parseDouble(line.options().getOrDefault("throttle-rate", "0")), line.springArgs());
                } catch (NumberFormatException e) {
                    throw new CommandLine.UsageException("benchmark-audit options take numbers: " + e.getMessage());
                } catch (Exception e) {
                    System.err.println("rootaudit: benchmark failed: " + e);
                    yield ExitCode.FAILURE.code();
                }
            }
            case "history" -> inContext(line.springArgs(), ctx -> ctx.getBean(PackCommands.class).history(line.options().get("organization")));
            default -> throw new IllegalStateException(line.command());
        };
    }

    /** The benchmark stores its synthetic run in memory and renders into a temporary folder unless told otherwise. */
    private static List<String> benchmarkArgs(List<String> springArgs) {
        List<String> args = new java.util.ArrayList<>();
        args.add("--spring.datasource.url=jdbc:h2:mem:rootaudit-benchmark;DB_CLOSE_DELAY=-1");
        try {
            args.add("--rootaudit.report.local-dir=" + java.nio.file.Files.createTempDirectory("rootaudit-benchmark"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        args.addAll(springArgs);
        return args;
    }

    static String required(CommandLine line, String option) {
        String value = line.options().get(option);
        if (value == null || value.isBlank()) {
            throw new CommandLine.UsageException("'" + line.command() + "' needs --" + option);
        }
        return value;
    }

    /** Starts the application with {@code springArgs} as configuration, runs {@code command}, and closes it. */
    static int inContext(List<String> springArgs, Function<ConfigurableApplicationContext, ExitCode> command) {
        SpringApplication app = new SpringApplication(RootAuditApplication.class);
        try (ConfigurableApplicationContext context = app.run(springArgs.toArray(String[]::new))) {
            return command.apply(context).code();
        } catch (RuntimeException e) {
            if (io.rootaudit.job.RunLock.AnotherRunInProgress.isH2FileInUse(e)) {
                System.err.println("rootaudit: another rootaudit process is using the database (rootaudit.database-path); "
                        + "wait for it to finish. Nothing was called or written by this invocation.");
                return ExitCode.ALREADY_RUNNING.code();
            }
            String configProblem = configurationProblem(e);
            if (configProblem != null) {
                System.err.println("rootaudit: invalid configuration:");
                System.err.println(configProblem);
                System.err.println("Nothing was called or written. See config/application.example.yml for every property.");
                return ExitCode.USAGE.code();
            }
            System.err.println("rootaudit: failed: " + chain(e));
            e.printStackTrace();
            return ExitCode.FAILURE.code();
        }
    }

    /** A readable description of a configuration error anywhere in the cause chain, or null. */
    static String configurationProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindValidationException v) {
                StringBuilder sb = new StringBuilder();
                for (ObjectError error : v.getValidationErrors().getAllErrors()) {
                    sb.append("  - ").append(describe(error)).append('\n');
                }
                return sb.toString().stripTrailing();
            }
            if (t instanceof org.springframework.boot.context.config.ConfigDataResourceNotFoundException n) {
                return "  - " + n.getMessage() + " (check --spring.config.additional-location)";
            }
            if (t instanceof org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException u) {
                return "  - unknown propert" + (u.getUnboundProperties().size() == 1 ? "y " : "ies ")
                        + u.getUnboundProperties().stream().map(p -> p.getName().toString()).sorted().toList()
                        + ": check the spelling";
            }
            if (t instanceof io.rootaudit.aws.AwsRegion.MissingRegionException r) {
                return "  - " + r.getMessage();
            }
            if (t instanceof InvalidExceptionsFileException x) {
                return "  - " + String.join("\n  - ", x.problems());
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException b) {
                return "  - " + b.getMessage() + (b.getCause() == null ? "" : ": " + rootMessage(b.getCause()));
            }
        }
        return null;
    }

    private static String describe(ObjectError error) {
        String message = error.getDefaultMessage();
        if (message != null && message.startsWith("rootaudit.")) {
            return message;
        }
        if (error instanceof FieldError f) {
            return "rootaudit." + kebab(f.getField()) + ": " + message + " (was: " + f.getRejectedValue() + ")";
        }
        return message;
    }

    static String kebab(String field) {
        return field.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    private static String chain(Throwable e) {
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            sb.append(" <- ").append(t.getMessage());
        }
        return sb.toString();
    }
}
