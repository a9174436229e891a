package io.rootaudit.devtools.benchmark;

import io.rootaudit.aws.AwsConnection;
import io.rootaudit.aws.AwsPartition;
import io.rootaudit.aws.TaskPolicy;
import io.rootaudit.cli.ExitCode;
import io.rootaudit.cli.Launch;
import io.rootaudit.cli.RootAuditCli;
import io.rootaudit.devtools.emulator.Emulator;
import io.rootaudit.devtools.emulator.SyntheticOrganization;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import tools.jackson.databind.JsonNode;

/**
 * {@code benchmark-audit}: the audit's throughput against the bundled emulator. Seeds N synthetic accounts,
 * measures the emulator's own capacity for the audit's calls with a minimal client (no rootaudit code), runs the
 * full job (audit and evidence pack), and prints wall time, accounts/s, AWS requests per account, peak heap, the
 * ratio to the emulator's capacity and, with injected latency, to the latency-bound ideal time. With a throttling
 * rate it then runs the same job again under injected throttling and prints the slowdown.
 */
@Command(name = "benchmark-audit", mixinStandardHelpOptions = true,
        header = "Audit N synthetic accounts in the bundled emulator and print throughput and the emulator's capacity.",
        description = "Audits N synthetic accounts in the bundled emulator and prints throughput, requests per account, "
                + "peak heap and the emulator's own capacity for the same calls; with --throttle-rate, runs it again "
                + "under that much throttling and prints the slowdown.")
public final class BenchmarkAuditCommand implements Callable<Integer> {

    @Option(names = "--accounts", defaultValue = "1000", description = "Synthetic accounts (default ${DEFAULT-VALUE}).")
    int accounts;

    @Option(names = "--latency-ms", defaultValue = "0", description = "Latency added to every AWS request (default ${DEFAULT-VALUE}).")
    int latencyMs;

    @Option(names = "--concurrency", defaultValue = "16", description = "Accounts audited at once (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--throttle-rate", defaultValue = "0", description = "Share of audit requests throttled in a second run.")
    double throttleRate;

    @Option(names = "--owner-tags", description = "Tag every synthetic account with an owner (one in ten without) and "
            + "run with rootaudit.report.owner-tag-keys=owner, so the tags are read alongside the audit.")
    boolean ownerTags;

    @Option(names = "--manual-sample", defaultValue = "10", description = "Accounts audited with the AWS CLI, one "
            + "command at a time as the manual procedure does, to compare (default ${DEFAULT-VALUE}; 0 = skip; "
            + "skipped when no aws command is on the PATH).")
    int manualSample;

    @Unmatched
    List<String> springArgs = new ArrayList<>();

    private final Launch launch;
    private final PrintWriter out;

    public BenchmarkAuditCommand(Launch launch) {
        this.launch = launch;
        this.out = launch.out();
    }

    @Override
    public Integer call() throws Exception {
        return run(accounts, latencyMs, concurrency, throttleRate, springArgs);
    }

    private static final int CAPACITY_SAMPLE = 300;
    private static final int WARM_UP_ACCOUNTS = 50;

    private static final List<String> AUDIT_ACTIONS = List.of("AssumeRoot", "GetUser", "GetLoginProfile", "ListAccessKeys",
            "GetAccessKeyLastUsed", "ListSigningCertificates", "ListMFADevices");

    private int run(int accounts, int latencyMs, int concurrency, double throttleRate, List<String> springArgs) throws Exception {
        try (Emulator emulator = Emulator.start()) {
            long seedStart = System.nanoTime();
            emulator.createOrganization(SyntheticOrganization.spec(accounts, ownerTags));
            long seedMs = (System.nanoTime() - seedStart) / 1_000_000;
            emulator.latency(latencyMs);
            Capacity capacity = capacity(emulator, Math.min(accounts, CAPACITY_SAMPLE), concurrency);
            ManualProcedure.Result manual = new ManualProcedure(emulator.endpoint()).run(Math.min(manualSample, accounts));
            // the default rate limits, as a user runs it: the figures must not come from raised limits
            List<String> args = new ArrayList<>(List.of("--rootaudit.aws.region=us-east-1",
                    "--rootaudit.audit.concurrency=" + concurrency));
            if (ownerTags) {
                args.add("--rootaudit.report.owner-tag-keys=owner");
            }
            args.addAll(springArgs);
            if (throttleRate > 0) {
                warmUp(emulator, args, Math.min(accounts, WARM_UP_ACCOUNTS));
            }
            Job job = job(emulator, args);
            int audited = accounts - accounts / 200;
            print(accounts, audited, latencyMs, concurrency, seedMs, capacity, job);
            printSteps(job);
            manual.print(out, job.seconds() / audited);
            if (throttleRate > 0) {
                for (String action : AUDIT_ACTIONS) {
                    emulator.addFault(Map.of("action", action, "code", "Throttling", "status", 400, "rate", throttleRate));
                }
                Job throttled = job(emulator, args);
                long fired = 0;
                for (JsonNode fault : emulator.faults().get("faults")) {
                    fired += fault.get("fired").asLong();
                }
                emulator.clearFaults();
                printThrottled(audited, throttleRate, job, throttled, fired);
                return throttled.exitCode();
            }
            return job.exitCode();
        }
    }

    /**
     * A small job first, so that the unthrottled baseline the slowdown is measured against does not also pay for
     * the JVM's warm-up (class loading, JIT): without it a small N even showed a "speed-up" under throttling.
     */
    private void warmUp(Emulator emulator, List<String> args, int count) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            ids.add(SyntheticOrganization.accountId(i));
        }
        List<String> warmUp = new ArrayList<>(args);
        warmUp.add("--rootaudit.scope.include-accounts=" + String.join(",", ids));
        Job job = job(emulator, warmUp);
        out.printf(Locale.ROOT, "warm-up job (%d accounts, not counted) %.1f s%n", count, job.seconds());
    }

    /** One full job (audit and evidence pack) in a fresh database and report folder. */
    private Job job(Emulator emulator, List<String> settings) throws Exception {
        emulator.resetStats();
        Path work = Files.createTempDirectory("rootaudit-benchmark-audit");
        List<String> args = new ArrayList<>(List.of("--rootaudit.database-path=" + work.resolve("db/rootaudit"),
                "--rootaudit.report.local-dir=" + work.resolve("reports")));
        args.addAll(settings);
        HeapPeak.resetHighWater();
        Path database = work.resolve("db/rootaudit");
        long start = System.nanoTime();
        Instant invoked = Instant.now();
        List<String> audit = new ArrayList<>(List.of("audit"));
        audit.addAll(args);
        int code = RootAuditCli.run(launch.withAws(AwsConnection.emulator(emulator.endpoint(), "benchmark", "benchmark")),
                List.of(), audit.toArray(String[]::new));
        double seconds = (System.nanoTime() - start) / 1e9;
        Instant returned = Instant.now();
        return new Job(code, seconds, HeapPeak.highWater() >> 20, emulator.stats(), StepTimes.read(database), invoked,
                returned);
    }

    private record Job(int exitCode, double seconds, long heapMb, JsonNode stats, StepTimes times, Instant invoked,
                       Instant returned) {
        Map<String, Double> steps() {
            return times.seconds();
        }

        long auditCalls() {
            long calls = 0;
            for (String a : AUDIT_ACTIONS) {
                calls += stats.get("requests").path(a).asLong();
            }
            return calls;
        }
    }

    private void print(int accounts, int audited, int latencyMs, int concurrency, long seedMs, Capacity capacity, Job job) {
        long total = job.stats().get("total").asLong();
        double rate = audited / job.seconds();
        // credential-less accounts need 2 dependent round trips (AssumeRoot, then the parallel reads); with keys 3
        double roundTrips = 2.0 + accounts / 20.0 / accounts;
        double ideal = latencyMs == 0 ? 0 : audited * roundTrips * latencyMs / 1000.0 / concurrency;
        out.printf(Locale.ROOT, "%n=== benchmark-audit: %d accounts (%d audited), latency %d ms, concurrency %d ===%n",
                accounts, audited, latencyMs, concurrency);
        out.printf(Locale.ROOT, "seeding the emulator            %8d ms%n", seedMs);
        out.printf(Locale.ROOT, "full job (audit + evidence)     %8.1f s   exit %d%n", job.seconds(), job.exitCode());
        out.printf(Locale.ROOT, "accounts/s (whole job)          %8.1f%n", rate);
        out.printf(Locale.ROOT, "AWS requests per account        %8.2f   (audit calls %.2f, incl. Organizations %.2f)%n",
                job.auditCalls() / (double) audited, job.auditCalls() / (double) audited, total / (double) accounts);
        out.printf(Locale.ROOT, "peak heap                       %8d MB  (max %d MB)%n", job.heapMb(),
                Runtime.getRuntime().maxMemory() >> 20);
        out.printf(Locale.ROOT, "emulator capacity (minimal client, same calls, %d threads): %.1f accounts/s, %.0f requests/s%n",
                concurrency, capacity.accountsPerSecond(), capacity.requestsPerSecond());
        out.printf(Locale.ROOT, "job / emulator capacity         %8.0f %%%n", 100 * rate / capacity.accountsPerSecond());
        if (latencyMs > 0) {
            out.printf(Locale.ROOT, "latency-bound ideal (N x %.2f round trips x %d ms / %d) %.1f s; job / ideal %.2fx%n",
                    roundTrips, latencyMs, concurrency, ideal, job.seconds() / ideal);
            if (capacity.accountsPerSecond() < audited / ideal) {
                out.println("note: the emulator's capacity is below the latency-bound ideal rate, so it, not the tool, bounds this run");
            }
        }
    }

    /**
     * Where the time went, from the job repository: the audit runs beside the listing (snapshot) and the tag reads that
     * follow it, so the run should take the longer of the two plus remediation and the pack.
     */
    private void printSteps(Job job) {
        Map<String, Double> steps = job.steps();
        double snapshot = steps.getOrDefault("snapshot", 0.0);
        double audit = steps.getOrDefault("audit", 0.0);
        double tags = steps.getOrDefault("tags", 0.0);
        out.printf(Locale.ROOT, "steps: audit %.1f s, beside it snapshot (listing) %.1f s then tags %.1f s; "
                        + "remediation %.1f s, evidence pack %.1f s%n", audit, snapshot, tags,
                steps.getOrDefault("remediation", 0.0), steps.getOrDefault("results", 0.0));
        out.printf(Locale.ROOT, "full job - audit step            %8.1f s   (preflight, pack, start of the run)%n",
                job.seconds() - audit);
        out.printf(Locale.ROOT, "full job - max(audit, snapshot + tags) %.1f s%n",
                job.seconds() - Math.max(audit, snapshot + tags));
        StepTimes times = job.times();
        if (times.auditStart() != null) {
            out.printf(Locale.ROOT, "before the audit step            %8.1f s   (Spring context, store, preflight, first page of the listing)%n",
                    Duration.between(job.invoked(), times.auditStart()).toMillis() / 1000.0);
            out.printf(Locale.ROOT, "after the audit step             %8.1f s   (rest of the tag reads, remediation, evidence pack, closing)%n",
                    Duration.between(times.auditEnd(), job.returned()).toMillis() / 1000.0);
        }
    }

    private void printThrottled(int audited, double throttleRate, Job base, Job throttled, long fired) {
        out.printf(Locale.ROOT, "%n--- the same job with %.0f %% of AssumeRoot and IAM requests throttled ---%n", throttleRate * 100);
        out.printf(Locale.ROOT, "full job (audit + evidence)     %8.1f s   exit %d%s%n", throttled.seconds(), throttled.exitCode(),
                throttled.exitCode() == ExitCode.NOT_AUDITED.code() ? " (some accounts ended in ERROR)" : " (no account in ERROR)");
        out.printf(Locale.ROOT, "accounts/s (whole job)          %8.1f%n", audited / throttled.seconds());
        out.printf(Locale.ROOT, "throttled responses             %8d   of %d audit requests%n", fired, throttled.auditCalls());
        out.printf(Locale.ROOT, "slowdown                        %8.2fx  (%.1f s vs %.1f s unthrottled)%n",
                throttled.seconds() / base.seconds(), throttled.seconds(), base.seconds());
    }

    private record Capacity(double accountsPerSecond, double requestsPerSecond) {}

    /** AssumeRoot plus the five IAM reads per account, straight from the SDK on {@code threads} threads. */
    private Capacity capacity(Emulator emulator, int sample, int threads) throws Exception {
        SdkHttpClient http = ApacheHttpClient.builder().maxConnections(threads * 2).build();
        URI endpoint = URI.create(emulator.endpoint());
        try (StsClient sts = StsClient.builder().httpClient(http).endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("capacity", "capacity"))).build();
             IamClient iam = IamClient.builder().httpClient(http).endpointOverride(endpoint).region(Region.AWS_GLOBAL)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x"))).build()) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> futures = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 1; i <= sample; i++) {
                if (i % 200 == 0) {
                    continue; // suspended
                }
                String id = SyntheticOrganization.accountId(i);
                futures.add(pool.submit(() -> {
                    Credentials c = sts.assumeRoot(r -> r.targetPrincipal(id)
                            .taskPolicyArn(p -> p.arn(TaskPolicy.AUDIT_ROOT_USER_CREDENTIALS.arn(AwsPartition.AWS)))).credentials();
                    var as = StaticCredentialsProvider.create(AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()));
                    iam.getUser(r -> r.overrideConfiguration(o -> o.credentialsProvider(as)));
                    try {
                        iam.getLoginProfile(r -> r.overrideConfiguration(o -> o.credentialsProvider(as)));
                    } catch (software.amazon.awssdk.services.iam.model.NoSuchEntityException expected) {
                        // the credential-less answer
                    }
                    iam.listAccessKeys(r -> r.overrideConfiguration(o -> o.credentialsProvider(as)));
                    iam.listSigningCertificates(r -> r.overrideConfiguration(o -> o.credentialsProvider(as)));
                    iam.listMFADevices(r -> r.overrideConfiguration(o -> o.credentialsProvider(as)));
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdownNow();
            return new Capacity(futures.size() / seconds, futures.size() * 6 / seconds);
        } finally {
            http.close();
        }
    }

}
