package io.rootaudit.property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PropertyRunnerTest {

    private static final Gen<Document> LINES = Gen.text("abcdefgh", 0, 30).list(1, 12)
            .map(lines -> Document.text("lines", String.join("\n", lines) + "\n"));

    @AfterEach
    void clearSeed() {
        System.clearProperty(PropertyRunner.SEED);
    }

    @Test
    void aPropertyThatHoldsPasses() {
        List<Document> seen = new ArrayList<>();
        PropertyRunner.forAll(50, LINES, Document::shrinks, seen::add);

        assertThat(seen).hasSize(50);
    }

    @Test
    void aFailureIsShrunkAndReportedWithItsSeed() {
        assertThatThrownBy(() -> PropertyRunner.forAll(500, LINES, Document::shrinks, doc ->
                assertThat(doc.text()).as("no h").doesNotContain("h")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("with seed ")
                .hasMessageContaining("(replay: -Drootaudit.property.seed=")
                .hasMessageContaining("input, shrunk in ")
                .hasMessageContaining("lines (shrunk) (1 bytes): h\n")
                .hasCauseInstanceOf(AssertionError.class);
    }

    @Test
    void theSameSeedReplaysTheSameInputs() {
        System.setProperty(PropertyRunner.SEED, "42");
        List<Document> first = new ArrayList<>();
        PropertyRunner.forAll(20, LINES, Document::shrinks, first::add);
        List<Document> second = new ArrayList<>();
        PropertyRunner.forAll(20, LINES, Document::shrinks, second::add);

        assertThat(second).isEqualTo(first);
    }

    @Test
    void escapingErrorsAreFailuresToo() {
        assertThatThrownBy(() -> PropertyRunner.forAll(10, LINES, Document::shrinks, doc -> {
            throw new StackOverflowError();
        })).isInstanceOf(AssertionError.class).hasCauseInstanceOf(StackOverflowError.class);
    }
}
