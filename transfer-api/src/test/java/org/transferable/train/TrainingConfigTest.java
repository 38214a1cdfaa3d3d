package org.transferable.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.transferable.json.Json;

/** {@link TrainingConfig}: defaults, ranges with exact messages, copies and JSON. */
class TrainingConfigTest {
    private static final TrainingConfig DEFAULTS = TrainingConfig.defaults();

    @Test
    void defaults_areThePapersSolverForSmallImages() {
        assertThat(DEFAULTS).isEqualTo(new TrainingConfig(5, 64, 0.01, 0.9, 5e-4, 42L));
    }

    @Test
    void withX_changesOnlyThatFieldAndLeavesTheOriginal() {
        assertThat(DEFAULTS.withEpochs(7)).isEqualTo(new TrainingConfig(7, 64, 0.01, 0.9, 5e-4, 42L));
        assertThat(DEFAULTS.withBatchSize(128)).isEqualTo(new TrainingConfig(5, 128, 0.01, 0.9, 5e-4, 42L));
        assertThat(DEFAULTS.withLearningRate(0.1)).isEqualTo(new TrainingConfig(5, 64, 0.1, 0.9, 5e-4, 42L));
        assertThat(DEFAULTS.withMomentum(0.0)).isEqualTo(new TrainingConfig(5, 64, 0.01, 0.0, 5e-4, 42L));
        assertThat(DEFAULTS.withWeightDecay(0.0)).isEqualTo(new TrainingConfig(5, 64, 0.01, 0.9, 0.0, 42L));
        assertThat(DEFAULTS.withSeed(-3L)).isEqualTo(new TrainingConfig(5, 64, 0.01, 0.9, 5e-4, -3L));
        assertThat(DEFAULTS).isEqualTo(TrainingConfig.defaults());
    }

    @Test
    void constructor_inclusiveLimits_areAccepted() {
        TrainingConfig upper = new TrainingConfig(10_000, 65_536, 10.0, 0.0, 1.0, Long.MIN_VALUE);
        TrainingConfig lower = upper.withEpochs(1).withBatchSize(1).withWeightDecay(0.0).withLearningRate(
                Double.MIN_VALUE);

        assertThat(upper).extracting(TrainingConfig::epochs, TrainingConfig::batchSize, TrainingConfig::learningRate,
                TrainingConfig::weightDecay).containsExactly(10_000, 65_536, 10.0, 1.0);
        assertThat(lower).extracting(TrainingConfig::epochs, TrainingConfig::batchSize, TrainingConfig::learningRate,
                TrainingConfig::weightDecay).containsExactly(1, 1, Double.MIN_VALUE, 0.0);
    }

    @Test
    void epochs_outOfRange_fails() {
        assertThatThrownBy(() -> DEFAULTS.withEpochs(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("epochs must be in [1, 10000], got 0");
        assertThatThrownBy(() -> DEFAULTS.withEpochs(10_001))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("epochs must be in [1, 10000], got 10001");
    }

    @Test
    void batchSize_outOfRange_fails() {
        assertThatThrownBy(() -> DEFAULTS.withBatchSize(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("batch size must be in [1, 65536], got 0");
        assertThatThrownBy(() -> DEFAULTS.withBatchSize(65_537))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("batch size must be in [1, 65536], got 65537");
    }

    @Test
    void learningRate_outOfRange_fails() {
        assertThatThrownBy(() -> DEFAULTS.withLearningRate(0.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("learning rate must be in (0, 10], got 0.0");
        assertThatThrownBy(() -> DEFAULTS.withLearningRate(10.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("learning rate must be in (0, 10], got 10.5");
        assertThatThrownBy(() -> DEFAULTS.withLearningRate(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("learning rate must be in (0, 10], got NaN");
    }

    @Test
    void momentum_outOfRange_fails() {
        assertThatThrownBy(() -> DEFAULTS.withMomentum(1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("momentum must be in [0.0, 1.0), got 1.0");
        assertThatThrownBy(() -> DEFAULTS.withMomentum(-0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("momentum must be in [0.0, 1.0), got -0.1");
    }

    @Test
    void weightDecay_outOfRange_fails() {
        assertThatThrownBy(() -> DEFAULTS.withWeightDecay(-0.001))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("weight decay must be in [0.0, 1.0], got -0.001");
        assertThatThrownBy(() -> DEFAULTS.withWeightDecay(1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("weight decay must be in [0.0, 1.0], got 1.5");
        assertThatThrownBy(() -> DEFAULTS.withWeightDecay(Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("weight decay must be in [0.0, 1.0], got Infinity");
    }

    @Test
    void json_roundTrip_givesAnEqualConfig() {
        TrainingConfig config = new TrainingConfig(3, 32, 0.05, 0.5, 1e-3, 1234567890123L);

        assertThat(Json.read(Json.write(config), TrainingConfig.class)).isEqualTo(config);
    }

    @Test
    void json_namesEveryField() throws Exception {
        var tree = Json.mapper().readTree(Json.write(DEFAULTS));

        assertThat(tree.fieldNames()).toIterable()
                .containsExactlyInAnyOrder("epochs", "batchSize", "learningRate", "momentum", "weightDecay", "seed",
                        "schedule", "stopping");
        assertThat(tree.get("seed").asLong()).isEqualTo(42L);
    }

    @Test
    void json_outOfRangeValue_failsWithTheConfigsMessage() {
        String json = """
                {"epochs": 0, "batchSize": 64, "learningRate": 0.01, "momentum": 0.9, "weightDecay": 0.0005, \
                "seed": 1}""";

        assertThatThrownBy(() -> Json.read(json, TrainingConfig.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid TrainingConfig JSON: epochs must be in [1, 10000], got 0");
    }

    @Test
    void json_unknownField_fails() {
        String json = """
                {"epochs": 1, "batchSize": 64, "learningRate": 0.01, "momentum": 0.9, "weightDecay": 0.0005, "seed": 1,
                 "nesterov": true}""";

        assertThatThrownBy(() -> Json.read(json, TrainingConfig.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid TrainingConfig JSON: Unrecognized field \"nesterov\"")
                .hasMessageContaining("(known properties: [")
                .hasMessageEndingWith("(at nesterov, line 2, column 19)");
    }

    @Test
    void json_withoutScheduleAndStopping_readsAsConstantAndAllEpochs() {
        String json = "{\"epochs\": 3, \"batchSize\": 64, \"learningRate\": 0.01, \"momentum\": 0.9, "
                + "\"weightDecay\": 0.0005, \"seed\": 1}";

        TrainingConfig read = Json.read(json, TrainingConfig.class);

        assertThat(read.schedule()).isEqualTo(LearningRateSchedule.constant());
        assertThat(read.stopping()).isEqualTo(StoppingRule.allEpochs());
        assertThat(read).isEqualTo(TrainingConfig.defaults().withEpochs(3).withSeed(1));
    }

    @Test
    void json_roundTripsScheduleAndStopping() {
        TrainingConfig config = TrainingConfig.defaults().withSchedule(LearningRateSchedule.stepDecay(0.1, 5))
                .withStopping(StoppingRule.earlyStopping(0.1, 3));

        assertThat(Json.read(Json.write(config), TrainingConfig.class)).isEqualTo(config);
        assertThat(config.withEpochs(2).schedule()).isEqualTo(config.schedule());
        assertThat(config.withSeed(2).stopping()).isEqualTo(config.stopping());
    }
}
