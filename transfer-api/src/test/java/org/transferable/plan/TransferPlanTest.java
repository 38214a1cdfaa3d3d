package org.transferable.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.transferable.json.Json;

/** {@link TransferPlan}: the paper's notation, parsed and written back. */
class TransferPlanTest {
    private static final String NOT_A_PLAN = "transfer plan must look like A3B or A3B+ (source task, n, target task, "
            + "+ for fine-tuning), got '%s'";

    @Test
    void parse_fineTuned_readsEveryPart() {
        TransferPlan plan = TransferPlan.parse("A3B+");

        assertThat(plan.source()).isEqualTo("A");
        assertThat(plan.n()).isEqualTo(3);
        assertThat(plan.policy()).isEqualTo(LayerPolicy.FINE_TUNED);
        assertThat(plan.target()).isEqualTo("B");
        assertThat(plan.selffer()).isFalse();
        assertThat(plan).hasToString("A3B+").isEqualTo(new TransferPlan("A", 3, LayerPolicy.FINE_TUNED, "B"));
    }

    @Test
    void parse_sameSourceAndTarget_isASelffer() {
        TransferPlan plan = TransferPlan.parse("B5B");

        assertThat(plan).isEqualTo(new TransferPlan("B", 5, LayerPolicy.FROZEN, "B"));
        assertThat(plan.selffer()).isTrue();
        assertThat(plan).hasToString("B5B");
    }

    @Test
    void parse_twoDigitN_readsAllDigits() {
        assertThat(TransferPlan.parse("A12B")).isEqualTo(new TransferPlan("A", 12, LayerPolicy.FROZEN, "B"));
    }

    @Test
    void parse_longTaskNames_splitAtTheDigits() {
        TransferPlan plan = TransferPlan.parse("natural_2man_made+");

        assertThat(plan).isEqualTo(new TransferPlan("natural_", 2, LayerPolicy.FINE_TUNED, "man_made"));
        assertThat(plan).hasToString("natural_2man_made+");
    }

    @ParameterizedTest
    @ValueSource(strings = {"A1B", "A3B+", "B7B", "B7B+", "AA10BB"})
    void toString_parsesBackToAnEqualPlan(String notation) {
        TransferPlan plan = TransferPlan.parse(notation);

        assertThat(plan).hasToString(notation);
        assertThat(TransferPlan.parse(plan.toString())).isEqualTo(plan);
    }

    @Test
    void json_isTheNotationString() {
        TransferPlan plan = TransferPlan.parse("A3B+");

        assertThat(Json.write(plan)).isEqualTo("\"A3B+\"");
        assertThat(Json.read("\"A3B+\"", TransferPlan.class)).isEqualTo(plan);
    }

    @Test
    void json_invalidNotation_failsWithTheParseMessage() {
        assertThatThrownBy(() -> Json.read("\"A0B\"", TransferPlan.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid TransferPlan JSON: n must be in [1, 10000], got 0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "3B", "A3", "A3B++", "a-3B", "A 3B", "A+3B", "+A3B", "AB"})
    void parse_notANotation_failsQuotingTheText(String text) {
        assertThatThrownBy(() -> TransferPlan.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(NOT_A_PLAN.formatted(text));
    }

    @Test
    void parse_null_failsQuotingNull() {
        assertThatThrownBy(() -> TransferPlan.parse(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(NOT_A_PLAN.formatted("null"));
    }

    @Test
    void parse_zeroLayers_failsWithTheRangeOfN() {
        assertThatThrownBy(() -> TransferPlan.parse("A0B"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("n must be in [1, 10000], got 0");
    }

    @Test
    void parse_nTooLargeForAnInt_failsWithTheRangeOfN() {
        assertThatThrownBy(() -> TransferPlan.parse("A99999999999B"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("n must be in [1, 10000], got 99999999999");
    }

    @Test
    void constructor_taskNameWithDigitsOrSymbols_fails() {
        assertThatThrownBy(() -> new TransferPlan("A1", 3, LayerPolicy.FROZEN, "B"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("source task must be letters or _ (so that the notation parses), got 'A1'");
        assertThatThrownBy(() -> new TransferPlan("A", 3, LayerPolicy.FROZEN, "B-2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("target task must be letters or _ (so that the notation parses), got 'B-2'");
        assertThatThrownBy(() -> new TransferPlan(" ", 3, LayerPolicy.FROZEN, "B"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("source task must not be blank");
    }

    @Test
    void constructor_nullPolicy_fails() {
        assertThatThrownBy(() -> new TransferPlan("A", 3, null, "B"))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("policy must not be null");
    }
}
