package io.rootaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    private static final Map<String, Set<String>> SWITCHES = Map.of("audit", Set.of("rerun"));
    private static final Map<String, Set<String>> VALUED = Map.of("report", Set.of("run"));

    @Test
    void separatesCommandSwitchesAndSpringProperties() {
        CommandLine line = CommandLine.parse(new String[] {"audit", "--rerun", "--rootaudit.audit.concurrency=4",
                "--spring.config.additional-location=/etc/rootaudit.yml"}, SWITCHES, VALUED);
        assertThat(line.command()).isEqualTo("audit");
        assertThat(line.flag("rerun")).isTrue();
        assertThat(line.springArgs()).containsExactly("--rootaudit.audit.concurrency=4",
                "--spring.config.additional-location=/etc/rootaudit.yml");
    }

    @Test
    void valuedOptionsTakeTheNextArgumentOrAnEqualsSign() {
        assertThat(CommandLine.parse(new String[] {"report", "--run", "2026-11-1-abc"}, SWITCHES, VALUED).options())
                .containsEntry("run", "2026-11-1-abc");
        assertThat(CommandLine.parse(new String[] {"report", "--run=x"}, SWITCHES, VALUED).options())
                .containsEntry("run", "x");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"report", "--run"}, SWITCHES, VALUED))
                .hasMessageContaining("--run needs a value");
    }

    @Test
    void rejectsWhatItCannotUnderstand() {
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"audit", "--rerun=yes"}, SWITCHES, VALUED))
                .hasMessageContaining("takes no value");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"audit", "extra"}, SWITCHES, VALUED))
                .hasMessageContaining("unexpected argument 'extra'");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"audit", "-x"}, SWITCHES, VALUED))
                .hasMessageContaining("unknown option '-x'");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"audit", "--concurrency=4"}, SWITCHES, VALUED))
                .hasMessageContaining("--rootaudit.name=value");
    }

    @Test
    void helpIsRecognisedAnywhere() {
        assertThat(CommandLine.parse(new String[] {"--help"}, SWITCHES, VALUED).help()).isTrue();
        CommandLine line = CommandLine.parse(new String[] {"audit", "-h"}, SWITCHES, VALUED);
        assertThat(line.help()).isTrue();
        assertThat(line.command()).isEqualTo("audit");
    }
}
