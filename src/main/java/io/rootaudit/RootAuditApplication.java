package io.rootaudit;

import io.rootaudit.cli.Launch;
import io.rootaudit.cli.RootAuditCli;
import io.rootaudit.devtools.DevTools;

/**
 * rootaudit: audits the root users of every member account of an AWS Organization. See README.md, and the manual in
 * docs/. The entry point
 * is the one place that exits the JVM, and the one place that adds the development tooling's commands (demo,
 * benchmarks) to the command line.
 */
public final class RootAuditApplication {

    private RootAuditApplication() {}

    public static void main(String[] args) {
        Launch launch = Launch.system();
        System.exit(RootAuditCli.run(launch, DevTools.commands(launch), args));
    }
}
