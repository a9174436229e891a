package io.rootaudit.cli;

import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options every command shares: {@code --debug}, and the configuration properties given as
 * {@code --rootaudit.name=value} (or any {@code --spring.…=…}), which each command collects as its unmatched
 * arguments (picocli binds those only on the command itself) and passes to Spring Boot untouched. Anything else that
 * looks like an option is refused with a hint, so that {@code --force} or {@code --concurrency=4} never pass silently.
 */
public final class SpringArguments {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--debug", description = "Print the full stack trace of a failure.")
    boolean debug;

    /** The command's unmatched arguments as configuration properties, validated. */
    public List<String> properties(List<String> unmatched) {
        for (String argument : unmatched) {
            int eq = argument.indexOf('=');
            String name = eq < 0 ? argument : argument.substring(0, eq);
            if (!argument.startsWith("--") || eq < 0 || !name.contains(".")) {
                throw new ParameterException(command.commandLine(), (argument.startsWith("-")
                        ? "unknown option '" + argument + "'" : "unexpected argument '" + argument + "'")
                        + " for command '" + command.name() + "'; configuration properties are given as "
                        + "--rootaudit.name=value");
            }
        }
        return List.copyOf(unmatched);
    }

    public boolean debug() {
        return debug;
    }
}
