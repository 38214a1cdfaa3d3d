package org.transferable.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.transferable.engine.LayerTraining;
import org.transferable.json.Json;
import org.transferable.spec.ConvolutionLayer;
import org.transferable.spec.InputShape;
import org.transferable.spec.NetworkSpec;
import org.transferable.spec.Pooling;

/** {@link FineTuning}: the string form, the factories, and what each policy resolves to per layer and phase. */
class FineTuningTest {
    /** conv1, conv2 (batch norm), fc3, fc4, out: five layers. */
    private static final NetworkSpec SPEC = NetworkSpec.builder("five", InputShape.image(1, 28, 28))
            .conv("conv1", 4, 5, Pooling.max(2, 2))
            .layer(ConvolutionLayer.of("conv2", 8, 5).withBatchNorm(true))
            .dense("fc3", 16)
            .dense("fc4", 16)
            .output("out");
    private static final double WD = 5e-4;

    @ParameterizedTest
    @ValueSource(strings = {"new", "all", "all=geo(0.01)", "all=decay(0.7)", "4:new>all", "2:new>2:n..>2:n-1..>all",
        "copied=bias,new", "all;l2sp(0.01,0.001)", "new;bn=batch", "new;bn=train", "1,3..", "1..2=x0.1,n+2..",
        "..n-1=x0.5,n..", "3:new>all=x0.1;l2sp(0.1,0);bn=train;reset", "copied=bias(0.5),new", "25%:new>12.5%:n..>all"})
    void toString_parsesBackToAnEqualPolicy(String text) {
        FineTuning policy = FineTuning.parse(text);

        assertThat(policy).hasToString(text);
        assertThat(FineTuning.parse(policy.toString())).isEqualTo(policy);
        assertThat(Json.read(Json.write(policy), FineTuning.class)).isEqualTo(policy);
    }

    @Test
    void toString_namedRanges_printByName() {
        assertThat(FineTuning.parse("1:..n>1:n+1..>1..")).hasToString("1:copied>1:new>1..");
    }

    @Test
    void factories_areTheirStringForms() {
        assertThat(FineTuning.frozen()).hasToString("new");
        assertThat(FineTuning.fineTuned()).hasToString("all");
        assertThat(FineTuning.discriminative(0.01)).hasToString("all=geo(0.01)");
        assertThat(FineTuning.layerDecay(0.75)).hasToString("all=decay(0.75)");
        assertThat(FineTuning.linearProbeThenFineTune(4)).hasToString("4:new>all");
        assertThat(FineTuning.gradualUnfreezing(2, 2)).hasToString("2:new>2:n..>2:n-1..>all");
        assertThat(FineTuning.bitFit()).hasToString("copied=bias,new");
        assertThat(FineTuning.fineTuned().withL2Sp(0.1, 0.01).withBatchNorm(FrozenBatchNorm.BATCH)
                .withSolverReset(true)).hasToString("all;l2sp(0.1,0.01);bn=batch;reset");
    }

    @Test
    void phases_frozen_trainsTheNewLayersWithTheConfigsDecay() {
        List<TrainingPhase> phases = FineTuning.frozen().phases(SPEC, 2, WD, 10);

        assertThat(phases).hasSize(1);
        assertThat(phases.get(0).epochs()).isEqualTo(10);
        assertThat(phases.get(0).layers()).containsExactly(LayerTraining.FROZEN, LayerTraining.FROZEN,
                LayerTraining.trained(WD), LayerTraining.trained(WD), LayerTraining.trained(WD));
    }

    @Test
    void phases_multipleZero_isExactlyFrozen() {
        assertThat(FineTuning.parse("copied=x0,new").phases(SPEC, 2, WD, 10))
                .isEqualTo(FineTuning.frozen().phases(SPEC, 2, WD, 10));
    }

    @Test
    void phases_geometric_risesFromLowestToOne() {
        List<LayerTraining> layers = FineTuning.discriminative(0.01).phases(SPEC, 2, WD, 10).get(0).layers();

        assertThat(layers).extracting(LayerTraining::weightRate).satisfies(rates -> {
            assertThat(rates.get(0)).isCloseTo(0.01, within(1e-12));
            assertThat(rates.get(2)).isCloseTo(0.1, within(1e-12));
            assertThat(rates.get(4)).isEqualTo(1.0);
        });
    }

    @Test
    void phases_layerDecay_multipliesDownFromTheOutput() {
        List<LayerTraining> layers = FineTuning.layerDecay(0.5).phases(SPEC, 2, WD, 10).get(0).layers();

        assertThat(layers).extracting(LayerTraining::weightRate).containsExactly(0.0625, 0.125, 0.25, 0.5, 1.0);
    }

    @Test
    void phases_lpFt_givesTheLastPhaseTheRemainingEpochs() {
        List<TrainingPhase> phases = FineTuning.linearProbeThenFineTune(4).phases(SPEC, 2, WD, 10);

        assertThat(phases).extracting(TrainingPhase::epochs).containsExactly(4, 6);
        assertThat(phases.get(0).layers().subList(0, 2)).containsOnly(LayerTraining.FROZEN);
        assertThat(phases.get(1).layers()).containsOnly(LayerTraining.trained(WD));
    }

    @Test
    void phases_percentages_areSharesOfTheFitsEpochsAtLeastOne() {
        FineTuning policy = FineTuning.parse("25%:new>10%:n..>all");

        assertThat(policy.phases(SPEC, 2, WD, 12)).extracting(TrainingPhase::epochs).containsExactly(3, 1, 8);
        assertThat(policy.phases(SPEC, 2, WD, 1200)).extracting(TrainingPhase::epochs).containsExactly(300, 120, 780);
        assertThat(policy.phases(SPEC, 2, WD, 3)).extracting(TrainingPhase::epochs).containsExactly(1, 1, 1);
    }

    @Test
    void parse_percentagesTakingEveryEpoch_fail() {
        assertThatThrownBy(() -> FineTuning.parse("60%:new>40%:n..>all"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the phases before the last take 100% of the epochs; they must leave some for the last "
                        + "phase (less than 100%)");
    }

    @Test
    void phases_gradualUnfreezing_unfreezesOneCopiedLayerPerPhaseFromTheTop() {
        List<TrainingPhase> phases = FineTuning.gradualUnfreezing(1, 2).phases(SPEC, 3, WD, 5);

        assertThat(phases).extracting(p -> p.layers().stream().map(LayerTraining::updated).toList()).containsExactly(
                List.of(false, false, false, true, true),
                List.of(false, false, true, true, true),
                List.of(false, true, true, true, true),
                List.of(true, true, true, true, true));
    }

    @Test
    void phases_relativeRangeBelowLayerOne_isClamped() {
        List<TrainingPhase> phases = FineTuning.gradualUnfreezing(1, 3).phases(SPEC, 1, WD, 6);

        assertThat(phases.get(3).layers().get(0).updated()).isTrue();
    }

    @Test
    void phases_l2Sp_decaysCopiedLayersTowardTheirStartAndNewOnesTowardZero() {
        List<LayerTraining> layers = FineTuning.fineTuned().withL2Sp(0.1, 0.01).phases(SPEC, 2, WD, 10).get(0)
                .layers();

        assertThat(layers.get(0)).isEqualTo(new LayerTraining(true, 1, 1, 1, 0.1, true));
        assertThat(layers.get(3)).isEqualTo(new LayerTraining(true, 1, 1, 1, 0.01, false));
    }

    @Test
    void phases_l2SpWithFrozenFirstPhase_keepsTheStartOfCopiedLayersFromTheBuild() {
        List<TrainingPhase> phases = FineTuning.linearProbeThenFineTune(1).withL2Sp(0.1, 0.0).phases(SPEC, 2, WD, 3);

        assertThat(phases.get(0).layers().get(0).towardStart()).isTrue();
        assertThat(phases.get(0).layers().get(0).frozen()).isTrue();
    }

    @Test
    void phases_bitFit_trainsOnlyBiasesOfCopiedLayersInTrainingMode() {
        LayerTraining conv1 = FineTuning.bitFit().phases(SPEC, 2, WD, 10).get(0).layers().get(0);

        assertThat(conv1).isEqualTo(new LayerTraining(true, 0, 1, 0, 0, false));
    }

    @Test
    void phases_batchNormModes_touchOnlyFrozenLayersWithBatchNorm() {
        List<LayerTraining> running = FineTuning.frozen().phases(SPEC, 2, WD, 10).get(0).layers();
        List<LayerTraining> batch = FineTuning.frozen().withBatchNorm(FrozenBatchNorm.BATCH).phases(SPEC, 2, WD, 10)
                .get(0).layers();
        List<LayerTraining> train = FineTuning.frozen().withBatchNorm(FrozenBatchNorm.TRAINED)
                .phases(SPEC, 2, WD, 10).get(0).layers();

        assertThat(running.get(1)).isEqualTo(LayerTraining.FROZEN);
        assertThat(batch.get(0)).isEqualTo(LayerTraining.FROZEN);
        assertThat(batch.get(1)).isEqualTo(new LayerTraining(true, 0, 0, 0, 0, false));
        assertThat(train.get(1)).isEqualTo(new LayerTraining(true, 0, 0, 1, 0, false));
    }

    @Test
    void frozenPrefix_isTheLeadingLayersFrozenInEveryPhase() {
        assertThat(FineTuning.frozen().frozenPrefix(SPEC, 3)).isEqualTo(3);
        assertThat(FineTuning.fineTuned().frozenPrefix(SPEC, 3)).isZero();
        assertThat(FineTuning.parse("2:new>n..").frozenPrefix(SPEC, 3)).isEqualTo(2);
        assertThat(FineTuning.parse("1,3..").frozenPrefix(SPEC, 2)).isZero();
        assertThat(FineTuning.frozen().withBatchNorm(FrozenBatchNorm.BATCH).frozenPrefix(SPEC, 3)).isEqualTo(1);
    }

    @Test
    void phases_earlierPhasesTakeEveryEpoch_failsNamingTheEpochsNeeded() {
        assertThatThrownBy(() -> FineTuning.linearProbeThenFineTune(4).phases(SPEC, 2, WD, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fine-tuning policy 4:new>all runs 4 epochs before its last phase, which leaves none of "
                        + "the configuration's 4 (epochs must be at least 5)");
    }

    @Test
    void check_layerSelectedTwice_failsNamingBothSelections() {
        assertThatThrownBy(() -> FineTuning.parse("all,new").check(SPEC, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fine-tuning policy all,new selects layer 3 twice in phase 1 at n = 2 ('all' and 'new')");
    }

    @Test
    void check_absoluteLayerOutsideTheNetwork_fails() {
        assertThatThrownBy(() -> FineTuning.parse("1..9").check(SPEC, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layer 9 of '1..9' must be in [1, 5] for a network with 5 layers");
    }

    @Test
    void check_freshLayerNeverTrained_fails() {
        assertThatThrownBy(() -> FineTuning.parse("copied,5").check(SPEC, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fine-tuning policy copied,5 never trains layer 3 (fc3) at n = 2, which is freshly "
                        + "initialised");
    }

    @Test
    void parse_lastPhaseWithEpochs_failsSayingHowToWriteIt() {
        assertThatThrownBy(() -> FineTuning.parse("4:new"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fine-tuning policy '4:new' cannot be read: the last phase runs the epochs the "
                        + "configuration has left, so it takes no length; got '4:' (add a phase after it, e.g. "
                        + "'4:new>all')");
    }

    @Test
    void parse_earlierPhaseWithoutEpochs_fails() {
        assertThatThrownBy(() -> FineTuning.parse("new>all"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fine-tuning policy 'new>all' cannot be read: phase 1 must give its length, as in "
                        + "'2:new' or '25%:new'; only the last phase runs the rest");
    }

    @Test
    void parse_unknownOption_failsListingTheOptions() {
        assertThatThrownBy(() -> FineTuning.parse("all;dropout"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fine-tuning policy 'all;dropout' cannot be read: option 'dropout' is not one of "
                        + "l2sp(alpha,beta), wd, bn=running|batch|train, reset");
    }

    @Test
    void parse_notALayer_failsListingTheForms() {
        assertThatThrownBy(() -> FineTuning.parse("fc3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fine-tuning policy 'fc3' cannot be read: 'fc3' is not a layer: give all, copied, new, a "
                        + "layer such as 3, n, n+1 or n-2, or a range such as 2..4, n.. or ..n-1");
    }

    @Test
    void parse_valuesOutOfRange_failWithTheRange() {
        assertThatThrownBy(() -> FineTuning.parse("all=geo(2)"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lowest rate multiple of geo(...) must be in (0, 1], got 2.0");
        assertThatThrownBy(() -> FineTuning.parse("all;l2sp(0.1,-1)"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fine-tuning policy 'all;l2sp(0.1,-1)' cannot be read: '-1' is not a number");
        assertThatThrownBy(() -> FineTuning.parse("all;bn=off"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bn must be one of running, batch, train, got 'off'");
        assertThatThrownBy(() -> FineTuning.parse(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fine-tuning policy '' cannot be read: it is empty");
    }
}
