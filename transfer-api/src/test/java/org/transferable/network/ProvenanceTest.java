package org.transferable.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.transferable.json.Json;
import org.transferable.policy.FineTuning;
import org.transferable.spec.InputShape;
import org.transferable.spec.NetworkSpec;
import org.transferable.spec.Pooling;
import org.transferable.train.TrainingConfig;
import org.transferable.train.TrainingOutcome;

/** {@link Provenance}: what a fresh network records, how training extends it, and its JSON form. */
class ProvenanceTest {
    private static final NetworkSpec SPEC = NetworkSpec.builder("small", InputShape.image(1, 28, 28))
            .conv("conv1", 8, 5, Pooling.max(2, 2))
            .dense("fc2", 32, 0.25)
            .output("out");

    private static Provenance fresh() {
        return Provenance.fresh(SPEC, "A", List.of("cat", "dog"), "A1B", FineTuning.frozen(), 1, 7L, "test",
                "engine 1.0");
    }

    @Test
    void fresh_recordsThisMachineAndLibrary() {
        Provenance provenance = fresh();

        assertThat(provenance.spec()).isEqualTo(SPEC);
        assertThat(provenance.task()).isEqualTo("A");
        assertThat(provenance.classNames()).containsExactly("cat", "dog");
        assertThat(provenance.origin()).isEqualTo("A1B");
        assertThat(provenance.policy()).isEqualTo(FineTuning.frozen());
        assertThat(provenance.copiedLayers()).isEqualTo(1);
        assertThat(provenance.frozenLayers()).isEqualTo(1);
        assertThat(provenance.initSeed()).isEqualTo(7L);
        assertThat(provenance.training()).isEmpty();
        assertThat(provenance.backend()).isEqualTo("test");
        assertThat(provenance.engineVersion()).isEqualTo("engine 1.0");
        assertThat(provenance.java()).startsWith(System.getProperty("java.version") + " (")
                .contains(System.getProperty("java.vendor"));
        assertThat(provenance.os()).contains(System.getProperty("os.name")).endsWith(System.getProperty("os.arch"));
        assertThat(provenance.created()).isBeforeOrEqualTo(Instant.now());
    }

    @Test
    void fresh_libraryVersion_isFilledInByTheBuild() {
        assertThat(fresh().libraryVersion())
                .isEqualTo(LibraryVersion.get())
                .matches("transferable \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }

    @Test
    void trained_appendsTheRunAndKeepsTheRest() {
        Provenance fresh = fresh();
        TrainingConfig first = TrainingConfig.defaults();
        TrainingConfig second = TrainingConfig.defaults().withEpochs(2).withSeed(8L);

        Provenance twice = fresh.trained(first, outcome(5)).trained(second, outcome(2));

        assertThat(twice.training()).containsExactly(first, second);
        assertThat(twice.outcomes()).containsExactly(outcome(5), outcome(2));
        assertThat(fresh.training()).as("the original is unchanged").isEmpty();
        assertThat(twice.created()).isAfterOrEqualTo(fresh.created());
        assertThat(twice).usingRecursiveComparison().ignoringFields("training", "outcomes", "created")
                .isEqualTo(fresh);
    }

    @Test
    void constructor_outcomesNotOnePerRun_fail() {
        assertThatThrownBy(() -> new Provenance(SPEC, "A", List.of("x"), "scratch", 0, null, null, 1L,
                List.of(TrainingConfig.defaults()), List.of(outcome(1), outcome(2)), "test", "engine", "t", "17",
                "Linux", Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("1 training runs but 2 outcomes");
    }

    private static TrainingOutcome outcome(int epochs) {
        List<TrainingOutcome.Epoch> curve = new java.util.ArrayList<>();
        for (int e = 1; e <= epochs; e++) {
            curve.add(new TrainingOutcome.Epoch(e, 0.01, 1.0 / e, e == 1 ? null : 0.5 + 0.01 * e));
        }
        return new TrainingOutcome(epochs, epochs, curve);
    }

    @Test
    void constructor_copiedLayersBeyondLMinusOne_fails() {
        assertThatThrownBy(() -> Provenance.fresh(SPEC, "A", List.of("cat"), "A3B", FineTuning.frozen(), 3, 7L, "test",
                "engine"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("copied layers must be in [0, 2], got 3");
        assertThatThrownBy(() -> new Provenance(SPEC, "A", List.of("x"), "scratch", -1, null, null, 1L, List.of(),
                List.of(), "test", "engine", "t", "17", "Linux", Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("frozen layers must be in [0, 2], got -1");
    }

    @Test
    void constructor_policyThatNeverTrainsAFreshLayer_fails() {
        assertThatThrownBy(() -> Provenance.fresh(SPEC, "A", List.of("cat"), "A1B", FineTuning.parse("1..2"), 1, 7L,
                "test", "engine"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fine-tuning policy 1..2 never trains layer 3 (out) at n = 1, which is freshly "
                        + "initialised");
    }

    @Test
    void json_fileWithoutPolicy_readsThePaperPolicyFromFrozenLayersAndOrigin() {
        String frozen = Json.write(fresh()).replaceAll("\\s*\"policy\"\\s*:\\s*\"[^\"]*\",", "")
                .replaceAll("\\s*\"copiedLayers\"\\s*:\\s*[0-9]+,", "");
        String fineTuned = frozen.replace("\"frozenLayers\" : 1", "\"frozenLayers\" : 0").replace("A1B", "A2B+");

        Provenance old = Json.read(frozen, Provenance.class);
        Provenance oldFineTuned = Json.read(fineTuned, Provenance.class);

        assertThat(frozen).doesNotContain("policy").doesNotContain("copiedLayers");
        assertThat(old.policy()).isEqualTo(FineTuning.frozen());
        assertThat(old.copiedLayers()).isEqualTo(1);
        assertThat(old.frozenLayers()).isEqualTo(1);
        assertThat(oldFineTuned.policy()).isEqualTo(FineTuning.fineTuned());
        assertThat(oldFineTuned.copiedLayers()).isEqualTo(2);
        assertThat(oldFineTuned.frozenLayers()).isZero();
    }

    @Test
    void frozenLayers_ofAPolicy_areTheLayersFrozenInEveryPhase() {
        Provenance lpft = Provenance.fresh(SPEC, "A", List.of("cat"), "A2B[2:new>n..]",
                FineTuning.parse("2:new>n.."), 2, 7L, "test", "engine");

        assertThat(lpft.frozenLayers()).isEqualTo(1);
    }

    @Test
    void constructor_blankNames_fail() {
        assertThatThrownBy(() -> Provenance.fresh(SPEC, "", List.of("cat"), "scratch", FineTuning.fineTuned(), 0, 7L,
                "test", "engine"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("task must not be blank");
        assertThatThrownBy(() -> Provenance.fresh(SPEC, "A", List.of("cat"), " ", FineTuning.fineTuned(), 0, 7L,
                "test", "engine"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("origin must not be blank");
        assertThatThrownBy(() -> Provenance.fresh(SPEC, "A", List.of("cat"), "scratch", FineTuning.fineTuned(), 0, 7L,
                "", "engine"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("backend must not be blank");
    }

    @Test
    void json_roundTrip_givesAnEqualProvenance() {
        Provenance provenance = fresh().trained(TrainingConfig.defaults().withEpochs(3), outcome(3));

        Provenance read = Json.read(Json.write(provenance), Provenance.class);

        assertThat(read).isEqualTo(provenance);
        assertThat(read.created()).isEqualTo(provenance.created());
    }

    @Test
    void json_writesTheTimeAsIsoText() throws Exception {
        Provenance provenance = new Provenance(SPEC, "A", List.of("x"), "scratch", 0, null, null, 1L, List.of(),
                List.of(), "test", "engine",
                "transferable 0.0.0", "17", "Linux", Instant.parse("2024-05-06T07:08:09.123456789Z"));

        var tree = Json.mapper().readTree(Json.write(provenance));

        assertThat(tree.get("created").asText()).isEqualTo("2024-05-06T07:08:09.123456789Z");
        assertThat(Json.read(Json.write(provenance), Provenance.class)).isEqualTo(provenance);
    }
}
