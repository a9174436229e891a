package io.rootaudit.report.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PdfViewSectionsTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, PdfView.SECTION_ROWS - 1, PdfView.SECTION_ROWS, PdfView.SECTION_ROWS + 1, 10_007})
    void sectionsKeepEveryRowInOrderAndNoneIsLongerThanTheLimit(int rows) {
        List<Integer> all = IntStream.range(0, rows).boxed().toList();

        List<List<Integer>> sections = PdfView.sections(all);

        List<Integer> joined = new ArrayList<>();
        sections.forEach(joined::addAll);
        assertThat(joined).isEqualTo(all);
        assertThat(sections).allSatisfy(s -> assertThat(s).isNotEmpty().hasSizeLessThanOrEqualTo(PdfView.SECTION_ROWS));
        assertThat(sections).hasSize((rows + PdfView.SECTION_ROWS - 1) / PdfView.SECTION_ROWS);
    }
}
