package io.rootaudit.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rootaudit.compliance.ControlMappings.ControlMapping;
import io.rootaudit.compliance.rules.BuiltInRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The framework mapping files in {@code src/main/resources/frameworks/}: what they say (the control numbers are
 * pinned here, as checked against the sources each file cites), that they agree with each other, and that the
 * loader refuses a broken file naming the file and the field.
 */
class ControlMappingsTest {

    private static final Set<String> RULE_IDS = BuiltInRules.catalog().ruleIds();
    private static final ControlMappings ALL = BuiltInRules.controls();

    private static final String NO_ACCESS_KEY = "Ensure no 'root' user account access key exists";
    private static final String MFA = "Ensure MFA is enabled for the 'root' user account";
    private static final String HARDWARE_MFA = "Ensure hardware MFA is enabled for the 'root' user account";
    private static final String ELIMINATE_USE = "Eliminate use of the 'root' user for administrative and daily tasks";
    private static final String CENTRALIZED = "Ensure centralized root access in AWS Organizations";

    /** The root controls of each CIS version, as Prowler's cis_{3.0,5.0,6.0,7.0}_aws.json number and word them. */
    private static final Map<String, Map<String, String>> CIS = Map.of(
            "cis-aws-v3.0.0", ordered("1.4", NO_ACCESS_KEY, "1.5", MFA, "1.6", HARDWARE_MFA, "1.7", ELIMINATE_USE),
            "cis-aws-v5.0.0", ordered("1.3", NO_ACCESS_KEY, "1.4", MFA, "1.5", HARDWARE_MFA, "1.6", ELIMINATE_USE),
            "cis-aws-v6.0.0", ordered("2.3", NO_ACCESS_KEY, "2.4", MFA, "2.5", HARDWARE_MFA, "2.6", ELIMINATE_USE),
            "cis-aws-v7.0.0", ordered("2.1.1", CENTRALIZED, "2.4", NO_ACCESS_KEY, "2.5", MFA, "2.6", HARDWARE_MFA,
                    "2.7", ELIMINATE_USE));

    /** NIST SP 800-53 r5 and PCI DSS requirements that AWS's Security Hub CSPM reference relates to each control. */
    private static final Map<String, List<String>> RELATED = Map.of(
            "IAM.4", List.of("NIST 800-53 r5 AC-2(1)", "NIST 800-53 r5 AC-3(15)", "NIST 800-53 r5 AC-3(7)",
                    "NIST 800-53 r5 AC-6", "NIST 800-53 r5 AC-6(10)", "NIST 800-53 r5 AC-6(2)",
                    "PCI DSS v3.2.1 2.1", "PCI DSS v3.2.1 2.2", "PCI DSS v3.2.1 7.2.1"),
            "IAM.6", List.of("NIST 800-53 r5 AC-2(1)", "NIST 800-53 r5 AC-3(15)", "NIST 800-53 r5 IA-2(1)",
                    "NIST 800-53 r5 IA-2(2)", "NIST 800-53 r5 IA-2(6)", "NIST 800-53 r5 IA-2(8)",
                    "PCI DSS v3.2.1 8.3.1", "PCI DSS v4.0.1 8.4.2"),
            "IAM.9", List.of("NIST 800-53 r5 AC-2(1)", "NIST 800-53 r5 AC-3(15)", "NIST 800-53 r5 IA-2(1)",
                    "NIST 800-53 r5 IA-2(2)", "NIST 800-53 r5 IA-2(6)", "NIST 800-53 r5 IA-2(8)",
                    "PCI DSS v3.2.1 8.3.1", "PCI DSS v4.0.1 8.4.2"));

    @TempDir
    Path folder;

    @Test
    void readsEveryFrameworkOrderedById() {
        assertThat(ALL.frameworks()).extracting(Framework::id).containsExactly("aws-security-hub-cspm",
                "cis-aws-v3.0.0", "cis-aws-v5.0.0", "cis-aws-v6.0.0", "cis-aws-v7.0.0", "nist-sp-800-53-r5",
                "pci-dss-v3.2.1", "pci-dss-v4.0.1");
        assertThat(ALL.frameworks()).allSatisfy(f -> assertThat(f.sources()).isNotEmpty()
                .allSatisfy(s -> assertThat(s.used()).isNotBlank()));
        assertThat(ALL.frameworks()).extracting(Framework::title).contains("CIS AWS Foundations Benchmark v7.0.0",
                "AWS Security Hub CSPM", "NIST SP 800-53 Revision 5", "PCI DSS v4.0.1");
    }

    @Test
    void everyMappedRuleIdIsARule() {
        assertThat(ALL.mappings()).isNotEmpty().allSatisfy(m -> assertThat(RULE_IDS).containsAll(m.ruleIds()));
    }

    @Test
    void theCisNumbersAreThoseOfTheSources() {
        CIS.forEach((framework, controls) -> assertThat(titles(framework)).as(framework)
                .containsExactlyEntriesOf(controls));
    }

    /** The same recommendation, under each version's number, gives evidence from the same rules. */
    @Test
    void everyRootControlOfOneCisVersionHasItsCounterpartInTheOthers() {
        Map<String, Map<String, List<String>>> rulesByTitle = new LinkedHashMap<>();
        for (String framework : CIS.keySet()) {
            rulesByTitle.put(framework, mappings(framework).stream()
                    .collect(Collectors.toMap(m -> m.control().title(), ControlMapping::ruleIds)));
        }
        Map<String, List<String>> v7 = rulesByTitle.get("cis-aws-v7.0.0");
        rulesByTitle.forEach((framework, byTitle) -> {
            Map<String, List<String>> expected = new LinkedHashMap<>(v7);
            if (!framework.equals("cis-aws-v7.0.0")) {
                expected.remove(CENTRALIZED); // new in v7.0.0
            }
            assertThat(byTitle).as(framework).containsExactlyInAnyOrderEntriesOf(expected);
        });
        assertThat(v7.get(NO_ACCESS_KEY)).containsExactly("root-access-key-active", "root-access-key-inactive");
        assertThat(v7.get(CENTRALIZED)).containsExactly("org-root-credentials-management-disabled",
                "org-root-sessions-disabled", "root-password-present");
    }

    @Test
    void securityHubControlsAreThoseOfTheControlReference() {
        assertThat(titles("aws-security-hub-cspm")).containsExactlyEntriesOf(ordered(
                "IAM.4", "IAM root user access key should not exist",
                "IAM.6", "Hardware MFA should be enabled for the root user",
                "IAM.9", "MFA should be enabled for the root user"));
        assertThat(rules("Security Hub IAM.4")).containsExactly("root-access-key-active", "root-access-key-inactive");
        assertThat(rules("Security Hub IAM.6")).containsExactly("root-password-without-mfa", "root-mfa-virtual-only");
        assertThat(rules("Security Hub IAM.9")).containsExactly("root-password-without-mfa");
    }

    /**
     * NIST and PCI DSS map exactly the requirements AWS relates to IAM.4, IAM.6 and IAM.9, each with the rules of the
     * Security Hub controls it is related to.
     */
    @Test
    void nistAndPciRequirementsAreThoseAwsRelatesToTheSecurityHubControls() {
        Map<String, Set<String>> expected = new LinkedHashMap<>();
        RELATED.forEach((securityHub, requirements) -> requirements.forEach(r ->
                expected.computeIfAbsent(r, k -> new TreeSet<>()).addAll(rules("Security Hub " + securityHub))));
        Map<String, Set<String>> mapped = new LinkedHashMap<>();
        for (String framework : List.of("nist-sp-800-53-r5", "pci-dss-v3.2.1", "pci-dss-v4.0.1")) {
            mappings(framework).forEach(m -> mapped.put(m.control().label(), new TreeSet<>(m.ruleIds())));
        }
        assertThat(mapped).containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(titles("pci-dss-v4.0.1")).containsExactlyEntriesOf(ordered(
                "8.4.2", "MFA is implemented for all access into the CDE"));
        assertThat(titles("nist-sp-800-53-r5")).containsEntry("AC-6", "Least Privilege")
                .containsEntry("IA-2(1)", "Identification and Authentication (Organizational Users) | Multi-factor "
                        + "Authentication to Privileged Accounts");
    }

    @Test
    void selectsTheNamedFrameworksInTheirOrder() {
        ControlMappings selected = ALL.select(List.of("cis-aws-v7.0.0", "aws-security-hub-cspm"));
        assertThat(selected.frameworks()).extracting(Framework::id).containsExactly("cis-aws-v7.0.0",
                "aws-security-hub-cspm");
        assertThat(selected.controlsOf("root-access-key-active")).extracting(Control::label)
                .containsExactly("CIS v7.0 2.4", "Security Hub IAM.4");
        assertThat(ALL.select(List.of())).isSameAs(ALL);
    }

    @Test
    void anUnknownFrameworkIsRefusedNamingTheKnownOnes() {
        assertThatThrownBy(() -> ALL.select(List.of("cis-aws-v7.0.0", "cis-aws-v9.0.0")))
                .isInstanceOf(InvalidFrameworksException.class)
                .hasMessage("rootaudit.compliance.frameworks: unknown framework [cis-aws-v9.0.0]; the frameworks are "
                        + "aws-security-hub-cspm, cis-aws-v3.0.0, cis-aws-v5.0.0, cis-aws-v6.0.0, cis-aws-v7.0.0, "
                        + "nist-sp-800-53-r5, pci-dss-v3.2.1, pci-dss-v4.0.1");
    }

    @Test
    void anUnknownRuleIdIsRefusedNamingTheFileAndTheField() throws IOException {
        write("x-v1", controls("""
                {"id": "1", "title": "One", "rules": ["root-access-key-active", "root-acess-key-inactive"]}"""));

        assertThatThrownBy(() -> load()).isInstanceOf(InvalidFrameworksException.class)
                .hasMessageStartingWith(folder + "/x-v1.json: controls[0].rules[1]: unknown rule id "
                        + "\"root-acess-key-inactive\"; the rules are org-root-credentials-management-disabled, ");
    }

    @Test
    void listsEveryProblemOfEveryFile() throws IOException {
        write("a", """
                {"id": "b", "name": "A", "label": "A", "sources": [{"title": "T", "url": "ftp://x", "used": "U"}],
                 "controls": [{"id": "1", "title": "One", "rule": ["root-password-present"]},
                              {"id": "1", "title": " ", "rules": []}]}""");
        write("c", "{\"id\": \"c\", \"id\": \"c\"}");
        write("d", "[]");
        write("e", "{not json");

        assertThatThrownBy(() -> load()).isInstanceOf(InvalidFrameworksException.class)
                .extracting(e -> ((InvalidFrameworksException) e).problems())
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.list(String.class))
                .containsExactly(
                        folder + "/a.json: id: \"b\" must be the file's name without .json, \"a\"",
                        folder + "/a.json: sources[0].url: \"ftp://x\" must be an http(s) address",
                        folder + "/a.json: controls[0].\"rule\": unknown field; the fields are id, note, rules, title",
                        folder + "/a.json: controls[0].rules: missing",
                        folder + "/a.json: controls[1].id: \"1\" is listed twice",
                        folder + "/a.json: controls[1].title: must be a non-empty string",
                        folder + "/a.json: controls[1].rules: must be a non-empty array",
                        folder + "/c.json: not valid JSON: Duplicate Object property \"id\"",
                        folder + "/d.json: must be a JSON object with id, name, label, sources and controls",
                        folder + "/e.json: not valid JSON: " + jsonError("{not json"));
    }

    @Test
    void noFileIsAProblemToo() {
        assertThatThrownBy(() -> load()).isInstanceOf(InvalidFrameworksException.class)
                .hasMessage("no framework mapping file at file:" + folder + "/*.json");
    }

    @Test
    void aSoundFileIsRead() throws IOException {
        write("x-v1", controls("""
                {"id": "1.1", "title": "One", "note": "n", "rules": ["root-password-present"]}"""));

        ControlMappings read = load();
        assertThat(read.frameworks()).containsExactly(new Framework("x-v1", "X", "v1", "X 1",
                List.of(new Framework.Source("T", "https://example.com/x", "U")), null));
        assertThat(read.controlsOf("root-password-present")).extracting(Control::label, Control::title)
                .containsExactly(org.assertj.core.api.Assertions.tuple("X 1 1.1", "One"));
    }

    private ControlMappings load() {
        return ControlMappings.load("file:" + folder + "/*.json", RULE_IDS);
    }

    private void write(String id, String json) throws IOException {
        Files.writeString(folder.resolve(id + ".json"), json);
    }

    private static String controls(String controls) {
        return """
                {"id": "x-v1", "name": "X", "version": "v1", "label": "X 1",
                 "sources": [{"title": "T", "url": "https://example.com/x", "used": "U"}],
                 "controls": [%s]}""".formatted(controls);
    }

    private static String jsonError(String text) {
        List<String> problems = new ArrayList<>();
        new FrameworkFileReader("f", RULE_IDS, problems).read(new java.io.ByteArrayInputStream(text.getBytes()));
        return problems.get(0).substring("f: not valid JSON: ".length());
    }

    private static List<ControlMapping> mappings(String framework) {
        return ALL.mappings().stream().filter(m -> m.control().framework().id().equals(framework)).toList();
    }

    private static Map<String, String> titles(String framework) {
        Map<String, String> titles = new LinkedHashMap<>();
        mappings(framework).forEach(m -> titles.put(m.control().id(), m.control().title()));
        return titles;
    }

    private static List<String> rules(String label) {
        return ALL.mappings().stream().filter(m -> m.control().label().equals(label)).findFirst().orElseThrow()
                .ruleIds();
    }

    private static Map<String, String> ordered(String... idsAndTitles) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < idsAndTitles.length; i += 2) {
            map.put(idsAndTitles[i], idsAndTitles[i + 1]);
        }
        return map;
    }
}
