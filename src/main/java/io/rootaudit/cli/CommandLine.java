package io.rootaudit.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parsed command line: {@code <command> [command options] [--spring.or.rootaudit.property=value ...]}.
 * Command options are the few flags a command declares; everything of the form {@code --key=value} is
 * Spring Boot configuration and passed through untouched. {@code --debug}, accepted by every command, prints the
 * full stack trace of a failure.
 *
 * @param options flag name (without dashes) to value; {@code "true"} for switches
 * @param springArgs arguments handed to Spring Boot
 */
record CommandLine(String command, Map<String, String> options, List<String> springArgs, boolean help, boolean debug) {

    /** Thrown for a command line that cannot be understood; the message says what to fix. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    /**
     * @param switches flags without a value, per command
     * @param valued flags that take a value ({@code --run ID} or {@code --run=ID}), per command
     */
    static CommandLine parse(String[] args, Map<String, Set<String>> switches, Map<String, Set<String>> valued) {
        String command = null;
        boolean help = false;
        boolean debug = false;
        Map<String, String> options = new LinkedHashMap<>();
        List<String> spring = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h") || arg.equals("help") && command == null) {
                help = true;
                continue;
            }
            if (arg.equals("--debug")) {
                debug = true;
                continue;
            }
            if (!arg.startsWith("-")) {
                if (command != null) {
                    throw new UsageException("unexpected argument '" + arg + "'");
                }
                command = arg;
                continue;
            }
            if (!arg.startsWith("--")) {
                throw new UsageException("unknown option '" + arg + "'");
            }
            String body = arg.substring(2);
            int eq = body.indexOf('=');
            String name = eq < 0 ? body : body.substring(0, eq);
            if (command != null && switches.getOrDefault(command, Set.of()).contains(name)) {
                if (eq >= 0) {
                    throw new UsageException("option --" + name + " takes no value");
                }
                options.put(name, "true");
            } else if (command != null && valued.getOrDefault(command, Set.of()).contains(name)) {
                if (eq >= 0) {
                    options.put(name, body.substring(eq + 1));
                } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                    options.put(name, args[++i]);
                } else {
                    throw new UsageException("option --" + name + " needs a value");
                }
            } else if (eq > 0 && name.contains(".")) {
                spring.add(arg);
            } else {
                throw new UsageException("unknown option '" + arg + "'"
                        + (command == null ? "" : " for command '" + command + "'")
                        + "; configuration properties are given as --rootaudit.name=value");
            }
        }
        return new CommandLine(command, options, spring, help, debug);
    }

    boolean flag(String name) {
        return "true".equals(options.get(name));
    }
}
