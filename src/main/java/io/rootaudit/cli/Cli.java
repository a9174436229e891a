package io.rootaudit.cli;

import io.rootaudit.RootAuditApplication;
import io.rootaudit.cli.StartupChecks.Needs;
import io.rootaudit.cli.StartupChecks.Store;
import io.rootaudit.compliance.InvalidExceptionsFileException;
import io.rootaudit.config.DurationProperties;
import io.rootaudit.config.EnvironmentVariables;
import io.rootaudit.config.PropertyNames;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
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
        List<String> problems = new java.util.ArrayList<>(EnvironmentVariables.problems(System.getenv()));
        problems.addAll(ConfigurationFiles.problems(line.springArgs(), System.getenv()));
        if (!problems.isEmpty()) {
            invalidConfiguration("  - " + String.join("\n  - ", problems));
            return ExitCode.USAGE.code();
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
            case "audit" -> inContext(line.debug(), AUDIT, line.springArgs(), ctx -> ctx.getBean(AuditCommand.class).run(line.flag("rerun")));
            case "preflight" -> inContext(line.debug(), new Needs(true, false, Store.NONE), line.springArgs(),
                    ctx -> ctx.getBean(PreflightCommand.class).run());
            case "demo" -> new DemoCommand().run(line,
                    line.options().containsKey("samples") ? java.nio.file.Path.of(line.options().get("samples")) : null);
            case "report" -> inContext(line.debug(), new Needs(false, true, Store.EXISTING), line.springArgs(),
                    ctx -> ctx.getBean(PackCommands.class).report(required(line, "run")));
            case "publish" -> inContext(line.debug(), new Needs(true, true, Store.EXISTING), line.springArgs(),
                    ctx -> ctx.getBean(PackCommands.class).publish(required(line, "run")));
            case "verify" -> {
                String path = required(line, "path");
                yield inContext(line.debug(), new Needs(path.startsWith("s3://"), false, Store.NONE), line.springArgs(),
                        ctx -> ctx.getBean(PackCommands.class).verify(path));
            }
            case "benchmark-reports" -> inContext(line.debug(), new Needs(false, true, Store.CREATE), benchmarkArgs(line.springArgs()),
                    ctx -> ctx.getBean(BenchmarkReportsCommand.class).run(Integer.parseInt(line.options().getOrDefault("accounts", "10000"))));
            case "allow-recovery", "delete-root-credentials", "unlock-s3-bucket-policy", "unlock-sqs-queue-policy",
                 "enable-root-access-management" -> {
                for (String option : VALUED.getOrDefault(line.command(), Set.of())) {
                    if (line.command().equals("allow-recovery") || !Set.of("reason", "ticket").contains(option)) {
                        required(line, option); // usage errors before Spring starts
                    }
                }
                yield inContext(line.debug(), new Needs(true, false, Store.CREATE), line.springArgs(),
                        ctx -> ctx.getBean(PrivilegedCommandLine.class).run(line));
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
            case "history" -> inContext(line.debug(), new Needs(false, false, Store.EXISTING), line.springArgs(),
                    ctx -> ctx.getBean(PackCommands.class).history(line.options().get("organization")));
            default -> throw new IllegalStateException(line.command());
        };
    }

    /** What {@code audit} (and {@code demo}, which runs it) may touch: AWS, the report folder, a new store. */
    static final Needs AUDIT = new Needs(true, true, Store.CREATE);

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

    /**
     * Starts the application with {@code springArgs} as configuration, runs {@code command}, and closes it. The
     * {@link StartupChecks} for {@code needs} run before the database is opened; a command that only reads the store
     * never creates one. A failure is one short message; the stack trace only with {@code --debug}.
     */
    static int inContext(boolean debug, Needs needs, List<String> springArgs,
                         Function<ConfigurableApplicationContext, ExitCode> command) {
        SpringApplication app = new SpringApplication(RootAuditApplication.class);
        app.addInitializers(context -> {
            context.getBeanFactory().registerSingleton("rootauditCommandNeeds", needs);
            Map<String, Object> store = new java.util.HashMap<>();
            // EXISTING: Flyway may migrate the store, which StartupChecks found to exist, but Spring Batch's tables are
            // created only with a new store
            if (needs.store() != Store.CREATE) {
                store.put("spring.batch.jdbc.initialize-schema", "never");
            }
            if (needs.store() == Store.NONE) { // Spring Batch reads the database's type at startup: give it a void one
                store.put("spring.flyway.enabled", "false");
                store.put("spring.datasource.url", "jdbc:h2:mem:rootaudit-no-store");
            }
            context.getEnvironment().getPropertySources().addFirst(
                    new org.springframework.core.env.MapPropertySource("rootaudit-command-store", store));
        });
        app.addListeners((ApplicationListener<ApplicationEnvironmentPreparedEvent>) event -> {
            List<String> problems = DurationProperties.problems(Binder.get(event.getEnvironment()));
            if (!problems.isEmpty()) {
                throw new InvalidConfiguration(problems);
            }
        });
        quietSpringFailureLog();
        try (ConfigurableApplicationContext context = app.run(springArgs.toArray(String[]::new))) {
            return command.apply(context).code();
        } catch (RuntimeException e) {
            return failure(e, debug).code();
        }
    }

    /** The exit code of a failed start or command, after saying what went wrong on stderr. */
    static ExitCode failure(RuntimeException e, boolean debug) {
        StartupChecks.StartupCheckException check = find(e, StartupChecks.StartupCheckException.class);
        if (check != null) {
            System.err.println("rootaudit: " + check.getMessage());
            if (check.exitCode() != ExitCode.ALREADY_RUNNING) {
                System.err.println("Nothing was called or written.");
            }
            return traced(e, debug, check.exitCode());
        }
        if (io.rootaudit.job.RunLock.AnotherRunInProgress.isH2FileInUse(e)) {
            System.err.println("rootaudit: another rootaudit process is using the database (rootaudit.database-path); "
                    + "wait for it to finish. Nothing was called or written by this invocation.");
            return traced(e, debug, ExitCode.ALREADY_RUNNING);
        }
        String configProblem = configurationProblem(e);
        if (configProblem != null) {
            invalidConfiguration(configProblem);
            return traced(e, debug, ExitCode.USAGE);
        }
        System.err.println("rootaudit: failed: " + chain(e));
        if (!debug) {
            System.err.println("Add --debug for the full stack trace.");
        }
        return traced(e, debug, ExitCode.FAILURE);
    }

    private static ExitCode traced(Throwable e, boolean debug, ExitCode code) {
        if (debug) {
            e.printStackTrace();
        }
        return code;
    }

    private static void invalidConfiguration(String problems) {
        System.err.println("rootaudit: invalid configuration:");
        System.err.println(problems);
        System.err.println("Nothing was called or written. See config/application.example.yml for every property.");
    }

    /**
     * Spring Boot logs a failed start itself ("Application run failed" and the whole trace) when it fails before its
     * logging configuration is read, as with a malformed configuration file; the CLI reports failures instead.
     */
    private static void quietSpringFailureLog() {
        if (org.slf4j.LoggerFactory.getLogger(SpringApplication.class) instanceof ch.qos.logback.classic.Logger logger) {
            logger.setLevel(ch.qos.logback.classic.Level.OFF);
        }
    }

    /** Configuration values found invalid before they are bound; one problem per value. */
    private static final class InvalidConfiguration extends RuntimeException {
        private final List<String> problems;

        InvalidConfiguration(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
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
                return unbound(u);
            }
            if (t instanceof io.rootaudit.aws.AwsRegion.MissingRegionException r) {
                return "  - " + r.getMessage();
            }
            if (t instanceof InvalidConfiguration c) {
                return "  - " + String.join("\n  - ", c.problems);
            }
            if (t instanceof InvalidExceptionsFileException x) {
                return "  - " + String.join("\n  - ", x.problems());
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException b) {
                return "  - " + b.getName() + (b.getCause() == null ? ": " + b.getMessage() : ": " + rootMessage(b.getCause()));
            }
        }
        String file = configurationFile(e);
        if (file != null) {
            return "  - " + file + " cannot be read: " + rootMessage(e);
        }
        return null;
    }

    /** The configuration file named by Spring Boot's "Failed to load property source from location" in the chain. */
    private static String configurationFile(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("property source from location '([^']+)'")
                    .matcher(String.valueOf(t.getMessage()));
            if (m.find()) {
                return "configuration file " + m.group(1).replaceFirst("^(optional:)?file:", "");
            }
        }
        return null;
    }

    /** Unknown names, and known names given an empty value (Spring Boot cannot bind "" to a path or number). */
    private static String unbound(org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException u) {
        List<String> problems = new java.util.ArrayList<>();
        List<String> unknown = new java.util.ArrayList<>();
        u.getUnboundProperties().stream().sorted(java.util.Comparator.comparing(p -> p.getName().toString())).forEach(p -> {
            if (p.getValue() == null || p.getValue().toString().isBlank()) {
                problems.add("  - " + p.getName() + " is empty: give it a value, or leave it out for the default");
            } else {
                unknown.add(p.getName().toString());
            }
        });
        if (!unknown.isEmpty()) {
            problems.add("  - unknown propert" + (unknown.size() == 1 ? "y " : "ies ") + unknown + ": check the spelling");
        }
        return String.join("\n", problems);
    }

    private static String describe(ObjectError error) {
        String message = error.getDefaultMessage();
        if (message != null && message.startsWith("rootaudit.")) {
            return message;
        }
        if (error instanceof FieldError f) {
            return "rootaudit." + PropertyNames.kebab(f.getField()) + ": " + message + " (was: " + f.getRejectedValue() + ")";
        }
        return message;
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
