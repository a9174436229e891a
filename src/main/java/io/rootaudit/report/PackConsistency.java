package io.rootaudit.report;

import io.rootaudit.compliance.QuotedValue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks that the files of a pack describe the same run. Matching digests only prove that the files are those
 * the manifest lists; a manifest re-hashed over a results.json of another run, or a PDF whose cover and
 * attachment speak of another results.json, would still match. So the run id and organization must agree
 * between manifest.json, results.json and the PDF cover, and the PDF's cover digest and embedded results.json
 * must be those of the pack's results.json. Every value is untrusted and quoted with {@link QuotedValue}.
 */
final class PackConsistency {

    private PackConsistency() {}

    /**
     * @param results the bytes of results.json as hashed, or {@code null} when it was not read
     * @param pdf the bytes of report.pdf as hashed, or {@code null} when it was not read
     */
    static List<String> check(Manifest manifest, byte[] results, byte[] pdf, JsonMapper json) {
        List<String> problems = new ArrayList<>();
        Map<String, String> runIds = new LinkedHashMap<>();
        Map<String, String> organizations = new LinkedHashMap<>();
        runIds.put(Manifest.FILE, manifest.runId());
        organizations.put(Manifest.FILE, manifest.organizationId());
        if (results != null) {
            try {
                JsonNode tree = json.readTree(results);
                runIds.put(EvidencePack.RESULTS_JSON, text(tree.path("run").path("runId")));
                organizations.put(EvidencePack.RESULTS_JSON, text(tree.path("organization").path("organizationId")));
            } catch (RuntimeException e) {
                problems.add(EvidencePack.RESULTS_JSON + ": cannot be read as JSON (" + QuotedValue.printable(e.getMessage()) + ")");
            }
        }
        if (pdf != null) {
            PdfCover cover = cover(pdf, problems);
            if (cover != null) {
                runIds.put(EvidencePack.REPORT_PDF, cover.runId());
                organizations.put(EvidencePack.REPORT_PDF, cover.organizationId());
                if (results != null) {
                    checkDigests(cover, Digests.sha256(results), problems);
                }
            }
        }
        agree("run id", runIds, problems);
        agree("organization", organizations, problems);
        return problems;
    }

    /** PDFBox throws more than IOException on a hostile file; any failure to read it is a problem, never an escape. */
    private static PdfCover cover(byte[] pdf, List<String> problems) {
        try {
            return PdfCover.read(pdf);
        } catch (IOException | RuntimeException | StackOverflowError e) {
            problems.add(EvidencePack.REPORT_PDF + ": cannot be read as a PDF (" + QuotedValue.printable(String.valueOf(e.getMessage())) + ")");
            return null;
        }
    }

    private static void checkDigests(PdfCover cover, String resultsSha256, List<String> problems) {
        String pdf = EvidencePack.REPORT_PDF;
        String results = EvidencePack.RESULTS_JSON;
        if (cover.resultsSha256() == null) {
            problems.add(pdf + ": its cover shows no SHA-256 of " + results);
        } else if (!cover.resultsSha256().equals(resultsSha256)) {
            problems.add(pdf + ": its cover gives SHA-256 " + QuotedValue.of(cover.resultsSha256()) + " for " + results
                    + ", but the pack's " + results + " has SHA-256 " + resultsSha256);
        }
        if (cover.embeddedResults() == null) {
            problems.add(pdf + ": has no embedded " + results);
        } else {
            String embedded = Digests.sha256(cover.embeddedResults());
            if (!embedded.equals(resultsSha256)) {
                problems.add(pdf + ": its embedded " + results + " (SHA-256 " + embedded + ") differs from the pack's "
                        + results + " (SHA-256 " + resultsSha256 + ")");
            }
        }
    }

    /** Every file gives a value, and all give the same one. */
    private static void agree(String what, Map<String, String> byFile, List<String> problems) {
        byFile.forEach((file, value) -> {
            if (value == null || value.isBlank()) {
                problems.add(file + ": gives no " + what);
            }
        });
        if (byFile.values().stream().filter(Objects::nonNull).distinct().count() > 1) {
            List<String> says = new ArrayList<>();
            byFile.forEach((file, value) -> says.add(file + " says " + (value == null ? "nothing" : "'" + QuotedValue.of(value) + "'")));
            problems.add("the " + what + " disagrees: " + String.join(", ", says));
        }
    }

    private static String text(JsonNode node) {
        return node.isString() ? node.asString() : null;
    }
}
