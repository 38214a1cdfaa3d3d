package org.transferable.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.transferable.json.Json;

/** {@link LearningRateSchedule}: the multiples each schedule gives, its ranges, its JSON. */
class LearningRateScheduleTest {
    @Test
    void constant_isOneEverywhere() {
        assertThat(LearningRateSchedule.constant().multiple(7, 3, 10, 9)).isEqualTo(1.0);
    }

    @Test
    void stepDecay_multipliesEveryKEpochs() {
        LearningRateSchedule schedule = LearningRateSchedule.stepDecay(0.1, 2);

        assertThat(schedule.multiple(1, 0, 10, 6)).isEqualTo(1.0);
        assertThat(schedule.multiple(2, 9, 10, 6)).isEqualTo(1.0);
        assertThat(schedule.multiple(3, 0, 10, 6)).isCloseTo(0.1, within(1e-15));
        assertThat(schedule.multiple(5, 4, 10, 6)).isCloseTo(0.01, within(1e-15));
    }

    @Test
    void cosine_fallsFromOneToTheFloorOverTheRun() {
        LearningRateSchedule schedule = LearningRateSchedule.cosine(0.1);

        assertThat(schedule.multiple(1, 0, 10, 4)).isEqualTo(1.0);
        assertThat(schedule.multiple(3, 0, 10, 4)).isCloseTo(0.55, within(1e-12));
        assertThat(schedule.multiple(4, 9, 10, 4)).isCloseTo(0.1, within(2e-3)).isGreaterThan(0.1);
    }

    @Test
    void stepDecay_outOfRange_failsNamingTheValue() {
        assertThatThrownBy(() -> LearningRateSchedule.stepDecay(0, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("step decay factor must be in (0, 1], got 0.0");
        assertThatThrownBy(() -> LearningRateSchedule.stepDecay(0.5, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("step decay interval in epochs must be in [1, 10000], got 0");
        assertThatThrownBy(() -> LearningRateSchedule.cosine(1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cosine floor must be in [0.0, 1.0], got 1.5");
    }

    @Test
    void json_roundTripsEveryKind() throws Exception {
        for (LearningRateSchedule schedule : new LearningRateSchedule[] {LearningRateSchedule.constant(),
                LearningRateSchedule.stepDecay(0.1, 3), LearningRateSchedule.cosine(0.05)}) {
            assertThat(Json.read(Json.write(schedule), LearningRateSchedule.class)).isEqualTo(schedule);
        }
        assertThat(Json.mapper().readTree(Json.write(LearningRateSchedule.stepDecay(0.1, 3))).toString())
                .isEqualTo("{\"kind\":\"step\",\"factor\":0.1,\"everyEpochs\":3}");
    }
}
