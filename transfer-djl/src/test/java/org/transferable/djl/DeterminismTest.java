package org.transferable.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.transferable.testkit.FashionMnistFixture;
import org.transferable.data.ClassSplit;
import org.transferable.data.Task;
import org.transferable.network.Network;
import org.transferable.network.NetworkWeights;
import org.transferable.network.Tensor;
import org.transferable.spec.ConvolutionLayer;
import org.transferable.spec.DenseLayer;
import org.transferable.spec.InputShape;
import org.transferable.spec.NetworkSpec;
import org.transferable.spec.OutputLayer;
import org.transferable.spec.Pooling;
import org.transferable.train.TrainingConfig;

/**
 * Same seed, same parameters: for the seeded initialisation (and its distributions), and for training a network
 * with dropout and batch normalisation, also when two networks train at once on two threads.
 */
class DeterminismTest {
    private static final NetworkSpec SPEC = new NetworkSpec("noisy", InputShape.image(1, 28, 28), List.of(
            ConvolutionLayer.of("conv1", 4, 5).withBatchNorm(true).withPooling(Pooling.max(2, 2)),
            DenseLayer.of("fc2", 32).withDropout(0.5).withBatchNorm(true),
            DenseLayer.of("fc3", 16).withDropout(0.3),
            new OutputLayer("out")));
    private static final TrainingConfig CONFIG = TrainingConfig.defaults().withEpochs(1).withBatchSize(32).withSeed(21);

    private final DjlBackend backend = new DjlBackend();

    private static Task task() {
        Task a = ClassSplit.of(List.of(0, 1, 2), List.of(3, 4)).apply(FashionMnistFixture.load()).a();
        return new Task("A", a.train().perClass(40, 2), a.test().perClass(10, 2));
    }

    @Test
    void initialise_sameSeedSameWeights_otherSeedOtherWeights() {
        Task task = task();
        NetworkWeights first = backend.initialise(SPEC, task, 4).weights();

        assertThat(backend.initialise(SPEC, task, 4).weights()).isEqualTo(first);
        assertThat(backend.initialise(SPEC, task, 5).weights().layer(1).tensor("weight"))
                .isNotEqualTo(first.layer(1).tensor("weight"));
    }

    @Test
    void initialise_heForHiddenWeightsXavierForTheOutputZeroBiasesUnitScales() {
        NetworkSpec wide = NetworkSpec.builder("wide", InputShape.image(1, 28, 28))
                .conv("conv1", 64, 5, Pooling.max(2, 2)).dense("fc2", 512).output("out");
        NetworkWeights weights = backend.initialise(wide, task(), 1).weights();

        assertThat(std(weights.layer(1).tensor("weight"))).isCloseTo(Math.sqrt(2.0 / 25), within(0.01));
        assertThat(std(weights.layer(2).tensor("weight"))).isCloseTo(Math.sqrt(2.0 / (64 * 12 * 12)), within(0.001));
        assertThat(std(weights.layer(3).tensor("weight"))).isCloseTo(Math.sqrt(2.0 / (512 + 3)), within(0.005));
        assertThat(weights.layer(2).tensor("bias").values()).containsOnly(0f);
        NetworkWeights normalised = backend.initialise(SPEC, task(), 1).weights();
        assertThat(normalised.layer(1).tensor("gamma").values()).containsOnly(1f);
        assertThat(normalised.layer(1).tensor("variance").values()).containsOnly(1f);
        assertThat(normalised.layer(1).tensor("mean").values()).containsOnly(0f);
    }

    @Test
    void fit_sameSeedGivesIdenticalParametersEvenOnTwoThreadsAtOnce() throws Exception {
        Task task = task();
        Network initial = backend.initialise(SPEC, task, 9);
        NetworkWeights sequential = backend.fit(initial, task, CONFIG, org.transferable.train.TrainingListener.NONE)
                .weights();
        NetworkWeights otherSeed = backend.fit(initial, task, CONFIG.withSeed(22),
                org.transferable.train.TrainingListener.NONE).weights();

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<CompletableFuture<NetworkWeights>> parallel = List.of(
                    CompletableFuture.supplyAsync(() -> backend.fit(initial, task, CONFIG,
                            org.transferable.train.TrainingListener.NONE).weights(), pool),
                    CompletableFuture.supplyAsync(() -> backend.fit(initial, task, CONFIG,
                            org.transferable.train.TrainingListener.NONE).weights(), pool));
            for (CompletableFuture<NetworkWeights> future : parallel) {
                assertThat(future.get()).isEqualTo(sequential);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(otherSeed).isNotEqualTo(sequential);
    }

    private static double std(Tensor tensor) {
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < tensor.size(); i++) {
            sum += tensor.get(i);
            squares += (double) tensor.get(i) * tensor.get(i);
        }
        double mean = sum / tensor.size();
        return Math.sqrt(squares / tensor.size() - mean * mean);
    }
}
