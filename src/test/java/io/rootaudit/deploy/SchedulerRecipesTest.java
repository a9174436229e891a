package io.rootaudit.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rootaudit.config.EnvironmentVariables;
import io.rootaudit.config.PropertyNames;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The scheduler recipes of {@code config/} (docs/scheduling.md) are files users copy as they are, so each is parsed
 * here the way its scheduler would: the crontab line's five fields, the systemd units by {@code systemd-analyze}
 * where this machine has it, the Kubernetes manifest as YAML. All three start at 06:00 UTC on the 1st to the 3rd,
 * and every rootaudit property they set must be one rootaudit knows, or the run would stop with exit 2.
 */
class SchedulerRecipesTest {

    /** Maven runs the tests in the project's directory. */
    static final Path ROOT = Path.of("").toAbsolutePath();
    static final Path CRONTAB = ROOT.resolve("config/cron/rootaudit");
    static final Path WRAPPER = ROOT.resolve("config/cron/rootaudit-monthly.sh");
    static final Path SERVICE = ROOT.resolve("config/systemd/rootaudit.service");
    static final Path TIMER = ROOT.resolve("config/systemd/rootaudit.timer");
    static final Path CRONJOB = ROOT.resolve("config/kubernetes/cronjob.yaml");

    private static final Pattern PROPERTY_ARGUMENT = Pattern.compile("--(rootaudit\\.[a-z0-9.-]+)=(\\S+)");

    // ---- cron ----

    @Test
    void theCrontabHasOneLineWithFiveScheduleFieldsTheUserAndTheWrapper() throws IOException {
        String text = Files.readString(CRONTAB);
        assertThat(text).as("cron ignores a last line without a newline").endsWith("\n");
        assertThat(CRONTAB.getFileName().toString()).as("cron.d skips file names with a dot").doesNotContain(".");

        List<String> entries = text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertThat(entries).hasSize(1);
        String[] fields = entries.get(0).split("\\s+", 7);
        assertThat(fields).hasSize(7);
        Schedule schedule = Schedule.parse(String.join(" ", Arrays.copyOf(fields, 5)));
        assertThat(schedule).isEqualTo(new Schedule(Set.of(0), Set.of(6), Set.of(1, 2, 3), range(1, 12), range(0, 7)));
        assertThat(fields[5]).as("the user field of a cron.d line").isEqualTo("rootaudit");
        assertThat(fields[6]).as("the command: the wrapper of config/cron, installed under /opt/rootaudit/bin")
                .isEqualTo("/opt/rootaudit/bin/" + WRAPPER.getFileName());
    }

    @Test
    void cronFieldsThatCronWouldRefuseAreRefused() {
        assertThat(Schedule.parse("*/15 0-23/6 1,15 jan-mar,dec mon-fri"))
                .isEqualTo(new Schedule(Set.of(0, 15, 30, 45), Set.of(0, 6, 12, 18), Set.of(1, 15), Set.of(1, 2, 3, 12),
                        Set.of(1, 2, 3, 4, 5)));
        for (String wrong : List.of("0 6 1-3 *", "60 6 1-3 * *", "0 24 1-3 * *", "0 6 0 * *", "0 6 3-1 * *",
                "0 6 1-3 13 *", "0 6 1-3 * 8", "0 6 1-3 * mon-", "0 6 */0 * *", "0 6 1,,3 * *", "0 six 1 * *")) {
            assertThatThrownBy(() -> Schedule.parse(wrong)).as(wrong).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void theWrapperIsBashThatPassesKnownPropertiesAndReturnsRootauditsExitCode(@TempDir Path dir)
            throws IOException, InterruptedException {
        String script = Files.readString(WRAPPER);
        assertThat(Files.isExecutable(WRAPPER)).as(WRAPPER + " is executable").isTrue();
        assertThatPropertiesAreKnown(script);
        for (int code : List.of(0, 2, 3, 4, 5, 6, 8, 9)) {
            assertThat(script).as("a reaction to exit code " + code).containsPattern("(?m)^\\s*" + code + "\\) logger ");
        }
        assertThat(script).as("the catch-all reaction and the exit code handed back to cron")
                .containsPattern("(?m)^\\s*\\*\\) logger ").endsWith("exit \"$rc\"\n");

        Optional<Path> bash = executable("bash");
        assumeTrue(bash.isPresent(), "no bash on the PATH: the wrapper's syntax is not checked");
        Result checked = run(dir, bash.get().toString(), "-n", WRAPPER.toString());
        assertThat(checked.output()).as("bash -n " + WRAPPER).isEmpty();
        assertThat(checked.exitCode()).isZero();
    }

    @Test
    void docsSchedulingShowsTheWrapperAndTheCrontabAsTheyAreInConfig() throws IOException {
        List<String> blocks = new ArrayList<>();
        Matcher fenced = Pattern.compile("(?ms)^```(?:sh|cron)\\n(.*?)^```$").matcher(
                Files.readString(ROOT.resolve("docs/scheduling.md")));
        while (fenced.find()) {
            blocks.add(fenced.group(1));
        }
        assertThat(blocks).as("code blocks of docs/scheduling.md")
                .contains(Files.readString(WRAPPER), Files.readString(CRONTAB));
    }

    // ---- systemd ----

    @Test
    void theServiceIsAHardenedOneshotForWhichOnlyFindingsAreASuccessBesides0() throws IOException {
        Map<String, List<String>> service = unit(SERVICE);
        assertThat(service).containsEntry("Service.Type", List.of("oneshot"))
                .containsEntry("Service.User", List.of("rootaudit"))
                .containsEntry("Service.SuccessExitStatus", List.of("3"))
                .containsEntry("Service.ProtectSystem", List.of("strict"))
                .containsEntry("Service.NoNewPrivileges", List.of("yes"))
                .containsEntry("Service.PrivateTmp", List.of("yes"))
                .containsEntry("Service.ProtectHome", List.of("yes"))
                .containsEntry("Service.CapabilityBoundingSet", List.of(""))
                .containsKey("Service.SystemCallFilter")
                .doesNotContainKey("Service.MemoryDenyWriteExecute");

        String execStart = service.get("Service.ExecStart").get(0);
        assertThat(execStart).matches("/\\S+/bin/java -jar /\\S+/rootaudit\\.jar audit .*");
        Map<String, String> properties = assertThatPropertiesAreKnown(execStart);
        List<String> writable = service.get("Service.ReadWritePaths");
        for (String path : List.of(properties.get("rootaudit.database-path"), properties.get("rootaudit.report.local-dir"))) {
            assertThat(writable).as(path + " is writable under ProtectSystem=strict")
                    .anySatisfy(w -> assertThat(path).startsWith(w + "/"));
        }

        Map<String, List<String>> timer = unit(TIMER);
        assertThat(timer).containsEntry("Timer.Persistent", List.of("true"))
                .containsEntry("Install.WantedBy", List.of("timers.target"))
                .doesNotContainKey("Timer.Unit"); // so it starts the service of its own name
        assertThat(TIMER.getFileName().toString().replace(".timer", ""))
                .isEqualTo(SERVICE.getFileName().toString().replace(".service", ""));
    }

    @Test
    void systemdAnalyzeVerifiesTheUnitsWithoutAWord(@TempDir Path dir) throws IOException, InterruptedException {
        Path analyze = systemdAnalyze();
        List<Path> units = unitsWithAnExistingJava(dir);
        List<String> command = new ArrayList<>(List.of(analyze.toString(), "verify"));
        units.forEach(u -> command.add(u.toString()));
        Result verified = run(dir, command.toArray(String[]::new));
        // verify exits 0 on an unknown key or a value it cannot parse, but it says so: only silence is a pass.
        assertThat(verified.output()).as("systemd-analyze verify " + units).isEmpty();
        assertThat(verified.exitCode()).isZero();

        Result security = run(dir, analyze.toString(), "security", "--offline=true", units.get(0).toString());
        Matcher level = Pattern.compile("Overall exposure level for \\S+: (\\d+\\.\\d)").matcher(security.output());
        assumeTrue(level.find(), "this systemd-analyze has no offline security check: " + security.output());
        assertThat(Double.parseDouble(level.group(1))).as("exposure level (0 safe to 10 unsafe)\n" + security.output())
                .isLessThanOrEqualTo(2.0);
    }

    @Test
    void systemdAnalyzeVerifySpeaksUpAboutAMistake(@TempDir Path dir) throws IOException, InterruptedException {
        Path analyze = systemdAnalyze();
        List<Path> units = unitsWithAnExistingJava(dir);
        Path service = units.get(0);
        Files.writeString(service, Files.readString(service).replace("ProtectSystem=strict", "ProtectSystm=strict")
                .replace("SuccessExitStatus=3", "SuccessExitStatus=three"));

        Result verified = run(dir, analyze.toString(), "verify", service.toString());
        assertThat(verified.output()).contains("Unknown key", "ProtectSystm", "three");
    }

    @Test
    void theTimerStartsAt0600UtcOnTheFirstThreeDaysOfEveryMonthAsCronDoes(@TempDir Path dir)
            throws IOException, InterruptedException {
        Path analyze = systemdAnalyze();
        String calendar = unit(TIMER).get("Timer.OnCalendar").get(0);
        Result next = run(dir, analyze.toString(), "calendar", "--iterations=7", calendar);
        assertThat(next.exitCode()).as(next.output()).isZero();

        Matcher elapse = Pattern.compile("(?:Next elapse|Iter\\. #\\d+): \\w{3} (\\d{4})-(\\d{2})-(\\d{2}) (\\S+) (\\S+)")
                .matcher(next.output());
        List<String> days = new ArrayList<>();
        while (elapse.find()) {
            assertThat(elapse.group(4) + " " + elapse.group(5)).isEqualTo("06:00:00 UTC");
            days.add(elapse.group(3));
        }
        // Seven starts from any day: the rest of this month's 1st-3rd, then every month's 1st, 2nd and 3rd in turn.
        assertThat(days).hasSize(7).allMatch(d -> Set.of("01", "02", "03").contains(d));
        assertThat(String.join(",", days)).contains("01,02,03");
    }

    // ---- Kubernetes ----

    @Test
    void theKubernetesRecipeIsACronJobThatForbidsOverlapsAndRunsTheJarAsAnIrsaServiceAccount() throws IOException {
        Map<String, Map<String, Object>> byKind = new LinkedHashMap<>();
        try (Reader reader = Files.newBufferedReader(CRONJOB, StandardCharsets.UTF_8)) {
            for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(reader)) {
                Map<String, Object> object = map(document);
                assertThat(byKind.put((String) object.get("kind"), object)).as("one object per kind").isNull();
            }
        }
        assertThat(byKind).containsOnlyKeys("ServiceAccount", "PersistentVolumeClaim", "CronJob");

        Map<String, Object> cronJob = byKind.get("CronJob");
        assertThat(cronJob.get("apiVersion")).isEqualTo("batch/v1");
        Map<String, Object> spec = map(cronJob.get("spec"));
        assertThat(spec.get("concurrencyPolicy")).isEqualTo("Forbid");
        assertThat(spec.get("timeZone")).isEqualTo("Etc/UTC");
        assertThat(spec.get("schedule")).as("the bastion's schedule").isEqualTo(cronSchedule());
        Map<String, Object> jobSpec = map(map(spec.get("jobTemplate")).get("spec"));
        assertThat(jobSpec.get("backoffLimit")).as("no retry: a second audit of a completed month exits 0").isEqualTo(0);
        Map<String, Object> pod = map(map(jobSpec.get("template")).get("spec"));
        assertThat(pod.get("restartPolicy")).isEqualTo("Never");
        assertThat(map(pod.get("securityContext"))).containsEntry("runAsNonRoot", true);

        Map<String, Object> serviceAccount = byKind.get("ServiceAccount");
        assertThat(pod.get("serviceAccountName")).isEqualTo(map(serviceAccount.get("metadata")).get("name"));
        assertThat((String) map(map(serviceAccount.get("metadata")).get("annotations")).get("eks.amazonaws.com/role-arn"))
                .matches("arn:aws:iam::\\d{12}:role/.+");

        List<Object> containers = list(pod.get("containers"));
        assertThat(containers).hasSize(1);
        Map<String, Object> container = map(containers.get(0));
        assertThat(list(container.get("command"))).containsExactly("java", "-jar", "/app/rootaudit.jar");
        assertThat(list(container.get("args"))).first().isEqualTo("audit");

        Map<String, String> env = new LinkedHashMap<>();
        list(container.get("env")).forEach(e -> env.put((String) map(e).get("name"),
                String.valueOf(map(e).getOrDefault("value", "(from " + map(e).get("valueFrom") + ")"))));
        assertThat(env).containsKeys("ROOTAUDIT_DATABASEPATH", "ROOTAUDIT_REPORT_LOCALDIR", "ROOTAUDIT_REPORT_S3_BUCKET",
                "SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD");
        assertThat(EnvironmentVariables.problems(env)).as("ROOTAUDIT_* variables that rootaudit would refuse").isEmpty();
        assertThat(env.keySet().stream().filter(n -> !n.startsWith("ROOTAUDIT_")))
                .as("the other variables: the SDK's region, the JVM's options and Spring's data source")
                .containsExactlyInAnyOrder("AWS_REGION", "JAVA_TOOL_OPTIONS",
                        "SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD");
        for (String name : List.of("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD")) {
            assertThat(env.get(name)).as(name + " comes from an optional Secret: unset, the store is H2 on the volume")
                    .contains("optional=true");
        }

        // The store and the packs are on the claim's volume.
        String claim = (String) map(byKind.get("PersistentVolumeClaim").get("metadata")).get("name");
        String volume = list(pod.get("volumes")).stream().map(SchedulerRecipesTest::map)
                .filter(v -> v.containsKey("persistentVolumeClaim")
                        && claim.equals(map(v.get("persistentVolumeClaim")).get("claimName")))
                .map(v -> (String) v.get("name")).findFirst().orElseThrow();
        String mountPath = list(container.get("volumeMounts")).stream().map(SchedulerRecipesTest::map)
                .filter(m -> volume.equals(m.get("name"))).map(m -> (String) m.get("mountPath")).findFirst().orElseThrow();
        assertThat(env.get("ROOTAUDIT_DATABASEPATH")).startsWith(mountPath + "/");
        assertThat(env.get("ROOTAUDIT_REPORT_LOCALDIR")).startsWith(mountPath + "/");
    }

    // ---- helpers ----

    /** The five schedule fields of a crontab line, as the sets of values they match. */
    record Schedule(Set<Integer> minutes, Set<Integer> hours, Set<Integer> days, Set<Integer> months, Set<Integer> weekdays) {

        private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
                "oct", "nov", "dec");
        private static final List<String> WEEKDAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");

        static Schedule parse(String schedule) {
            String[] f = schedule.strip().split("\\s+");
            if (f.length != 5) {
                throw new IllegalArgumentException("five fields expected: " + schedule);
            }
            return new Schedule(field(f[0], 0, 59, List.of()), field(f[1], 0, 23, List.of()), field(f[2], 1, 31, List.of()),
                    field(f[3], 1, 12, MONTHS), field(f[4], 0, 7, WEEKDAYS));
        }

        /** {@code *}, {@code n}, {@code a-b}, each with an optional {@code /step}, separated by commas (crontab(5)). */
        private static Set<Integer> field(String field, int min, int max, List<String> names) {
            Set<Integer> values = new TreeSet<>();
            for (String item : field.split(",", -1)) {
                Matcher m = Pattern.compile("(\\*|\\w+(?:-\\w+)?)(?:/(\\d+))?").matcher(item);
                if (!m.matches()) {
                    throw new IllegalArgumentException("not a cron field: " + field);
                }
                int step = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
                String[] bounds = m.group(1).split("-");
                int from = bounds[0].equals("*") ? min : value(bounds[0], min, max, names);
                int to = bounds[0].equals("*") ? max : bounds.length == 2 ? value(bounds[1], min, max, names) : from;
                if (step < 1 || from > to) {
                    throw new IllegalArgumentException("empty range in cron field: " + field);
                }
                IntStream.iterate(from, v -> v <= to, v -> v + step).forEach(values::add);
            }
            return values;
        }

        private static int value(String token, int min, int max, List<String> names) {
            int named = names.indexOf(token.toLowerCase(java.util.Locale.ROOT));
            int value;
            if (named >= 0) {
                value = named + min;
            } else if (token.matches("\\d+")) {
                value = Integer.parseInt(token);
            } else {
                throw new IllegalArgumentException("not a value: " + token);
            }
            if (value < min || value > max) {
                throw new IllegalArgumentException(token + " is outside " + min + "-" + max);
            }
            return value;
        }
    }

    private static Set<Integer> range(int from, int to) {
        return IntStream.rangeClosed(from, to).boxed().collect(Collectors.toSet());
    }

    private static String cronSchedule() throws IOException {
        String line = Files.readAllLines(CRONTAB).stream().filter(l -> !l.isBlank() && !l.startsWith("#")).findFirst()
                .orElseThrow();
        return String.join(" ", Arrays.copyOf(line.strip().split("\\s+"), 5));
    }

    /** Every {@code --rootaudit.*=value} argument of {@code text} names a property; returns them by name. */
    private static Map<String, String> assertThatPropertiesAreKnown(String text) {
        Map<String, String> properties = new LinkedHashMap<>();
        Matcher m = PROPERTY_ARGUMENT.matcher(text);
        while (m.find()) {
            properties.put(m.group(1), m.group(2));
        }
        assertThat(properties).as("rootaudit properties set").isNotEmpty();
        assertThat(PropertyNames.leaves().keySet()).as("known properties").containsAll(properties.keySet());
        return properties;
    }

    /** A unit file's settings as {@code Section.Key}, in order, with continuation lines joined. */
    static Map<String, List<String>> unit(Path file) throws IOException {
        Map<String, List<String>> settings = new LinkedHashMap<>();
        String section = "";
        String joined = Files.readString(file).replaceAll("\\\\\n\\s*", " ");
        for (String line : joined.lines().map(String::strip).toList()) {
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[")) {
                section = line.substring(1, line.length() - 1);
                continue;
            }
            int equals = line.indexOf('=');
            settings.computeIfAbsent(section + "." + line.substring(0, equals).strip(), k -> new ArrayList<>())
                    .add(line.substring(equals + 1).strip());
        }
        return settings;
    }

    /**
     * Copies of the service and timer in which the java of {@code ExecStart} is an executable file of {@code dir}:
     * {@code verify} refuses a unit whose command does not exist, and this machine's JDK is not where a server's is.
     */
    private static List<Path> unitsWithAnExistingJava(Path dir) throws IOException {
        String javaPath = unit(SERVICE).get("Service.ExecStart").get(0).split(" ")[0];
        Path java = Files.writeString(dir.resolve("java"), "#!/bin/sh\n");
        assertThat(java.toFile().setExecutable(true)).isTrue();
        String service = Files.readString(SERVICE);
        assertThat(service.split(Pattern.quote(javaPath), -1)).as("the java of ExecStart appears once").hasSize(2);
        Path serviceCopy = Files.writeString(dir.resolve(SERVICE.getFileName()), service.replace(javaPath, java.toString()));
        Path timerCopy = Files.copy(TIMER, dir.resolve(TIMER.getFileName()));
        return List.of(serviceCopy, timerCopy);
    }

    private static Path systemdAnalyze() {
        Optional<Path> analyze = executable("systemd-analyze");
        assumeTrue(analyze.isPresent(), "no systemd-analyze on the PATH: the systemd units are not verified here");
        return analyze.get();
    }

    private static Optional<Path> executable(String name) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .filter(p -> !p.isEmpty()).map(p -> Path.of(p, name)).filter(Files::isExecutable).findFirst();
    }

    record Result(int exitCode, String output) {}

    private static Result run(Path dir, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put("TZ", "UTC"); // systemd-analyze calendar prints local times first
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", command) + " ends").isTrue();
        return new Result(process.exitValue(), output.strip());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<Object>) value;
    }
}
