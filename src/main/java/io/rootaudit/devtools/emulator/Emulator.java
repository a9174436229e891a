package io.rootaudit.devtools.emulator;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bundled loopback AWS emulator (moto 5.2.1 plus rootaudit's extension for AssumeRoot and root-user
 * semantics), started as a Python child process on a free port (the interpreter {@link EmulatorPython} finds or
 * sets up). Used by {@code demo} and by the tests;
 * the audit itself only ever talks to it through the standard AWS APIs. Its control endpoints (seeding,
 * faults, latency, clock) are reached through this class. Its Python package (src/devtools/python) is on the
 * classpath under {@code emulator/}: each start extracts it to a temporary folder, deleted again on close.
 */
public final class Emulator implements AutoCloseable {

    /** The interpreter found for this JVM's first emulator, reused by the next ones. */
    private static Path python;
    /** The emulator package on the classpath: src/devtools/python, packaged under this folder. */
    private static final String RESOURCE_DIR = "emulator";
    private static final String MODULE = "rootaudit_emulator";
    private static final String READY = "ROOTAUDIT_EMULATOR_READY port=";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Process process;
    private final int port;
    private final Path packageDir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Emulator(Process process, int port, Path packageDir) {
        this.process = process;
        this.port = port;
        this.packageDir = packageDir;
    }

    /**
     * Starts the emulator and waits until it listens.
     *
     * @throws EmulatorUnavailableException when no Python can run it, with what was tried and what to run by hand
     */
    public static Emulator start() {
        Path dir;
        try {
            dir = Files.createTempDirectory("rootaudit-emulator");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            extractPackage(dir);
            interpreter(dir.resolve("requirements.txt"));
        } catch (IOException e) {
            deleteExtracted(dir);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            deleteExtracted(dir);
            throw e;
        }
        Process process;
        try {
            process = pythonCommand(dir).redirectError(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            deleteExtracted(dir);
            throw new EmulatorUnavailableException("cannot run " + python + ": " + e.getMessage());
        }
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            CompletableFuture<Integer> ready = CompletableFuture.supplyAsync(() -> {
                try {
                    for (String l = lines.readLine(); l != null; l = lines.readLine()) {
                        if (l.startsWith(READY)) {
                            return Integer.parseInt(l.substring(READY.length()).trim());
                        }
                    }
                    return -1;
                } catch (IOException e) {
                    return -1;
                }
            });
            int port = ready.get(60, TimeUnit.SECONDS);
            if (port <= 0) {
                process.waitFor(5, TimeUnit.SECONDS);
                String err = stderr.getNow("");
                throw new EmulatorUnavailableException("The emulator did not start (exit " + exitValue(process) + "). "
                        + (err.isBlank() ? "" : err.strip() + "\n") + "Its interpreter was " + python + ".");
            }
            drain(lines);
            return new Emulator(process, port, dir);
        } catch (EmulatorUnavailableException e) {
            process.destroyForcibly();
            deleteExtracted(dir);
            throw e;
        } catch (Exception e) {
            process.destroyForcibly();
            deleteExtracted(dir);
            throw new EmulatorUnavailableException("The emulator did not become ready: " + e);
        }
    }

    /**
     * Copies every file of the emulator package from the classpath (a folder in development, the Boot jar for
     * {@code demo}) into {@code dir}, keeping its layout: {@code dir/rootaudit_emulator/...}.
     */
    private static void extractPackage(Path dir) throws IOException {
        String marker = "/" + RESOURCE_DIR + "/";
        for (Resource file : new PathMatchingResourcePatternResolver(Emulator.class.getClassLoader())
                .getResources("classpath*:" + RESOURCE_DIR + "/**")) {
            String url = file.getURL().toString();
            String relative = url.substring(url.lastIndexOf(marker) + marker.length());
            if (relative.isEmpty() || relative.endsWith("/") || !file.isReadable()) {
                continue; // a folder
            }
            Path target = dir.resolve(relative).normalize();
            if (!target.startsWith(dir.normalize())) {
                throw new IllegalStateException("unexpected emulator resource " + url);
            }
            Files.createDirectories(target.getParent());
            try (InputStream in = file.getInputStream()) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (!Files.isRegularFile(dir.resolve(MODULE).resolve("__main__.py"))) {
            throw new IllegalStateException("the emulator package " + MODULE + " is missing from the classpath");
        }
    }

    /** The interpreter that runs the emulator: found (or set up) by {@link EmulatorPython} once per JVM. */
    private static synchronized Path interpreter(Path requirements) {
        if (python == null) {
            python = EmulatorPython.forEmulator(requirements).find();
        }
        return python;
    }

    /**
     * The emulator's command line: {@code python -m rootaudit_emulator}, run from the folder the package was
     * extracted to (and with that folder on PYTHONPATH, which also holds under {@code PYTHONSAFEPATH}).
     */
    private static synchronized ProcessBuilder pythonCommand(Path dir) {
        ProcessBuilder builder = new ProcessBuilder(python.toString(), "-m", MODULE, "--host", "127.0.0.1", "--port", "0",
                "--exit-on-stdin-eof").directory(dir.toFile());
        String inherited = builder.environment().get("PYTHONPATH");
        builder.environment().put("PYTHONPATH",
                inherited == null || inherited.isEmpty() ? dir.toString() : dir + File.pathSeparator + inherited);
        return builder;
    }

    public int port() {
        return port;
    }

    /** The URL to use as {@code AWS_ENDPOINT_URL}. */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** Resets moto and every piece of emulator state. */
    public void reset() {
        post("reset", Map.of());
    }

    /** Builds an organization in one call; see the emulator's {@code control/organization.py} for the spec's fields. */
    public JsonNode createOrganization(Map<String, Object> spec) {
        return post("organization", spec);
    }

    public JsonNode setRootState(String accountId, Map<String, Object> state) {
        return send("PUT", "root-state/" + accountId, state);
    }

    public JsonNode rootState(String accountId) {
        return send("GET", "root-state/" + accountId, null);
    }

    /** Creates a bucket owned by a member account, with a policy (JSON text) or none. */
    public void createBucket(String accountId, String name, String policy) {
        java.util.Map<String, Object> body = new java.util.HashMap<>();
        body.put("name", name);
        body.put("policy", policy);
        post("bucket/" + accountId, body);
    }

    /** The bucket's policy, or null. */
    public String bucketPolicy(String accountId, String name) {
        JsonNode policy = send("GET", "bucket/" + accountId + "/" + name, null).get("policy");
        return policy == null || policy.isNull() ? null : policy.asString();
    }

    /** Creates an SQS queue owned by a member account; returns its URL. */
    public String createQueue(String accountId, String name, String policy) {
        java.util.Map<String, Object> body = new java.util.HashMap<>();
        body.put("name", name);
        body.put("policy", policy);
        return post("queue/" + accountId, body).get("queueUrl").asString();
    }

    /** The queue's Policy attribute, or null. */
    public String queuePolicy(String accountId, String name) {
        JsonNode policy = send("GET", "queue/" + accountId + "/" + name, null).get("policy");
        return policy == null || policy.isNull() ? null : policy.asString();
    }

    /** Long-term credentials of an IAM principal in {@code accountId}: {accessKeyId, secretAccessKey}. */
    public JsonNode credentials(String accountId) {
        return post("credentials/" + accountId, Map.of());
    }

    /** Injects a fault: {action, target?, code, status, message?, count?, rate?}, or {action, entryErrorCode, count?} (faults.py). */
    public JsonNode addFault(Map<String, Object> fault) {
        return post("faults", fault);
    }

    /** The injected faults, each with how often it {@code fired}. */
    public JsonNode faults() {
        return send("GET", "faults", null);
    }

    public void clearFaults() {
        send("DELETE", "faults", null);
    }

    public void latency(int millis) {
        post("latency", Map.of("millis", millis));
    }

    public void advanceClock(long seconds) {
        post("clock", Map.of("advanceSeconds", seconds));
    }

    /** Test support: credentials of every root session the emulator issued (to prove none leaked). */
    public JsonNode issuedSessions() {
        return send("GET", "sessions", null);
    }

    /** Requests served per AWS action since the last reset of the counters. */
    public JsonNode stats() {
        return send("GET", "stats", null);
    }

    public void resetStats() {
        send("DELETE", "stats", null);
    }

    private JsonNode post(String path, Object body) {
        return send("POST", path, body);
    }

    private JsonNode send(String method, String path, Object body) {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint() + "/_rootaudit/" + path))
                .timeout(Duration.ofMinutes(5)).header("Content-Type", "application/json").method(method, publisher).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("emulator " + method + " " + path + " answered " + response.statusCode()
                        + ": " + response.body());
            }
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        deleteExtracted(packageDir);
    }

    /** The package's temporary copy (and Python's caches in it) goes when the emulator stops. */
    private static void deleteExtracted(Path dir) {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary folder the OS cleans up anyway
        }
    }

    private static void drain(BufferedReader lines) {
        Thread t = new Thread(() -> {
            try {
                while (lines.readLine() != null) {
                    // keep the pipe empty so the emulator never blocks on a full stdout
                }
            } catch (IOException ignored) {
                // process ended
            }
        }, "emulator-stdout");
        t.setDaemon(true);
        t.start();
    }

    private static String read(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String exitValue(Process p) {
        try {
            return String.valueOf(p.exitValue());
        } catch (IllegalThreadStateException e) {
            return "still running";
        }
    }

    /** The emulator cannot run on this machine; the message says what to install. */
    public static final class EmulatorUnavailableException extends RuntimeException {
        public EmulatorUnavailableException(String message) {
            super(message);
        }
    }

}
