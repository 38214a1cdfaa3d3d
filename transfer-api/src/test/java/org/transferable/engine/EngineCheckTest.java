package org.transferable.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.transferable.weights.LayerWeights;
import org.transferable.weights.NetworkWeights;
import org.transferable.weights.Tensor;

/**
 * The check's decisions, with probes that stand in for engines: one that computes what the reference computes (in
 * float, as an engine would), and ones that break it in the ways engines break.
 */
class EngineCheckTest {
    private final List<String> applied = new ArrayList<>();

    @AfterEach
    void clearProperty() {
        System.clearProperty(EngineCheck.PROPERTY);
    }

    @Test
    void select_correctFirstConfiguration_keepsIt() {
        EngineCheck.Selection selection = EngineCheck.select("test", candidates(), probe(o -> o, o -> o));

        assertThat(selection.chosen().name()).isEqualTo("fast");
        assertThat(selection.rejected()).isEmpty();
        assertThat(selection.checked()).isTrue();
        assertThat(applied).containsExactly("fast");
    }

    @Test
    void select_wrongGradientInFirst_switchesToSecondAndSaysWhy() {
        EngineCheck.Selection selection = EngineCheck.select("test", candidates(),
                probe(o -> withGradient(o, 1, "bias", 0, 0.5f), o -> o));

        assertThat(selection.chosen().name()).isEqualTo("safe");
        assertThat(applied).containsExactly("fast", "safe");
        assertThat(selection.rejected()).singleElement().asString()
                .startsWith("fast wrong (gradient of conv1/bias: ")
                .contains(" away from the reference at index 0 ");
    }

    @Test
    void select_runsThatDiffer_fail() {
        AtomicInteger calls = new AtomicInteger();
        EngineCheck.Selection selection = EngineCheck.select("test", candidates(), probe(
                o -> calls.incrementAndGet() % 2 == 0 ? withGradient(o, 2, "weight", 3, 1e-6f) : o, o -> o));

        assertThat(selection.chosen().name()).isEqualTo("safe");
        assertThat(selection.rejected()).singleElement().asString()
                .startsWith("fast wrong (gradient of conv2/weight: two runs differ at index 3 ");
    }

    @Test
    void select_nonFiniteValue_fails() {
        EngineCheck.Selection selection = EngineCheck.select("test", candidates(),
                probe(o -> withGradient(o, 3, "weight", 5, Float.NaN), o -> o));

        assertThat(selection.rejected()).singleElement().asString()
                .isEqualTo("fast wrong (gradient of conv3/weight: non-finite value at index 5 (NaN, then NaN))");
    }

    @Test
    void select_engineThrows_failsThatConfiguration() {
        EngineCheck.Selection selection = EngineCheck.select("test", candidates(), probe(o -> {
            throw new IllegalStateException("kernel crashed");
        }, o -> o));

        assertThat(selection.rejected()).containsExactly(
                "fast wrong (the engine failed: java.lang.IllegalStateException: kernel crashed)");
    }

    @Test
    void select_noConfigurationPasses_refusesWithWhatDisagreedAndHowToOverride() {
        assertThatThrownBy(() -> EngineCheck.select("test", candidates(),
                probe(o -> withLoss(o, 7.0), o -> withGradient(o, 4, "bias", 1, Float.POSITIVE_INFINITY))))
                .isInstanceOf(EngineCheckException.class)
                .hasMessageStartingWith("backend test failed its numerical self-check in every configuration it has: "
                        + "fast wrong (loss: 7.00000, the reference 1.")
                .hasMessageContaining("; safe wrong (gradient of fc4/bias: non-finite value at index 1 (Infinity, "
                        + "then Infinity)). Training on it here would give wrong numbers. Use another backend, or set "
                        + "-Dtransferable.selfCheck=false to use it anyway");
    }

    @Test
    void select_checkSwitchedOff_keepsFirstWithoutRunningTheProbe() {
        System.setProperty(EngineCheck.PROPERTY, "false");

        EngineCheck.Selection selection = EngineCheck.select("test", candidates(), problem -> {
            throw new AssertionError("the probe must not run");
        });

        assertThat(selection.chosen().name()).isEqualTo("fast");
        assertThat(selection.checked()).isFalse();
        assertThat(applied).containsExactly("fast");
    }

    @Test
    void probe_referenceEngineThroughTheSpi_passes() {
        EngineCheck.Selection selection = EngineCheck.select("reference", candidates(),
                EngineCheck.probe(new ReferenceEngine()));

        assertThat(selection.chosen().name()).isEqualTo("fast");
        assertThat(selection.rejected()).isEmpty();
    }

    @Test
    void select_noCandidates_throws() {
        assertThatThrownBy(() -> EngineCheck.select("test", List.of(), problem -> null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("backend test offers no engine configuration to check");
    }

    @Test
    void problem_isFixedAndExercisesChannelTails() {
        EngineCheck.Problem problem = EngineCheck.problem();

        assertThat(EngineCheck.problem().weights()).isEqualTo(problem.weights());
        assertThat(EngineCheck.problem().images()).isEqualTo(problem.images());
        // output channels not a multiple of 8, and input channels above 16 that are not a multiple of 16
        assertThat(problem.spec().hiddenShapes().get(0).channels() % 8).isNotZero();
        assertThat(problem.spec().hiddenShapes().get(1).channels()).isGreaterThan(16);
        assertThat(problem.spec().hiddenShapes().get(1).channels() % 16).isNotZero();
        assertThat(problem.spec().hiddenShapes().get(2).channels() % 8).isNotZero();
    }

    private List<EngineCheck.Candidate> candidates() {
        return List.of(new EngineCheck.Candidate("fast", () -> applied.add("fast")),
                new EngineCheck.Candidate("safe", () -> applied.add("safe")));
    }

    /** A probe that computes the reference in float, then applies the breakage of the configuration in force. */
    private EngineCheck.Probe probe(UnaryOperator<EngineCheck.Outcome> fast, UnaryOperator<EngineCheck.Outcome> safe) {
        return problem -> {
            ReferenceNetwork.Pass pass = new ReferenceNetwork(problem.request(problem.weights()))
                    .run(problem.images(), problem.labels());
            float[] probabilities = new float[pass.probabilities().length];
            for (int i = 0; i < probabilities.length; i++) {
                probabilities[i] = (float) pass.probabilities()[i];
            }
            EngineCheck.Outcome exact = new EngineCheck.Outcome((float) pass.loss(), probabilities,
                    new NetworkWeights(pass.gradients()));
            return applied.get(applied.size() - 1).equals("fast") ? fast.apply(exact) : safe.apply(exact);
        };
    }

    private static EngineCheck.Outcome withLoss(EngineCheck.Outcome outcome, double loss) {
        return new EngineCheck.Outcome(loss, outcome.probabilities(), outcome.gradients());
    }

    private static EngineCheck.Outcome withGradient(EngineCheck.Outcome outcome, int layer, String tensor, int index,
            float delta) {
        List<LayerWeights> layers = new ArrayList<>();
        for (LayerWeights w : outcome.gradients().layers()) {
            List<Tensor> tensors = new ArrayList<>();
            for (Tensor t : w.tensors()) {
                float[] values = t.values();
                if (layers.size() + 1 == layer && t.name().equals(tensor)) {
                    values[index] = Float.isFinite(delta) ? values[index] + delta : delta;
                }
                tensors.add(new Tensor(t.name(), t.shape(), values));
            }
            layers.add(new LayerWeights(w.layer(), tensors));
        }
        return new EngineCheck.Outcome(outcome.loss(), outcome.probabilities(), new NetworkWeights(layers));
    }
}
