package io.rootaudit.devtools.benchmark;

import io.rootaudit.aws.AwsPartition;
import io.rootaudit.aws.TaskPolicy;
import io.rootaudit.devtools.emulator.SyntheticOrganization;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The manual procedure rootaudit replaces, timed on the same emulator for comparison: per account, one AWS CLI
 * command after the other, {@code aws sts assume-root} with the IAMAuditRootUserCredentials task policy, then
 * {@code aws iam get-user}, {@code get-login-profile}, {@code list-access-keys}, {@code list-signing-certificates} and
 * {@code list-mfa-devices} with the root session's credentials: the six requests rootaudit makes for a credential-less
 * root. Each command starts a CLI process, which is most of its cost, as it is for a person or a shell loop.
 */
final class ManualProcedure {

    private static final List<List<String>> READS = List.of(List.of("iam", "get-user"), List.of("iam", "get-login-profile"),
            List.of("iam", "list-access-keys"), List.of("iam", "list-signing-certificates"), List.of("iam", "list-mfa-devices"));

    private final String endpoint;

    ManualProcedure(String endpoint) {
        this.endpoint = endpoint;
    }

    /** @param secondsPerAccount {@code null} when the procedure was not run, with {@code why} */
    record Result(int accounts, Double secondsPerAccount, String why) {
        void print(PrintWriter out, double jobSecondsPerAccount) {
            if (secondsPerAccount == null) {
                out.println("manual AWS CLI procedure: not measured (" + why + ")");
                return;
            }
            out.printf(Locale.ROOT, "manual AWS CLI procedure        %8.2f s per account (%d accounts, 6 commands each); "
                    + "rootaudit %.3f s per account: %.0fx faster%n", secondsPerAccount, accounts, jobSecondsPerAccount,
                    secondsPerAccount / jobSecondsPerAccount);
        }
    }

    Result run(int sample) throws IOException, InterruptedException {
        if (sample <= 0) {
            return new Result(0, null, "--manual-sample 0");
        }
        Path aws = onPath("aws");
        if (aws == null) {
            return new Result(0, null, "no aws command on the PATH");
        }
        Path empty = Files.createTempFile("rootaudit-manual", ".ini");
        try {
            Map<String, String> env = new HashMap<>(Map.of("AWS_ENDPOINT_URL", endpoint, "AWS_DEFAULT_REGION", "us-east-1",
                    "AWS_CONFIG_FILE", empty.toString(), "AWS_SHARED_CREDENTIALS_FILE", empty.toString(),
                    "AWS_ACCESS_KEY_ID", "benchmark", "AWS_SECRET_ACCESS_KEY", "benchmark"));
            String policy = "arn=" + TaskPolicy.AUDIT_ROOT_USER_CREDENTIALS.arn(AwsPartition.AWS);
            long start = System.nanoTime();
            for (int i = 1; i <= sample; i++) {
                String id = SyntheticOrganization.accountId(i == 200 ? 201 : i); // 200 is suspended
                Command assume = cli(aws, env, List.of("sts", "assume-root", "--target-principal", id,
                        "--task-policy-arn", policy, "--output", "json"));
                if (assume.exit() != 0) {
                    return new Result(0, null, "aws sts assume-root failed: " + assume.output().strip());
                }
                JsonNode c = JsonMapper.builder().build().readTree(assume.output()).get("Credentials");
                Map<String, String> session = new HashMap<>(env);
                session.put("AWS_ACCESS_KEY_ID", c.get("AccessKeyId").asString());
                session.put("AWS_SECRET_ACCESS_KEY", c.get("SecretAccessKey").asString());
                session.put("AWS_SESSION_TOKEN", c.get("SessionToken").asString());
                for (List<String> read : READS) {
                    Command r = cli(aws, session, read);
                    if (r.exit() != 0 && !r.output().contains("NoSuchEntity")) {
                        return new Result(0, null, "aws " + String.join(" ", read) + " failed: " + r.output().strip());
                    }
                }
            }
            return new Result(sample, (System.nanoTime() - start) / 1e9 / sample, null);
        } finally {
            Files.deleteIfExists(empty);
        }
    }

    private record Command(int exit, String output) {}

    private static Command cli(Path aws, Map<String, String> env, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(aws.toString()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Command(p.waitFor(), output);
    }

    private static Path onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
