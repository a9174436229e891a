package io.rootaudit.devtools.emulator;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Finds, or sets up once, a Python interpreter that can run the emulator, so that {@code demo}, the benchmarks and
 * the tests need nothing beyond a JDK and some python3: on current Debian and Ubuntu the system python3 refuses
 * {@code pip install}, and the first python3 on the PATH is often not the one that has moto. In this order:
 * <ol>
 * <li>the interpreter named by {@code ROOTAUDIT_PYTHON} (or the system property {@code rootaudit.python}), alone;
 * <li>every {@code python3} on the PATH, in PATH order, that has the pinned packages;
 * <li>the private virtual environment made earlier, while its stamp (the requirements it was made from) still
 * equals the requirements;
 * <li>a new private virtual environment: {@code python3 -m venv}, then {@code pip install -r requirements.txt}
 * with the user's own pip configuration (index, proxy, certificates), built in a sibling folder and renamed into
 * place, so that a failed or interrupted install leaves nothing behind.
 * </ol>
 * When none works, one message lists what was tried and gives the command to run by hand.
 */
final class EmulatorPython {

    static final String VARIABLE = "ROOTAUDIT_PYTHON";
    static final String PROPERTY = "rootaudit.python";
    /** Where the private virtual environment goes; the build points it under target/. */
    static final String VENV_PROPERTY = "rootaudit.python.venv";
    static final String MOTO_VERSION = "5.2.1";
    static final String STAMP = "rootaudit-requirements.txt";

    /** What the emulator's interpreter must import: the pinned moto with its server extras. */
    static final String EMULATOR_PROBE = "import moto, flask, werkzeug\n"
            + "assert moto.__version__ == '" + MOTO_VERSION + "', 'moto ' + moto.__version__ + ', not " + MOTO_VERSION + "'";

    private static final String VERSION_PROBE = "import sys\n"
            + "assert sys.version_info >= (3, 9), 'Python ' + sys.version.split()[0] + ', older than 3.9'\n";

    private final Map<String, String> environment;
    private final String explicit;
    private final Path venv;
    private final Path requirements;
    private final String probe;
    private final Consumer<String> progress;

    /**
     * @param environment  the environment of every Python process started here (PATH, pip's settings)
     * @param explicit     the interpreter the user named, or null
     * @param venv         the private virtual environment's folder
     * @param requirements the requirements file that pip installs into a new virtual environment
     * @param probe        Python code that succeeds in an interpreter with the requirements
     * @param progress     told when a virtual environment is being made (it takes a while)
     */
    EmulatorPython(Map<String, String> environment, String explicit, Path venv, Path requirements, String probe,
            Consumer<String> progress) {
        this.environment = Map.copyOf(environment);
        this.explicit = explicit == null || explicit.isBlank() ? null : explicit;
        this.venv = venv.toAbsolutePath().normalize();
        this.requirements = requirements;
        this.probe = probe;
        this.progress = progress;
    }

    /** The emulator's interpreter as this process's environment and system properties choose it. */
    static EmulatorPython forEmulator(Path requirements) {
        String named = System.getProperty(PROPERTY, System.getenv(VARIABLE));
        return new EmulatorPython(System.getenv(), named, defaultVenv(), requirements, EMULATOR_PROBE,
                message -> System.err.println("rootaudit: " + message));
    }

    /** {@code rootaudit.python.venv}, else the per-user cache folder ($XDG_CACHE_HOME or ~/.cache). */
    static Path defaultVenv() {
        String property = System.getProperty(VENV_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String cache = System.getenv("XDG_CACHE_HOME");
        Path base = cache != null && !cache.isBlank() ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("rootaudit").resolve("python-moto-" + MOTO_VERSION);
    }

    /**
     * The interpreter to run the emulator with.
     *
     * @throws Emulator.EmulatorUnavailableException when none works, saying what was tried and what to run by hand
     */
    Path find() {
        List<String> tried = new ArrayList<>();
        if (explicit != null) {
            Path named = Path.of(explicit);
            String problem = problem(named.toString());
            if (problem == null) {
                return named;
            }
            throw unavailable(List.of(explicit + " (named by " + VARIABLE + "): " + problem));
        }
        List<Path> onPath = python3OnPath();
        for (Path candidate : onPath) {
            String problem = problem(candidate.toString());
            if (problem == null) {
                return candidate;
            }
            tried.add(candidate + " (on the PATH): " + problem);
        }
        if (onPath.isEmpty()) {
            tried.add("python3 on the PATH: none found");
        }
        Path python = venvPython(venv);
        String stamp = requirementsText();
        if (Files.isExecutable(python)) {
            String problem = stamp.equals(readStamp(venv)) ? problem(python.toString())
                    : "made from other requirements than " + requirements.getFileName();
            if (problem == null) {
                return python;
            }
            tried.add(venv + " (made earlier): " + problem);
        }
        Path base = onPath.stream().filter(p -> problem(p.toString(), VERSION_PROBE) == null).findFirst().orElse(null);
        if (base == null) {
            tried.add("a new virtual environment in " + venv + ": no python3 3.9 or newer on the PATH to make it with");
            throw unavailable(tried);
        }
        String failure = create(base, stamp);
        if (failure == null) {
            return python;
        }
        tried.add("a new virtual environment in " + venv + " made with " + base + ": " + failure);
        throw unavailable(tried);
    }

    /** Every executable python3 in the PATH's folders, in order, each real file once. */
    private List<Path> python3OnPath() {
        Set<Path> seen = new LinkedHashSet<>();
        List<Path> found = new ArrayList<>();
        String path = environment.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, "python3");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                try {
                    if (seen.add(candidate.toRealPath())) {
                        found.add(candidate);
                    }
                } catch (IOException e) {
                    // vanished meanwhile
                }
            }
        }
        return found;
    }

    /**
     * Makes the virtual environment in a sibling folder and renames it into place, replacing an outdated one.
     *
     * @return null when it is in place and works, else why not
     */
    private String create(Path base, String stamp) {
        Path parent = venv.getParent();
        Path building;
        try {
            Files.createDirectories(parent);
            building = Files.createTempDirectory(parent, venv.getFileName() + ".building-");
        } catch (IOException e) {
            return "cannot write in " + parent + ": " + e.getMessage();
        }
        progress.accept("setting up the emulator's Python in " + venv + " (python3 -m venv, then pip install -r "
                + requirements.getFileName() + "); this happens once");
        try {
            Path log = Files.createTempFile("rootaudit-python-setup", ".log");
            try {
                String failure = run(log, base.toString(), "-m", "venv", building.toString());
                if (failure != null) {
                    return "python3 -m venv failed: " + failure;
                }
                failure = run(log, venvPython(building).toString(), "-m", "pip", "install", "--disable-pip-version-check",
                        "-r", requirements.toAbsolutePath().toString());
                if (failure != null) {
                    return "pip install failed: " + failure;
                }
                String problem = problem(venvPython(building).toString());
                if (problem != null) {
                    return "the packages installed but do not work: " + problem;
                }
                Files.writeString(building.resolve(STAMP), stamp, StandardCharsets.UTF_8);
                if (Files.exists(venv)) {
                    delete(venv);
                }
                try {
                    Files.move(building, venv, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                    // another process (a second test JVM) finished first: use its environment
                } catch (AtomicMoveNotSupportedException e) {
                    return "cannot rename " + building + " to " + venv + ": " + e.getMessage();
                }
                problem = problem(venvPython(venv).toString());
                return problem == null ? null : "the new environment does not work: " + problem;
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            return e.toString();
        } finally {
            delete(building);
        }
    }

    /** Runs a command with this environment, its output into {@code log}; null when it succeeds, else its tail. */
    private String run(Path log, String... command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            if (!process.waitFor(30, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return "still running after 30 minutes";
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return "interrupted";
        }
        if (process.exitValue() == 0) {
            return null;
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return "exit " + process.exitValue() + "\n        "
                + String.join("\n        ", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
    }

    /** Null when {@code python} passes the version check and the probe, else what is wrong with it. */
    private String problem(String python) {
        return problem(python, VERSION_PROBE + probe);
    }

    private String problem(String python, String code) {
        ProcessBuilder builder = new ProcessBuilder(python, "-c", code).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "did not answer within 60 s";
            }
            if (process.exitValue() == 0) {
                return null;
            }
            List<String> lines = new String(output, StandardCharsets.UTF_8).strip().lines().toList();
            return lines.isEmpty() ? "exit " + process.exitValue() : lines.get(lines.size() - 1);
        } catch (IOException e) {
            return "cannot run it: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private Emulator.EmulatorUnavailableException unavailable(List<String> tried) {
        Path python = venvPython(venv);
        return new Emulator.EmulatorUnavailableException("no Python interpreter can run the emulator (it needs Python"
                + " 3.9 or newer with moto " + MOTO_VERSION + " and its server extras). Tried:\n  - "
                + String.join("\n  - ", tried) + "\nSet one up by hand, then run again:\n"
                + "    python3 -m venv " + venv + "\n"
                + "    " + python + " -m pip install 'moto[server]==" + MOTO_VERSION + "'\n"
                + "or name an interpreter that has it: export " + VARIABLE + "=/path/to/python3");
    }

    private String requirementsText() {
        try {
            return Files.readString(requirements, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the emulator's " + requirements, e);
        }
    }

    private static String readStamp(Path venv) {
        try {
            return Files.readString(venv.resolve(STAMP), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    static Path venvPython(Path venv) {
        return venv.resolve("bin").resolve("python");
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
