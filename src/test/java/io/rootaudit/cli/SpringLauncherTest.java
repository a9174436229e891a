package io.rootaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootaudit.compliance.InvalidFrameworksException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;

/** How a failed start is reported: the message and the exit code. */
class SpringLauncherTest {

    /**
     * A framework mapping file that names an unknown rule stops the start as invalid configuration (exit 2), with the
     * file and field, as Spring reports it: wrapped in the failure to create the bean that reads the files.
     */
    @Test
    void aBrokenFrameworkFileIsInvalidConfiguration() {
        String problem = "frameworks/cis-aws-v7.0.0.json: controls[1].rules[0]: unknown rule id \"root-key\"; the rules "
                + "are org-root-credentials-management-disabled, ...";
        StringWriter err = new StringWriter();

        ExitCode code = SpringLauncher.failure(new PrintWriter(err, true), new BeanCreationException("controlMappings",
                "Failed to instantiate", new InvalidFrameworksException(List.of(problem))), false);

        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).startsWith("rootaudit: invalid configuration:").contains("  - " + problem)
                .doesNotContain("Exception");
    }
}
