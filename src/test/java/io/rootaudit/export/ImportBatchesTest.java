package io.rootaudit.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootaudit.compliance.rules.BuiltInRules;
import io.rootaudit.devtools.benchmark.SyntheticEvidence;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;

/** Calls within BatchImportFindings' limits: 100 findings, 6 MB a call; 240 KB a finding. */
class ImportBatchesTest {

    @Test
    void aHundredFindingsACallInOrder() {
        List<Integer> findings = IntStream.range(0, 250).boxed().toList();
        ImportBatches<Integer> batches = ImportBatches.of(findings, f -> 1_000);
        assertThat(batches.batches()).extracting(List::size).containsExactly(100, 100, 50);
        assertThat(batches.batches().stream().flatMap(List::stream).toList()).isEqualTo(findings);
        assertThat(batches.tooLarge()).isEmpty();
        assertThat(ImportBatches.of(List.<Integer>of(), f -> 1).batches()).isEmpty();
    }

    @Test
    void sixMegabytesACall() {
        // 200 KB each: 29 fit in 6 MB with the envelope and commas, 30 do not
        ImportBatches<Integer> batches = ImportBatches.of(IntStream.range(0, 60).boxed().toList(), f -> 200_000);
        assertThat(batches.batches()).extracting(List::size).containsExactly(29, 29, 2);
        for (List<Integer> batch : batches.batches()) {
            assertThat(ImportBatches.ENVELOPE_BYTES + batch.size() * 200_001L).isLessThanOrEqualTo(ImportBatches.MAX_REQUEST_BYTES);
        }
        // at the limit: 24 findings of 239,999 bytes, their commas and the envelope make 5,760,016 bytes; a 25th
        // would make 6,000,016, above 6,000,000
        assertThat(ImportBatches.of(Collections.nCopies(26, 0), f -> 239_999).batches()).extracting(List::size)
                .containsExactly(24, 2);
    }

    @Test
    void aFindingAbove240KbIsSetAsideNotSent() {
        ImportBatches<Integer> batches = ImportBatches.of(List.of(1, 2, 3), f -> f == 2 ? 240_001 : 100);
        assertThat(batches.batches()).containsExactly(List.of(1, 3));
        assertThat(batches.tooLarge()).containsExactly(2);
        assertThat(ImportBatches.of(List.of(1), f -> 240_000).tooLarge()).isEmpty();
    }

    /** A large organization's findings as they are sent: every call within the limits, every finding sent once. */
    @Test
    void aSyntheticOrganizationOf3000Accounts() {
        List<AwsSecurityFinding> findings = AsffFindings.of(SyntheticEvidence.of(3000),
                ExportTarget.of("arn:aws:sts::999999999999:assumed-role/a/b", "us-east-1"),
                RuleBook.of(BuiltInRules.catalog(), BuiltInRules.controls()), AsffFindingsTest.CREATED, AsffFindingsTest.UPDATED);
        ImportBatches<AwsSecurityFinding> batches = ImportBatches.of(findings, SecurityHubImporter::bytes);
        assertThat(batches.tooLarge()).isEmpty();
        assertThat(batches.batches()).allSatisfy(b -> {
            assertThat(b.size()).isLessThanOrEqualTo(100);
            assertThat(b.stream().mapToLong(SecurityHubImporter::bytes).sum() + b.size() + ImportBatches.ENVELOPE_BYTES)
                    .isLessThanOrEqualTo(ImportBatches.MAX_REQUEST_BYTES);
        });
        assertThat(batches.batches().stream().mapToInt(List::size).sum()).isEqualTo(findings.size());
        assertThat(findings.stream().map(AwsSecurityFinding::id).distinct().count()).isEqualTo(findings.size());
    }
}
