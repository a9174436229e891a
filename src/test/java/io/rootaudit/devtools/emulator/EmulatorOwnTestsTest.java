package io.rootaudit.devtools.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The emulator's own Python tests (src/devtools/python/tests, unittest driving it with boto3), run by the
 * interpreter that runs the emulator, so that they need no python3 with moto first on the PATH either.
 */
class EmulatorOwnTestsTest {

    @Test
    void theEmulatorsPythonTestsPass() throws Exception {
        Path python = EmulatorPython.forEmulator(Path.of("src/devtools/python/requirements.txt")).find();
        Process process = new ProcessBuilder(python.toString(), "-m", "unittest", "discover", "-s",
                "src/devtools/python/tests", "-t", "src/devtools/python").redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).containsPattern("Ran \\d+ tests").contains("OK");
    }
}
