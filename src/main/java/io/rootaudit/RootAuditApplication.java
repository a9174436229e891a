package io.rootaudit;

import io.rootaudit.cli.Cli;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * rootaudit: audits the root users of every member account of an AWS Organization. See README.md, and the manual
 * in docs/.
 */
@SpringBootApplication
public class RootAuditApplication {

    public static void main(String[] args) {
        System.exit(Cli.run(args));
    }
}
