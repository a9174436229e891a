package io.rootaudit.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootaudit.devtools.benchmark.SyntheticEvidence;
import io.rootaudit.report.pdf.PdfReportWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code verify} trusts nothing it reads. Each case starts from a real pack (synthetic evidence rendered by the
 * real writers) and damages it one way, with real files read by the real verifier (PDFBox for the PDF).
 */
class EvidenceVerifierTest {

    private static final JsonMapper JSON = Manifests.applicationJsonMapper();
    private static final EvidenceReport REPORT = SyntheticEvidence.of(3);
    private static Manifests.Pack rendered;

    private final EvidenceVerifier verifier = Manifests.verifier();

    @TempDir
    Path root;

    private Manifests.Pack pack;

    @BeforeAll
    static void renderPack(@TempDir Path once) throws IOException {
        rendered = Manifests.Pack.create(once, REPORT);
    }

    @BeforeEach
    void copyPack() throws IOException {
        pack = rendered.copyTo(root);
    }

    @Test
    void theIntactPackOfARunVerifies() {
        EvidenceVerifier.Result result = verifier.verify(pack.folder().toString());

        assertThat(result.problems()).isEmpty();
        assertThat(result.ok()).isTrue();
        assertThat(pack.artifacts()).containsOnlyKeys("results.json", "accounts.csv", "evidence.xlsx", "report.pdf",
                "findings.ocsf.json");
    }

    /** The first case: an empty artifact list printed "OK: 0 files". */
    @Test
    void aManifestListingNoArtifactFailsNamingEveryFileItLeavesOut() throws IOException {
        EvidenceVerifier.Result result = verify("{\"runId\":\"2026-11-1-abcdef\",\"organizationId\":\"o-synthetic01\","
                + "\"artifacts\":[]}");

        assertThat(result.ok()).isFalse();
        assertThat(result.problems()).containsExactly(
                "manifest.json: does not list results.json, which every evidence pack holds",
                "manifest.json: does not list accounts.csv, which every evidence pack holds",
                "manifest.json: does not list evidence.xlsx, which every evidence pack holds",
                "manifest.json: does not list report.pdf, which every evidence pack holds",
                "manifest.json: does not list findings.ocsf.json, which every evidence pack of schemaVersion 2 or later holds");
    }

    /** Packs made before findings.ocsf.json existed (manifest schemaVersion 1) still verify without it; newer ones do not. */
    @Test
    void findingsOcsfJsonIsRequiredFromManifestVersionTwoOn() throws IOException {
        Files.delete(pack.folder().resolve("findings.ocsf.json"));
        List<String> artifacts = artifactEntries().stream().filter(a -> !a.contains("findings.ocsf.json")).toList();
        String body = manifestText(pack.written().runId(), pack.written().organizationId(), artifacts).substring(1);

        Files.writeString(pack.manifest(), "{\"schemaVersion\":\"1\"," + body);
        assertThat(verifier.verify(pack.folder().toString()).problems()).isEmpty();

        Files.writeString(pack.manifest(), "{\"schemaVersion\":\"2\"," + body);
        assertThat(verifier.verify(pack.folder().toString()).problems()).containsExactly(
                "manifest.json: does not list findings.ocsf.json, which every evidence pack of schemaVersion 2 or later holds");
    }

    /** The second case: leave report.pdf out of the manifest, then replace it with junk. */
    @Test
    void aManifestThatLeavesOutTheReplacedPdfFails() throws IOException {
        Files.writeString(pack.folder().resolve("report.pdf"), "junk");
        writeManifest(pack.written().runId(), pack.written().organizationId(), "results.json", "accounts.csv", "evidence.xlsx",
                "findings.ocsf.json");

        EvidenceVerifier.Result result = verifier.verify(pack.folder().toString());

        assertThat(result.problems()).containsExactly("manifest.json: does not list report.pdf, which every evidence pack holds");
    }

    @Test
    void aListedFileThatIsMissingFails() throws IOException {
        Files.delete(pack.folder().resolve("evidence.xlsx"));

        EvidenceVerifier.Result result = verifier.verify(pack.folder().toString());

        assertThat(result.problems()).singleElement().asString().startsWith("evidence.xlsx: missing or unreadable (");
    }

    /** A plain name that is a symbolic link could lead out of the pack folder as well as a path could. */
    @Test
    void aListedFileThatIsASymbolicLinkIsNotFollowed() throws IOException {
        Path csv = pack.folder().resolve("accounts.csv");
        Path copy = Files.write(root.resolve("outside").resolve("accounts.csv"), Files.readAllBytes(csv));
        Files.delete(csv);
        Files.createSymbolicLink(csv, copy);

        EvidenceVerifier.Result result = verifier.verify(pack.folder().toString());

        assertThat(result.problems()).singleElement().asString().startsWith("accounts.csv: missing or unreadable (");
    }

    /**
     * Found by ManifestPropertyTest: verify opened whatever path an entry named. With the outside file's right size
     * and digest, '../../outside/secret.txt' even verified as a matching artifact of the pack.
     */
    @Test
    void anEntryThatIsNotAPlainFileNameIsAProblemAndIsNotRead() throws IOException {
        String outside = pack.outside().toAbsolutePath().toString();
        for (String name : new String[] {"../../outside/secret.txt", outside, "sub/../../../outside/secret.txt",
                "..\\..\\outside\\secret.txt", "C:secret.txt", "", ".", "..", "results.json\u0000"}) {
            List<String> artifacts = new ArrayList<>(artifactEntries());
            artifacts.add("{\"file\":" + Manifests.write(name) + ",\"bytes\":" + pack.outsideBytes().length
                    + ",\"sha256\":\"" + pack.outsideSha256() + "\"}");
            EvidenceVerifier.Result result = verify(manifestText(pack.written().runId(), pack.written().organizationId(),
                    artifacts));

            assertThat(result.ok()).as(name).isFalse();
            assertThat(result.problems()).as(name).containsExactly("manifest.json: artifact " + (artifactEntries().size() + 1) + " names '"
                    + name.replace("\u0000", "\\u0000") + "', which is not a file name of the pack folder; it was not read");
        }
    }

    /** A PDF whose cover shows another digest describes another results.json, even with its own hash in the manifest. */
    @Test
    void aPdfCoverShowingAnotherResultsDigestFails() throws IOException {
        String other = "ab".repeat(32);
        renderPdf(REPORT.withResultsJsonSha256(other), pack.folder());
        rehash();

        EvidenceVerifier.Result result = verifier.verify(pack.folder().toString());

        assertThat(result.problems()).containsExactly("report.pdf: its cover gives SHA-256 " + other + " for results.json,"
                + " but the pack's results.json has SHA-256 " + resultsSha256());
    }

    @Test
    void aPdfEmbeddingAnotherResultsJsonFails() throws IOException {
        Path elsewhere = Files.createDirectories(root.resolve("elsewhere"));
        byte[] otherResults = "{\"run\":{}}\n".getBytes(StandardCharsets.UTF_8);
        Files.write(elsewhere.resolve("results.json"), otherResults);
        renderPdf(REPORT.withResultsJsonSha256(resultsSha256()), elsewhere);
        rehash();

        EvidenceVerifier.Result result = verifier.verify(pack.folder().toString());

        assertThat(result.problems()).containsExactly("report.pdf: its embedded results.json (SHA-256 "
                + Digests.sha256(otherResults) + ") differs from the pack's results.json (SHA-256 " + resultsSha256() + ")");
    }

    /** The forgery: a status edited in results.json and the manifest re-hashed; the PDF still tells. */
    @Test
    void anEditedResultsJsonWithARehashedManifestFailsAgainstThePdf() throws IOException {
        Path results = pack.folder().resolve("results.json");
        String original = Files.readString(results);
        assertThat(original).contains("\"NON_COMPLIANT\"");
        Files.writeString(results, original.replace("\"NON_COMPLIANT\"", "\"COMPLIANT\""));
        rehash();

        EvidenceVerifier.Result result = verifier.verify(pack.folder().toString());

        assertThat(result.problems()).hasSize(2);
        assertThat(result.problems().get(0)).startsWith("report.pdf: its cover gives SHA-256 " + Digests.sha256(original
                .getBytes(StandardCharsets.UTF_8)) + " for results.json, but the pack's results.json has SHA-256 " + resultsSha256());
        assertThat(result.problems().get(1)).startsWith("report.pdf: its embedded results.json");
    }

    @Test
    void aManifestOfAnotherRunFails() throws IOException {
        writeManifest("2026-11-2-ffffff", pack.written().organizationId(), pack.artifacts().keySet().toArray(String[]::new));

        EvidenceVerifier.Result result = verifier.verify(pack.folder().toString());

        assertThat(result.problems()).containsExactly("the run id disagrees: manifest.json says '2026-11-2-ffffff', "
                + "results.json says '2026-11-1-abcdef', report.pdf says '2026-11-1-abcdef'");
    }

    @Test
    void aPdfOfAnotherRunFails() throws IOException {
        renderPdf(with(REPORT, "2026-11-9-999999", REPORT.run().organizationId()).withResultsJsonSha256(resultsSha256()),
                pack.folder());
        rehash();

        EvidenceVerifier.Result result = verifier.verify(pack.folder().toString());

        assertThat(result.problems()).containsExactly("the run id disagrees: manifest.json says '2026-11-1-abcdef', "
                + "results.json says '2026-11-1-abcdef', report.pdf says '2026-11-9-999999'");
    }

    /** results.json of another organization, which the PDF embeds and digests faithfully: only the names tell. */
    @Test
    void aResultsJsonOfAnotherOrganizationFails() throws IOException {
        EvidenceReport other = with(REPORT, REPORT.run().runId(), "o-otherorg99");
        try (OutputStream out = Files.newOutputStream(pack.folder().resolve("results.json"))) {
            new ResultsJsonWriter(JSON).write(other, pack.folder(), out);
        }
        renderPdf(REPORT.withResultsJsonSha256(resultsSha256()), pack.folder());
        rehash();

        EvidenceVerifier.Result result = verifier.verify(pack.folder().toString());

        assertThat(result.problems()).containsExactly("the organization disagrees: manifest.json says 'o-synthetic01', "
                + "results.json says 'o-otherorg99', report.pdf says 'o-synthetic01'");
    }

    @Test
    void aListedPdfThatIsNoPdfFails() throws IOException {
        Files.writeString(pack.folder().resolve("report.pdf"), "%PDF-1.7\n%%EOF\n");
        rehash();

        EvidenceVerifier.Result result = verifier.verify(pack.folder().toString());

        assertThat(result.problems()).singleElement().asString().startsWith("report.pdf: cannot be read as a PDF (");
    }

    /** Found by ManifestPropertyTest: each of these made verify throw NullPointerException (exit 1, a stack trace). */
    @Test
    void aManifestWithoutArtifactsOrWithEmptyEntriesIsAProblem() throws IOException {
        assertThat(verify("null").problems()).containsExactly("manifest.json: has no \"artifacts\" list");
        assertThat(verify("{}").problems()).containsExactly("manifest.json: has no \"artifacts\" list");
        assertThat(verify("{\"artifacts\":null}").ok()).isFalse();

        EvidenceVerifier.Result result = verify("{\"runId\":\"r\",\"artifacts\":[null,{\"bytes\":1},{\"file\":null,\"bytes\":0}]}");
        assertThat(result.ok()).isFalse();
        assertThat(result.problems()).startsWith("manifest.json: artifact 1 names no file",
                "manifest.json: artifact 2 names no file", "manifest.json: artifact 3 names no file");
    }

    /** Found by ManifestPropertyTest: Path.resolve threw InvalidPathException out of verify (exit 1, a stack trace). */
    @Test
    void aFileNameTheFileSystemCannotRepresentIsUnreadable() throws IOException {
        EvidenceVerifier.Result result = verify("{\"artifacts\":[{\"file\":\"\\ud800.csv\",\"bytes\":2,\"sha256\":\"\"}]}");

        assertThat(result.problems()).first().asString()
                .contains(".csv: missing or unreadable (not a valid file name on this system: ");
    }

    /** Found by ManifestPropertyTest: problems repeated the manifest's text whole, control characters included. */
    @Test
    void problemsQuoteTheManifestShortAndWithoutControlCharacters() throws IOException {
        String parseError = verify("\"\u4f8a\\u0000\u970e\"").problems().get(0); // a JSON escape of NUL
        assertThat(parseError).startsWith("manifest.json: cannot be read (").contains("\\u0000").doesNotContain("\u0000");

        String longName = "x".repeat(100_000);
        EvidenceVerifier.Result result = verify("{\"runId\":\"\\u001b[2J" + "r".repeat(100_000) + "\",\"artifacts\":["
                + "{\"file\":\"" + longName + "\",\"bytes\":1,\"sha256\":\"\"},"
                + "{\"file\":\"report.pdf\",\"bytes\":15,\"sha256\":\"\\u001b]0;title\\u0007" + "f".repeat(100_000) + "\"}]}");
        assertThat(result.problems().get(0)).startsWith("x".repeat(80) + "…: missing or unreadable (").hasSizeLessThan(500);
        assertThat(result.problems().get(2)).endsWith(", manifest says \\u001B]0;title\\u0007" + "f".repeat(60) + "…");
        assertThat(result.problems()).anySatisfy(p -> assertThat(p)
                .startsWith("the run id disagrees: manifest.json says '\\u001B[2J" + "r".repeat(60)).contains("r…', report.pdf says '"));
        assertThat(String.join("", result.problems())).doesNotContain("\u001b").hasSizeLessThan(3_000);
    }

    @Test
    void aChangedFileIsNamedWithItsSizeAndDigest() throws IOException {
        Files.writeString(pack.folder().resolve("accounts.csv"), "changed");

        assertThat(verifier.verify(pack.folder().toString()).problems()).hasSize(2)
                .first().isEqualTo("accounts.csv: 7 bytes, manifest says " + pack.artifacts().get("accounts.csv").length);
    }

    // ---- helpers: damage the real pack with the real writers

    private static EvidenceReport with(EvidenceReport r, String runId, String organizationId) {
        EvidenceReport.RunInfo i = r.run();
        EvidenceReport.RunInfo run = new EvidenceReport.RunInfo(runId, i.period(), i.attempt(), organizationId,
                i.managementAccountId(), i.callerArn(), i.callerRole(), i.startedAt(), i.endedAt(), i.toolVersion(),
                i.configJson(), i.configDigest(), i.generatedAt());
        return new EvidenceReport(run, r.organization(), r.summary(), r.accounts(), r.exceptions(), r.trend(),
                r.resultsJsonSha256(), r.remediation(), r.privilegedActions());
    }

    /** Renders report.pdf of {@code report} into the pack, embedding the results.json found in {@code resultsFolder}. */
    private void renderPdf(EvidenceReport report, Path resultsFolder) throws IOException {
        try (OutputStream out = Files.newOutputStream(pack.folder().resolve("report.pdf"))) {
            new PdfReportWriter().write(report, resultsFolder, out);
        }
    }

    private String resultsSha256() throws IOException {
        return Digests.sha256(pack.folder().resolve("results.json"));
    }

    /** What a forger does: the manifest recomputed over the files as they now are. */
    private void rehash() throws IOException {
        writeManifest(pack.written().runId(), pack.written().organizationId(), pack.artifacts().keySet().toArray(String[]::new));
    }

    private void writeManifest(String runId, String organizationId, String... files) throws IOException {
        List<String> artifacts = new ArrayList<>();
        for (String file : List.of("results.json", "accounts.csv", "evidence.xlsx", "report.pdf", "findings.ocsf.json")) {
            if (List.of(files).contains(file)) {
                Path path = pack.folder().resolve(file);
                artifacts.add("{\"file\":\"" + file + "\",\"bytes\":" + Files.size(path) + ",\"sha256\":\""
                        + Digests.sha256(path) + "\"}");
            }
        }
        Files.writeString(pack.manifest(), manifestText(runId, organizationId, artifacts));
    }

    private List<String> artifactEntries() {
        return pack.written().artifacts().stream().map(a -> "{\"file\":\"" + a.file() + "\",\"bytes\":" + a.bytes()
                + ",\"sha256\":\"" + a.sha256() + "\"}").toList();
    }

    private static String manifestText(String runId, String organizationId, List<String> artifacts) {
        return "{\"runId\":" + Manifests.write(runId) + ",\"organizationId\":" + Manifests.write(organizationId)
                + ",\"artifacts\":[" + String.join(",", artifacts) + "]}";
    }

    private EvidenceVerifier.Result verify(String manifest) throws IOException {
        Files.writeString(pack.manifest(), manifest);
        return verifier.verify(pack.folder().toString());
    }
}
