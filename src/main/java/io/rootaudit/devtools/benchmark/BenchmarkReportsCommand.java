package io.rootaudit.devtools.benchmark;

import io.rootaudit.compliance.AssessedFinding;
import io.rootaudit.compliance.Finding;
import io.rootaudit.organization.Account;
import io.rootaudit.organization.OrganizationInfo;
import io.rootaudit.organization.PreflightReport;
import io.rootaudit.report.EvidencePack;
import io.rootaudit.report.EvidenceReport;
import io.rootaudit.store.AccountResult;
import io.rootaudit.store.AccountResultStore;
import io.rootaudit.store.RunRecord;
import io.rootaudit.store.RunStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import io.rootaudit.application.StartupChecks.Needs;
import io.rootaudit.application.StartupChecks.Store;
import io.rootaudit.cli.ExitCode;
import io.rootaudit.cli.Launch;
import io.rootaudit.cli.SpringLauncher;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code benchmark-reports}: stores a synthetic run of N accounts (a realistic mix of root states, errors,
 * exceptions and hostile names), renders its complete evidence pack the way a real run does, and prints the
 * time and peak heap of each step. Run it with the heap the budget allows, e.g. {@code java -Xmx512m}.
 */
@Command(name = "benchmark-reports", mixinStandardHelpOptions = true,
        header = "Render the evidence pack of N synthetic accounts and print time and peak heap per artifact.",
        description = "Stores a synthetic run of N accounts in an in-memory database and renders its complete evidence "
                + "pack into a temporary folder (unless --rootaudit.report.local-dir is given), printing the time and "
                + "peak heap of each step. No AWS calls. Run it with the heap the budget allows: "
                + "java -Xmx512m -jar rootaudit.jar benchmark-reports")
public final class BenchmarkReportsCommand implements Callable<Integer> {

    @Option(names = "--accounts", defaultValue = "10000", description = "Synthetic accounts (default ${DEFAULT-VALUE}).")
    int accounts;

    @Unmatched
    List<String> properties = new ArrayList<>();

    private final Launch launch;
    private RunStore store;
    private AccountResultStore accountStore;
    private JsonMapper json;

    public BenchmarkReportsCommand(Launch launch) {
        this.launch = launch;
    }

    @Override
    public Integer call() throws Exception {
        List<String> args = new ArrayList<>();
        args.add("--spring.datasource.url=jdbc:h2:mem:rootaudit-benchmark;DB_CLOSE_DELAY=-1");
        if (properties.stream().noneMatch(p -> p.startsWith("--rootaudit.report.local-dir="))) {
            // given twice, Spring Boot would join both folders with a comma
            args.add("--rootaudit.report.local-dir=" + Files.createTempDirectory("rootaudit-benchmark"));
        }
        args.addAll(properties);
        return SpringLauncher.run(launch, false, args, new Needs(false, true, Store.CREATE), this::run);
    }

    private ExitCode run(ConfigurableApplicationContext context) {
        store = context.getBean(RunStore.class);
        accountStore = context.getBean(AccountResultStore.class);
        json = context.getBean(JsonMapper.class);
        EvidencePack pack = context.getBean(EvidencePack.class);
        PrintWriter out = launch.out();
        EvidenceReport synthetic = SyntheticEvidence.of(accounts);
        RunRecord run = seed(synthetic);
        long start = System.nanoTime();
        EvidencePack.Written written = pack.write(run, synthetic.run().endedAt(), HeapPeak.METER);
        long total = (System.nanoTime() - start) / 1_000_000;
        out.printf(Locale.ROOT, "Evidence pack of %d synthetic accounts (max heap %d MB, %d cores)%n", accounts,
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
        out.printf(Locale.ROOT, "%-32s %10s %14s %12s%n", "step", "time ms", "peak heap MB", "size KB");
        for (EvidencePack.Step s : written.steps()) {
            out.printf(Locale.ROOT, "%-32s %10d %14d %12s%n", s.name(), s.millis(), s.peakHeapBytes() >> 20,
                    s.bytes() == 0 ? "-" : String.valueOf(s.bytes() >> 10));
        }
        out.printf(Locale.ROOT, "%-32s %10d%n", "total (incl. manifest)", total);
        out.println("Files: " + written.folder().path().toAbsolutePath().normalize());
        return ExitCode.OK;
    }

    private RunRecord seed(EvidenceReport r) {
        EvidenceReport.RunInfo info = r.run();
        PreflightReport preflight = new PreflightReport(info.callerArn(), info.managementAccountId(),
                PreflightReport.CallerRole.MANAGEMENT_ACCOUNT,
                new OrganizationInfo(info.organizationId(), "arn:aws:organizations::" + info.managementAccountId()
                        + ":organization/" + info.organizationId(), info.managementAccountId(), "ALL"),
                java.util.Set.copyOf(r.organization().enabledFeatures()), r.organization().checks());
        String runId = info.runId() + "-" + Long.toHexString(System.nanoTime());
        RunRecord run = new RunRecord(runId, info.organizationId(), info.period(), 1, RunRecord.Status.RUNNING,
                info.startedAt(), null, info.callerArn(), info.managementAccountId(), info.toolVersion(), "{}",
                json.writeValueAsString(preflight), "[]", null, null);
        store.createRun(run);
        List<Account> accounts = new ArrayList<>();
        Map<String, AccountResultStore.Settled> settled = new HashMap<>();
        List<AccountResult> results = new ArrayList<>();
        for (EvidenceReport.AccountRow a : r.accounts()) {
            accounts.add(new Account(a.accountId(), a.name(), a.email(), "ou-synthetic", a.ouPath(), "r-synthetic/ou-synthetic", a.state(),
                    a.joinedAt(), a.tags()));
            if (a.inventory() == null && a.error() == null) {
                settled.put(a.accountId(), new AccountResultStore.Settled(a.status(), a.statusReason()));
                continue;
            }
            results.add(new AccountResult(a.accountId(), a.status(), a.statusReason(), a.highestSeverity(), a.inventory(), a.error(), List.of(),
                    a.findings().stream().map(f -> new AssessedFinding(new Finding(f.ruleId(), f.severity(), f.detail(),
                            f.resource()), f.exceptionReference())).toList(), a.auditedAt() == null ? Instant.now() : a.auditedAt()));
        }
        accountStore.appendToSnapshot(runId, accounts, settled, false);
        accountStore.completeSnapshot(runId, Instant.now());
        for (int i = 0; i < results.size(); i += 1000) {
            accountStore.saveResults(runId, results.subList(i, Math.min(i + 1000, results.size())));
        }
        store.markCompleted(runId, info.endedAt());
        return store.run(runId).orElseThrow();
    }
}
