package io.rootaudit.cli;

import io.rootaudit.application.RootAuditConfiguration;
import io.rootaudit.application.StartupChecks;
import io.rootaudit.application.StartupChecks.Needs;
import io.rootaudit.application.StartupChecks.Store;
import io.rootaudit.aws.AwsRegion;
import io.rootaudit.compliance.InvalidInputException;
import io.rootaudit.config.DurationProperties;
import io.rootaudit.config.EnvironmentVariables;
import io.rootaudit.config.PropertyNames;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Starts Spring Boot inside the chosen command, with the command's configuration properties, runs it and closes the
 * context. Before Spring starts, the environment variables and configuration files are checked; while it starts,
 * {@link StartupChecks} run before the database is opened, so a command that only reads the store never creates one.
 * Every failure becomes one short message and a documented exit code; the stack trace only with {@code --debug}.
 */
public final class SpringLauncher {

    private static final int H2_FILE_IN_USE = 90020;
    private static final Pattern CONFIG_LOCATION = Pattern.compile("property source from location '([^']+)'");

    private SpringLauncher() {}

    static int run(Launch launch, SpringArguments arguments, List<String> properties, Needs needs,
                   Function<ConfigurableApplicationContext, ExitCode> command) {
        return run(launch, arguments.debug(), arguments.properties(properties), needs, command);
    }

    public static int run(Launch launch, boolean debug, List<String> springArgs, Needs needs,
                   Function<ConfigurableApplicationContext, ExitCode> command) {
        List<String> problems = new ArrayList<>(EnvironmentVariables.problems(launch.environment()));
        problems.addAll(ConfigurationFiles.problems(springArgs, launch.environment()));
        if (!problems.isEmpty()) {
            invalidConfiguration(launch.err(), "  - " + String.join("\n  - ", problems));
            return ExitCode.USAGE.code();
        }
        SpringApplication app = new SpringApplication(RootAuditConfiguration.class);
        if (launch.environment() != System.getenv()) {
            app.setEnvironment(new LaunchEnvironment(launch.environment()));
        }
        app.addInitializers(context -> {
            context.getBeanFactory().registerSingleton("rootauditCommandNeeds", needs);
            if (launch.aws() != null) {
                context.getBeanFactory().registerSingleton("rootauditAwsConnection", launch.aws());
            }
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("rootaudit-command-store",
                    storeProperties(needs)));
        });
        app.addListeners((ApplicationListener<ApplicationEnvironmentPreparedEvent>) event -> {
            List<String> durations = DurationProperties.problems(Binder.get(event.getEnvironment()));
            if (!durations.isEmpty()) {
                throw new InvalidConfiguration(durations);
            }
        });
        quietSpringFailureLog();
        try (ConfigurableApplicationContext context = app.run(springArgs.toArray(String[]::new))) {
            return command.apply(context).code();
        } catch (RuntimeException e) {
            return failure(launch.err(), e, debug).code();
        }
    }

    /** A command that may not create the store creates no Batch tables; one that uses no store gets a void one. */
    private static Map<String, Object> storeProperties(Needs needs) {
        Map<String, Object> store = new HashMap<>();
        // EXISTING: Flyway may migrate the store, which StartupChecks found to exist, but Spring Batch's tables are
        // created only with a new store
        if (needs.store() != Store.CREATE) {
            store.put("spring.batch.jdbc.initialize-schema", "never");
        }
        if (needs.store() == Store.NONE) { // Spring Batch reads the database's type at startup: give it a void one
            store.put("spring.flyway.enabled", "false");
            store.put("spring.datasource.url", "jdbc:h2:mem:rootaudit-no-store");
        }
        return store;
    }

    /** The exit code of a failed start or command, after saying what went wrong. */
    static ExitCode failure(PrintWriter err, RuntimeException e, boolean debug) {
        StartupChecks.StartupCheckException check = find(e, StartupChecks.StartupCheckException.class);
        if (check != null) {
            err.println("rootaudit: " + check.getMessage());
            ExitCode code = switch (check.refusal()) {
                case CONFIGURATION -> ExitCode.USAGE;
                case STORE_IN_USE -> ExitCode.ALREADY_RUNNING;
                case STORE_UNREACHABLE -> ExitCode.FAILURE;
            };
            if (code != ExitCode.ALREADY_RUNNING) {
                err.println("Nothing was called or written.");
            }
            return traced(err, e, debug, code);
        }
        if (isH2FileInUse(e)) {
            err.println("rootaudit: another rootaudit process is using the database (rootaudit.database-path); "
                    + "wait for it to finish. Nothing was called or written by this invocation.");
            return traced(err, e, debug, ExitCode.ALREADY_RUNNING);
        }
        String configProblem = configurationProblem(e);
        if (configProblem != null) {
            invalidConfiguration(err, configProblem);
            return traced(err, e, debug, ExitCode.USAGE);
        }
        err.println("rootaudit: failed: " + chain(e));
        if (!debug) {
            err.println("Add --debug for the full stack trace.");
        }
        return traced(err, e, debug, ExitCode.FAILURE);
    }

    private static ExitCode traced(PrintWriter err, Throwable e, boolean debug, ExitCode code) {
        if (debug) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            err.print(trace);
            err.flush();
        }
        return code;
    }

    static void invalidConfiguration(PrintWriter err, String problems) {
        err.println("rootaudit: invalid configuration:");
        err.println(problems);
        err.println("Nothing was called or written. See config/application.example.yml for every property.");
    }

    /**
     * Spring Boot logs a failed start itself ("Application run failed" and the whole trace) when it fails before its
     * logging configuration is read, as with a malformed configuration file; the command line reports failures instead.
     */
    private static void quietSpringFailureLog() {
        if (org.slf4j.LoggerFactory.getLogger(SpringApplication.class) instanceof ch.qos.logback.classic.Logger logger) {
            logger.setLevel(ch.qos.logback.classic.Level.OFF);
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
            if (t instanceof UnboundConfigurationPropertiesException u) {
                return unbound(u);
            }
            if (t instanceof AwsRegion.MissingRegionException r) {
                return "  - " + r.getMessage();
            }
            if (t instanceof InvalidInputException x) { // the exceptions file, the framework mappings
                return "  - " + String.join("\n  - ", x.problems());
            }
            if (t instanceof InvalidConfiguration c) {
                return "  - " + String.join("\n  - ", c.problems);
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException b) {
                return "  - " + b.getName() + ": " + (b.getCause() == null ? b.getMessage() : rootMessage(b.getCause()));
            }
        }
        String file = configurationFile(e);
        return file == null ? null : "  - " + file + " cannot be read: " + rootMessage(e);
    }

    /** The configuration file named by Spring Boot's "Failed to load property source from location" in the chain. */
    private static String configurationFile(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            Matcher m = CONFIG_LOCATION.matcher(String.valueOf(t.getMessage()));
            if (m.find()) {
                return "configuration file " + m.group(1).replaceFirst("^(optional:)?file:", "");
            }
        }
        return null;
    }

    /** Unknown names, and known names given an empty value (Spring Boot cannot bind "" to a path or number). */
    private static String unbound(UnboundConfigurationPropertiesException u) {
        List<String> problems = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        u.getUnboundProperties().stream().sorted(Comparator.comparing(p -> p.getName().toString())).forEach(p -> {
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

    private static boolean isH2FileInUse(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getErrorCode() == H2_FILE_IN_USE) {
                return true;
            }
        }
        return false;
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
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

    /** Configuration values found invalid before they are bound; one problem per value. */
    private static final class InvalidConfiguration extends RuntimeException {
        private final List<String> problems;

        InvalidConfiguration(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }
    }

    /** Spring's environment with the invocation's environment variables instead of the process's. */
    private static final class LaunchEnvironment extends StandardEnvironment {
        private final Map<String, String> variables;

        LaunchEnvironment(Map<String, String> variables) {
            super(new org.springframework.core.env.MutablePropertySources());
            this.variables = Map.copyOf(variables);
            customizePropertySources(getPropertySources());
        }

        @Override
        protected void customizePropertySources(org.springframework.core.env.MutablePropertySources sources) {
            if (variables == null) {
                return; // called by the super constructor, before the variables are set
            }
            super.customizePropertySources(sources);
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public Map<String, Object> getSystemEnvironment() {
            return (Map) variables;
        }
    }
}
