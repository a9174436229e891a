package io.rootaudit.cli;

import io.rootaudit.aws.AwsConnection;
import java.io.PrintWriter;
import java.util.Map;

/**
 * Everything an invocation takes from its surroundings, handed in rather than read from JVM-wide state: where its
 * output goes, the environment variables it sees, AWS settings of its own (null: the SDK's chains read the
 * process's environment and profiles), and whether it may ask on a terminal. {@link #system()} is a user's
 * invocation; {@code demo}, the benchmarks and the tests make their own.
 */
public record Launch(PrintWriter out, PrintWriter err, Map<String, String> environment, AwsConnection aws,
                     boolean terminal) {

    /** The process's own standard streams, environment and AWS settings. */
    public static Launch system() {
        return new Launch(new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.getenv(), null,
                System.console() != null);
    }

    /** The same invocation with its own AWS settings. */
    public Launch withAws(AwsConnection connection) {
        return new Launch(out, err, environment, connection, terminal);
    }
}
