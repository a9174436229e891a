package io.rootaudit.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code demo} as a user runs it: its own JVM, the bundled emulator, and nothing left behind but the pack it names. */
class DemoCommandTest {

    @TempDir
    Path work;

    @Test
    void theDemoAuditsItsOrganizationAndLeavesOnlyTheEvidencePack() throws Exception {
        Path tmp = Files.createDirectory(work.resolve("tmp"));
        ChildJvm.Result demo = ChildJvm.run(work, Map.of(), List.of("-Djava.io.tmpdir=" + tmp), "demo");

        assertThat(demo.exitCode()).as(demo.output()).isEqualTo(4); // one demo account is denied by an SCP
        assertThat(demo.output()).contains("Results: " + work.resolve("reports"));
        try (Stream<Path> packs = Files.walk(work.resolve("reports"))) {
            assertThat(packs.map(p -> p.getFileName().toString())).contains("results.json", "report.pdf", "manifest.json");
        }
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left.map(Path::toString)).as("temporary database, exceptions file and emulator script").isEmpty();
        }
    }

    /** In the container image (which sets ROOTAUDIT_IN_CONTAINER) demo says it is for a local machine, and starts nothing. */
    @Test
    void inTheContainerImageTheDemoSaysItNeedsALocalMachine() throws Exception {
        ChildJvm.Result demo = ChildJvm.run(work, Map.of("ROOTAUDIT_IN_CONTAINER", "true"), List.of(), "demo");

        assertThat(demo.exitCode()).as(demo.output()).isEqualTo(5);
        assertThat(demo.output()).contains("demo is a local-machine feature", "no Python for the AWS emulator")
                .doesNotContain("Emulator listening");
        assertThat(work.resolve("reports")).doesNotExist();
    }

    /**
     * A first python3 on the PATH without moto and an empty per-user cache: demo looks further (the rest of the
     * PATH, else a virtual environment it makes in the cache) and still exits as documented.
     */
    @Test
    void theDemoFindsItsPythonPastAPython3WithoutMoto() throws Exception {
        Path real = Stream.of(System.getenv("PATH").split(java.io.File.pathSeparator)).map(dir -> Path.of(dir, "python3"))
                .filter(Files::isExecutable).findFirst().orElseThrow();
        Path noMoto = Files.createDirectory(work.resolve("no-moto"));
        Path wrapper = Files.writeString(noMoto.resolve("python3"), "#!/bin/sh\nexec " + real + " -S \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path cache = Files.createDirectory(work.resolve("cache"));

        ChildJvm.Result demo = ChildJvm.run(work, Map.of("PATH", noMoto + java.io.File.pathSeparator + System.getenv("PATH"),
                "XDG_CACHE_HOME", cache.toString()), List.of(), "demo");

        assertThat(demo.exitCode()).as(demo.output()).isEqualTo(4);
        assertThat(demo.output()).contains("Results: " + work.resolve("reports"));
    }
}
