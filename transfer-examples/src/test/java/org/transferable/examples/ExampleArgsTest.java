package org.transferable.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExampleArgsTest {
    private static final Set<String> OPTIONS = Set.of("epochs", "n");
    private static final Set<String> FLAGS = Set.of("fine-tune");

    @Test
    void parse_readsOptionsAndFlags() {
        ExampleArgs args = ExampleArgs.parse(new String[] {"--epochs", "4", "--fine-tune", "--n", "1,3"}, OPTIONS,
                FLAGS);
        assertThat(args.integer("epochs", 1, 1, 10)).isEqualTo(4);
        assertThat(args.has("fine-tune")).isTrue();
        assertThat(args.list("n", List.of())).containsExactly("1", "3");
        assertThat(args.decimal("missing", 0.5, 0, 1)).isEqualTo(0.5);
    }

    @Test
    void parse_unknownOptionListsKnownOnes() {
        assertThatThrownBy(() -> ExampleArgs.parse(new String[] {"--epoch", "4"}, OPTIONS, FLAGS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown option --epoch; known options: [--epochs, --n], flags: [--fine-tune]");
    }

    @Test
    void parse_missingValue() {
        assertThatThrownBy(() -> ExampleArgs.parse(new String[] {"--epochs"}, OPTIONS, FLAGS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("option --epochs needs a value");
    }

    @Test
    void integer_outOfRange() {
        ExampleArgs args = ExampleArgs.parse(new String[] {"--epochs", "0"}, OPTIONS, FLAGS);
        assertThatThrownBy(() -> args.integer("epochs", 1, 1, 10000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--epochs must be in [1, 10000], got 0");
    }

    @Test
    void integer_notANumber() {
        ExampleArgs args = ExampleArgs.parse(new String[] {"--epochs", "many"}, OPTIONS, FLAGS);
        assertThatThrownBy(() -> args.integer("epochs", 1, 1, 10000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--epochs must be an integer in [1, 10000], got 'many'");
    }

    @Test
    void network_unknownName() {
        assertThatThrownBy(() -> ExampleSetup.network("huge"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--network must be one of [small, small-nodropout, wide, reference], got 'huge'");
    }
}
