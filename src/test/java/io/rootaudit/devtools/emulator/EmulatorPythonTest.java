package io.rootaudit.devtools.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interpreter search with real interpreters, real virtual environments and a real pip. pip reaches no index
 * here, so the virtual-environment path installs a tiny package of the test's own, as a wheel in a local folder
 * that pip is pointed at through its own environment settings, as a user's pip configuration would.
 */
class EmulatorPythonTest {

    private static final String FAKE_PROBE = "import rootaudit_fake_moto";

    @TempDir
    Path tmp;

    private Path wheels;
    private Path noMoto;
    private Path requirements;
    private final List<String> progress = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        wheels = Files.createDirectories(tmp.resolve("wheels"));
        writeWheel(wheels.resolve("rootaudit_fake_moto-1.0-py3-none-any.whl"));
        requirements = Files.writeString(tmp.resolve("requirements.txt"), "rootaudit-fake-moto==1.0\n");
        // a python3 first on the PATH that sees no site-packages, so neither moto nor the fake package
        noMoto = Files.createDirectories(tmp.resolve("no-moto"));
        Path real = Stream.of(System.getenv("PATH").split(java.io.File.pathSeparator)).map(dir -> Path.of(dir, "python3"))
                .filter(Files::isExecutable).findFirst().orElseThrow(() -> new IllegalStateException("no python3 on PATH"));
        Path wrapper = Files.writeString(noMoto.resolve("python3"), "#!/bin/sh\nexec " + real + " -S \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** This JVM's environment without pip settings, the no-moto python3 first on the PATH. */
    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.keySet().removeIf(key -> key.startsWith("PIP_"));
        env.put("PATH", noMoto + java.io.File.pathSeparator + System.getenv("PATH"));
        env.put("PIP_CONFIG_FILE", "/dev/null");
        return env;
    }

    private Map<String, String> localWheels() {
        Map<String, String> env = environment();
        env.put("PIP_NO_INDEX", "1");
        env.put("PIP_FIND_LINKS", wheels.toString());
        return env;
    }

    private EmulatorPython python(Map<String, String> env, String explicit, Path venv, String probe) {
        return new EmulatorPython(env, explicit, venv, requirements, probe, progress::add);
    }

    @Test
    void makesAPrivateVirtualEnvironmentWithPipsOwnSettingsThenReusesItWhileTheRequirementsHold() throws IOException {
        Path venv = tmp.resolve("cache/python");

        Path found = python(localWheels(), null, venv, FAKE_PROBE).find();

        assertThat(found).isEqualTo(venv.resolve("bin/python"));
        assertThat(progress).hasSize(1);
        assertThat(Files.readString(venv.resolve(EmulatorPython.STAMP))).isEqualTo(Files.readString(requirements));
        assertThat(listing(tmp.resolve("cache"))).containsExactly("python");
        assertThat(run(found, FAKE_PROBE)).isZero();

        assertThat(python(localWheels(), null, venv, FAKE_PROBE).find()).isEqualTo(found);
        assertThat(progress).as("reused, not made again").hasSize(1);

        Files.writeString(requirements, "# another pin\nrootaudit-fake-moto==1.0\n");
        assertThat(python(localWheels(), null, venv, FAKE_PROBE).find()).isEqualTo(found);
        assertThat(progress).as("made again for other requirements").hasSize(2);
        assertThat(Files.readString(venv.resolve(EmulatorPython.STAMP))).startsWith("# another pin");
        assertThat(listing(tmp.resolve("cache"))).containsExactly("python");
    }

    @Test
    void anIndexThatCannotBeReachedGivesOneMessageAndLeavesNothingBehind() {
        Map<String, String> env = environment();
        env.put("PIP_INDEX_URL", "http://127.0.0.1:9/simple");
        env.put("PIP_RETRIES", "0");
        env.put("PIP_TIMEOUT", "5");
        Path venv = tmp.resolve("cache/python");

        assertThatThrownBy(() -> python(env, null, venv, FAKE_PROBE).find())
                .isInstanceOf(Emulator.EmulatorUnavailableException.class)
                .hasMessageContaining("Tried:")
                .hasMessageContaining(noMoto.resolve("python3") + " (on the PATH): ")
                .hasMessageContaining("a new virtual environment in " + venv)
                .hasMessageContaining("pip install failed")
                .hasMessageContaining("rootaudit-fake-moto")
                .hasMessageContaining("python3 -m venv " + venv)
                .hasMessageContaining(venv.resolve("bin/python") + " -m pip install 'moto[server]==5.2.1'")
                .hasMessageContaining("export ROOTAUDIT_PYTHON=");
        assertThat(listing(tmp.resolve("cache"))).as("nothing half-installed").isEmpty();
    }

    @Test
    void aPython3WithoutMotoFirstOnThePathStillLeadsToOneThatRunsTheEmulator() {
        // the build's own virtual environment if no python3 on the PATH has moto: then pip installs it for real
        Path found = python(environment(), null, EmulatorPython.defaultVenv(), EmulatorPython.EMULATOR_PROBE).find();

        assertThat(found).isNotEqualTo(noMoto.resolve("python3"));
        assertThat(run(found, EmulatorPython.EMULATOR_PROBE)).isZero();
        assertThat(run(noMoto.resolve("python3"), "import moto")).as("the first python3 lacks moto").isNotZero();
    }

    @Test
    void anInterpreterNamedByTheUserIsTheOnlyOneTried() {
        assertThatThrownBy(() -> python(localWheels(), noMoto.resolve("python3").toString(), tmp.resolve("venv"),
                FAKE_PROBE).find())
                .isInstanceOf(Emulator.EmulatorUnavailableException.class)
                .hasMessageContaining(noMoto.resolve("python3") + " (named by ROOTAUDIT_PYTHON): ")
                .hasMessageContaining("No module named 'rootaudit_fake_moto'")
                .hasMessageNotContaining("on the PATH");
        assertThat(tmp.resolve("venv")).doesNotExist();
        assertThat(progress).isEmpty();
    }

    /** A wheel of one module, rootaudit_fake_moto, as pip installs it. */
    private static void writeWheel(Path wheel) throws IOException {
        String info = "rootaudit_fake_moto-1.0.dist-info/";
        Map<String, String> files = new java.util.LinkedHashMap<>();
        files.put("rootaudit_fake_moto/__init__.py", "VERSION = '1.0'\n");
        files.put(info + "METADATA", "Metadata-Version: 2.1\nName: rootaudit-fake-moto\nVersion: 1.0\n");
        files.put(info + "WHEEL", "Wheel-Version: 1.0\nGenerator: rootaudit-test\nRoot-Is-Purelib: true\nTag: py3-none-any\n");
        StringBuilder record = new StringBuilder();
        files.keySet().forEach(name -> record.append(name).append(",,\n"));
        files.put(info + "RECORD", record.append(info).append("RECORD,,\n").toString());
        try (OutputStream out = Files.newOutputStream(wheel); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
    }

    private static List<String> listing(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int run(Path python, String code) {
        try {
            Process p = new ProcessBuilder(python.toString(), "-c", code).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
