package org.transferable.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.transferable.json.Json;

/** {@link StoppingRule}: ranges, defaults and JSON. */
class StoppingRuleTest {
    @Test
    void earlyStopping_keepsTheBestEpochAndSeedsItsSplitWithZero() {
        StoppingRule.EarlyStopping rule = (StoppingRule.EarlyStopping) StoppingRule.earlyStopping(0.1, 3);

        assertThat(rule.restoreBest()).isTrue();
        assertThat(rule.splitSeed()).isZero();
        assertThat(rule.withSplitSeed(4).splitSeed()).isEqualTo(4);
    }

    @Test
    void earlyStopping_outOfRange_failsNamingTheValue() {
        assertThatThrownBy(() -> StoppingRule.earlyStopping(0.6, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("validation fraction must be in (0, 0.5], got 0.6");
        assertThatThrownBy(() -> StoppingRule.earlyStopping(0.1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("patience must be in [1, 10000], got 0");
    }

    @Test
    void json_roundTripsBothKinds() throws Exception {
        StoppingRule early = new StoppingRule.EarlyStopping(0.2, 4, false, 9);

        assertThat(Json.read(Json.write(early), StoppingRule.class)).isEqualTo(early);
        assertThat(Json.read(Json.write(StoppingRule.allEpochs()), StoppingRule.class))
                .isEqualTo(StoppingRule.allEpochs());
        assertThat(Json.mapper().readTree(Json.write(early)).toString()).isEqualTo(
                "{\"kind\":\"early\",\"validationFraction\":0.2,\"patience\":4,\"restoreBest\":false,\"splitSeed\":9}");
    }
}
