package org.transferable.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.transferable.json.Json;
import org.transferable.policy.FineTuning;

/** {@link TransferPlan}: the paper's notation, parsed and written back. */
class TransferPlanTest {
    private static final String NOT_A_PLAN = "transfer plan must look like A3B, A3B+ or A3B[policy] (source task, n, "
            + "target task, + for fine-tuning or a fine-tuning policy in brackets), got '%s'";

    @Test
    void parse_fineTuned_readsEveryPart() {
        TransferPlan plan = TransferPlan.parse("A3B+");

        assertThat(plan.source()).isEqualTo("A");
        assertThat(plan.n()).isEqualTo(3);
        assertThat(plan.policy()).isEqualTo(FineTuning.fineTuned());
        assertThat(plan.target()).isEqualTo("B");
        assertThat(plan.selffer()).isFalse();
        assertThat(plan).hasToString("A3B+").isEqualTo(new TransferPlan("A", 3, FineTuning.fineTuned(), "B"));
    }

    @Test
    void parse_sameSourceAndTarget_isASelffer() {
        TransferPlan plan = TransferPlan.parse("B5B");

        assertThat(plan).isEqualTo(new TransferPlan("B", 5, FineTuning.frozen(), "B"));
        assertThat(plan.selffer()).isTrue();
        assertThat(plan).hasToString("B5B");
    }

    @Test
    void parse_twoDigitN_readsAllDigits() {
        assertThat(TransferPlan.parse("A12B")).isEqualTo(new TransferPlan("A", 12, FineTuning.frozen(), "B"));
    }

    @Test
    void parse_longTaskNames_splitAtTheDigits() {
        TransferPlan plan = TransferPlan.parse("natural_2man_made+");

        assertThat(plan).isEqualTo(new TransferPlan("natural_", 2, FineTuning.fineTuned(), "man_made"));
        assertThat(plan).hasToString("natural_2man_made+");
    }

    @ParameterizedTest
    @ValueSource(strings = {"A1B", "A3B+", "B7B", "B7B+", "AA10BB", "A3B[4:new>all]", "A3B[all=geo(0.01)]",
        "A3B[copied=bias,new;bn=train]", "A2B[all;l2sp(0.1,0.001)]"})
    void toString_parsesBackToAnEqualPlan(String notation) {
        TransferPlan plan = TransferPlan.parse(notation);

        assertThat(plan).hasToString(notation);
        assertThat(TransferPlan.parse(plan.toString())).isEqualTo(plan);
    }

    @Test
    void parse_policyInBrackets_isThatPolicy() {
        TransferPlan plan = TransferPlan.parse("A3B[4:new>all]");

        assertThat(plan.policy()).isEqualTo(FineTuning.linearProbeThenFineTune(4));
        assertThat(plan.n()).isEqualTo(3);
        assertThat(plan.target()).isEqualTo("B");
    }

    @Test
    void parse_paperPoliciesInBrackets_printAsThePaperNotation() {
        assertThat(TransferPlan.parse("A3B[new]")).hasToString("A3B");
        assertThat(TransferPlan.parse("A3B[all]")).hasToString("A3B+");
    }

    @Test
    void parse_unreadablePolicy_failsWithThePolicyMessage() {
        assertThatThrownBy(() -> TransferPlan.parse("A3B[all=y2]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fine-tuning policy 'all=y2' cannot be read: rule 'y2' is not one of x<multiple>, "
                        + "geo(<lowest>), decay(<factor>), bias, bias(<multiple>)");
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
    @ValueSource(strings = {"", "3B", "A3", "A3B++", "a-3B", "A 3B", "A+3B", "+A3B", "AB", "A3B+[all]", "A3B[all]x"})
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
        assertThatThrownBy(() -> new TransferPlan("A1", 3, FineTuning.frozen(), "B"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("source task must be letters or _ (so that the notation parses), got 'A1'");
        assertThatThrownBy(() -> new TransferPlan("A", 3, FineTuning.frozen(), "B-2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("target task must be letters or _ (so that the notation parses), got 'B-2'");
        assertThatThrownBy(() -> new TransferPlan(" ", 3, FineTuning.frozen(), "B"))
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
