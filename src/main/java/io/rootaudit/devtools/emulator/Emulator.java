package io.rootaudit.devtools.emulator;

import java.io.BufferedReader;
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
import java.time.Duration;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bundled loopback AWS emulator (moto 5.2.1 plus rootaudit's extension for AssumeRoot and root-user
 * semantics), started as a python3 child process on a free port. Used by {@code demo} and by the tests;
 * the audit itself only ever talks to it through the standard AWS APIs. Its control endpoints (seeding,
 * faults, latency, clock) are reached through this class.
 */
public final class Emulator implements AutoCloseable {

    public static final String INSTALL_HINT = "pip install 'moto[server]==5.2.1'";
    private static final String SCRIPT = "rootaudit_emulator.py";
    private static final String READY = "ROOTAUDIT_EMULATOR_READY port=";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Process process;
    private final int port;
    private final Path scriptDir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Emulator(Process process, int port, Path scriptDir) {
        this.process = process;
        this.port = port;
        this.scriptDir = scriptDir;
    }

    /**
     * Starts the emulator and waits until it listens.
     *
     * @throws EmulatorUnavailableException when python3 or moto is missing, with what to install
     */
    public static Emulator start() {
        Path dir;
        try {
            dir = Files.createTempDirectory("rootaudit-emulator");
            try (InputStream in = Emulator.class.getResourceAsStream("/emulator/" + SCRIPT)) {
                if (in == null) {
                    throw new IllegalStateException("emulator script missing from the classpath");
                }
                Files.copy(in, dir.resolve(SCRIPT));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Process process;
        try {
            process = new ProcessBuilder("python3", dir.resolve(SCRIPT).toString(), "--host", "127.0.0.1",
                    "--port", "0", "--exit-on-stdin-eof").redirectError(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            deleteScript(dir);
            throw new EmulatorUnavailableException("python3 is not installed or not on PATH. The emulator needs "
                    + "python3 with moto 5.2.1: install python3, then " + INSTALL_HINT);
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
                        + (err.isBlank() ? "" : err.strip() + "\n") + "It needs python3 with moto 5.2.1: " + INSTALL_HINT);
            }
            drain(lines);
            return new Emulator(process, port, dir);
        } catch (EmulatorUnavailableException e) {
            process.destroyForcibly();
            deleteScript(dir);
            throw e;
        } catch (Exception e) {
            process.destroyForcibly();
            deleteScript(dir);
            throw new EmulatorUnavailableException("The emulator did not become ready: " + e);
        }
    }

    public int port() {
        return port;
    }

    /** The URL to use as {@code AWS_ENDPOINT_URL}. */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * Aims this JVM's AWS SDK at the emulator the way a user would (endpoint, dummy keys, region), as system
     * properties, which the SDK prefers to environment variables and profiles. Service-specific endpoints are pinned
     * too, so a user's AWS_ENDPOINT_URL_<SERVICE> can never receive the dummy credentials.
     */
    public void pointAwsSdkHere(String accessKeyId) {
        System.setProperty("aws.endpointUrl", endpoint());
        for (String service : java.util.List.of("Sts", "Iam", "Organizations", "S3", "Sqs")) {
            System.setProperty("aws.endpointUrl" + service, endpoint());
        }
        System.setProperty("aws.accessKeyId", accessKeyId);
        System.setProperty("aws.secretAccessKey", accessKeyId);
        System.setProperty("aws.region", "us-east-1");
    }

    /** Resets moto and every piece of emulator state. */
    public void reset() {
        post("reset", Map.of());
    }

    /** Builds an organization in one call; see the emulator's module docs for the spec's fields. */
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

    /** Injects a fault: {action, target?, code, status, message?, count?, rate?}. */
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
        deleteScript(scriptDir);
    }

    /** The script's temporary copy (and Python's cache beside it) goes when the emulator stops. */
    private static void deleteScript(Path dir) {
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
