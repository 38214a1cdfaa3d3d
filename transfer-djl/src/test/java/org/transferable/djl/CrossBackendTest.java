package org.transferable.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.transferable.data.ClassSplit;
import org.transferable.data.SplitTasks;
import org.transferable.data.Task;
import org.transferable.generality.Generality;
import org.transferable.network.Backend;
import org.transferable.network.Backends;
import org.transferable.network.Network;
import org.transferable.plan.TransferPlan;
import org.transferable.similarity.FeatureMatrix;
import org.transferable.similarity.LayerProfile;
import org.transferable.spec.ConvolutionLayer;
import org.transferable.spec.DenseLayer;
import org.transferable.spec.InputShape;
import org.transferable.spec.NetworkSpec;
import org.transferable.spec.OutputLayer;
import org.transferable.spec.Pooling;
import org.transferable.testkit.FashionMnistFixture;
import org.transferable.train.Evaluation;
import org.transferable.train.TrainingConfig;
import org.transferable.transfer.Transfer;
import org.transferable.weights.NetworkWeights;
import org.transferable.weights.WeightsFile;

/**
 * A base trained on one backend is the source of a transfer on the other, both ways: in memory (a backend's
 * {@code transfer} copies any network's neutral weights) and from disk (the neutral {@code weights.safetensors}
 * both backends save). The layouts agree exactly: the same weights give the same predictions on both engines.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossBackendTest {
    /** Convolution with batch norm, a plain convolution, dense with batch norm and dropout: every layout. */
    private static final NetworkSpec SPEC = new NetworkSpec("cross", InputShape.image(1, 28, 28), List.of(
            ConvolutionLayer.of("conv1", 6, 5).withBatchNorm(true).withPooling(Pooling.max(2, 2)),
            ConvolutionLayer.of("conv2", 12, 5).withPooling(Pooling.max(2, 2)),
            DenseLayer.of("fc3", 32).withBatchNorm(true).withDropout(0.25),
            new OutputLayer("fc4")));
    private static final TrainingConfig CONFIG = TrainingConfig.defaults().withEpochs(1).withBatchSize(32).withSeed(13);

    private final Backend djl = Backends.load("djl");
    private final Backend dl4j = Backends.load("dl4j");
    private Task taskA;
    private Task taskB;
    private Network dl4jBase;
    private Network djlBase;

    @BeforeAll
    void bases() {
        SplitTasks split = ClassSplit.of(List.of(0, 1, 2, 3, 4), List.of(7, 8, 9)).apply(FashionMnistFixture.load());
        taskA = new Task("A", split.a().train().perClass(100, 1), split.a().test().perClass(50, 1));
        taskB = new Task("B", split.b().train().perClass(100, 1), split.b().test().perClass(50, 1));
        dl4jBase = dl4j.train(SPEC, taskA, CONFIG);
        djlBase = djl.train(SPEC, taskA, CONFIG);
    }

    private static void assertFrozenCopy(Network trained, Network source, int n) {
        NetworkWeights after = trained.weights();
        for (int layer = 1; layer <= n; layer++) {
            assertThat(after.layer(layer)).isEqualTo(source.weights().layer(layer));
        }
        assertThat(after.layer(n + 1).tensor("weight")).isNotEqualTo(source.weights().layer(n + 1).tensor("weight"));
    }

    @Test
    void transfer_dl4jBaseOnDjl_copiesBitForBitAndFrozenLayersStayIdentical() {
        Network prepared = djl.transfer(dl4jBase, TransferPlan.parse("A2B"), taskB, 3);
        assertThat(prepared.backend().name()).isEqualTo("djl");
        assertThat(prepared.weights().layer(1)).isEqualTo(dl4jBase.weights().layer(1));
        assertThat(prepared.weights().layer(2)).isEqualTo(dl4jBase.weights().layer(2));
        assertFrozenCopy(djl.fit(prepared, taskB, CONFIG, org.transferable.train.TrainingListener.NONE), dl4jBase, 2);
    }

    @Test
    void transfer_djlBaseOnDl4j_copiesBitForBitAndFrozenLayersStayIdentical() {
        Network prepared = dl4j.transfer(djlBase, TransferPlan.parse("A3B"), taskB, 3);
        assertThat(prepared.backend().name()).isEqualTo("dl4j");
        assertThat(prepared.weights().layer(3)).isEqualTo(djlBase.weights().layer(3));

        assertFrozenCopy(dl4j.fit(prepared, taskB, CONFIG, org.transferable.train.TrainingListener.NONE), djlBase, 3);
    }

    @Test
    void load_dl4jSavedNetworkOnDjl_sameWeightsProvenanceAndPredictions(@TempDir Path dir) throws Exception {
        dl4jBase.save(dir);
        Network loaded = djl.load(dir);

        assertThat(loaded.backend().name()).isEqualTo("djl");
        assertThat(loaded.weights()).isEqualTo(dl4jBase.weights());
        assertThat(loaded.provenance()).isEqualTo(dl4jBase.provenance());
        Evaluation onDl4j = dl4jBase.evaluate(taskA.test());
        Evaluation onDjl = loaded.evaluate(taskA.test());
        // same function, two engines: float rounding may flip an image at a near-tie, no more
        assertThat(onDjl.accuracy()).isCloseTo(onDl4j.accuracy(), within(2.0 / onDjl.images()));
        assertThat(onDjl.loss()).isCloseTo(onDl4j.loss(), within(1e-4));

        Network anb = Transfer.from(loaded).copy(2).freeze().train(taskB, CONFIG);
        assertFrozenCopy(anb, dl4jBase, 2);
    }

    @Test
    void load_djlSavedNetwork_isTheSourceOfATransferOnDl4j(@TempDir Path dir) throws Exception {
        djlBase.save(dir);
        assertThat(WeightsFile.read(dir.resolve(WeightsFile.FILE_NAME))).isEqualTo(djlBase.weights());
        Network loaded = djl.load(dir);
        assertThat(loaded.evaluate(taskA.test())).isEqualTo(djlBase.evaluate(taskA.test()));

        Network anb = dl4j.fit(dl4j.transfer(loaded, TransferPlan.parse("A1B"), taskB, 5), taskB, CONFIG,
                org.transferable.train.TrainingListener.NONE);
        assertThat(anb.backend().name()).isEqualTo("dl4j");
        assertFrozenCopy(anb, djlBase, 1);
    }

    @Test
    void load_djlSavedNetworkOnDl4j_sameWeightsProvenanceAndPredictions(@TempDir Path dir) throws Exception {
        djlBase.save(dir);
        Network loaded = dl4j.load(dir);

        assertThat(loaded.backend().name()).isEqualTo("dl4j");
        assertThat(loaded.weights()).isEqualTo(djlBase.weights());
        assertThat(loaded.provenance()).isEqualTo(djlBase.provenance());
        Evaluation onDjl = djlBase.evaluate(taskA.test());
        Evaluation onDl4j = loaded.evaluate(taskA.test());
        // same function, two engines: float rounding may flip an image at a near-tie, no more
        assertThat(onDl4j.accuracy()).isCloseTo(onDjl.accuracy(), within(2.0 / onDl4j.images()));
        assertThat(onDl4j.loss()).isCloseTo(onDjl.loss(), within(1e-4));

        Network anb = Transfer.from(loaded).copy(2).freeze().train(taskB, CONFIG);
        assertThat(anb.backend().name()).isEqualTo("dl4j");
        assertFrozenCopy(anb, djlBase, 2);
    }

    @Test
    void load_djlSavedFrozenTransferOnDl4j_keepsItsFrozenLayersFrozen(@TempDir Path dir) throws Exception {
        Network frozenOnDjl = Transfer.from(djlBase).copy(2).freeze().train(taskB, CONFIG);
        frozenOnDjl.save(dir);
        Network loaded = dl4j.load(dir);

        assertThat(loaded.frozenLayers()).isEqualTo(2);
        assertThat(loaded.weights()).isEqualTo(frozenOnDjl.weights());
        assertThat(loaded.evaluate(taskB.test()).loss()).isCloseTo(frozenOnDjl.evaluate(taskB.test()).loss(),
                within(1e-4));
        Network trainedAgain = dl4j.fit(loaded, taskB, CONFIG.withSeed(14),
                org.transferable.train.TrainingListener.NONE);
        assertFrozenCopy(trainedAgain, djlBase, 2);
    }

    @Test
    void activations_sameWeightsOnBothBackends_agreeAtEveryLayerWithin1e4OfTheLayersMax(@TempDir Path dir)
            throws Exception {
        djlBase.save(dir);
        Network onDl4j = dl4j.load(dir);
        var images = taskB.test().head(120);

        for (int n = 1; n <= SPEC.layerCount(); n++) {
            FeatureMatrix djlValues = djlBase.activations(images, n);
            FeatureMatrix dl4jValues = onDl4j.activations(images, n);
            assertThat(dl4jValues.rows()).isEqualTo(120);
            assertThat(dl4jValues.cols()).isEqualTo(djlValues.cols());
            float[] a = djlValues.values();
            float[] b = dl4jValues.values();
            float max = 0f;
            float worst = 0f;
            for (int i = 0; i < a.length; i++) {
                max = Math.max(max, Math.abs(a[i]));
                worst = Math.max(worst, Math.abs(a[i] - b[i]));
            }
            assertThat(max).as("layer %d max", n).isGreaterThan(0f);
            assertThat(worst / max).as("layer %d: largest difference relative to the layer's max", n)
                    .isLessThan(1e-4f);
        }
    }

    @Test
    void generality_sameWeightsOnBothBackends_giveTheSameProfilesWithin1e3(@TempDir Path dir) throws Exception {
        djlBase.save(dir);
        Network onDl4j = dl4j.load(dir);
        var images = taskB.test().head(150);
        Generality generality = Generality.defaults().withCkaBatchSize(50);

        List<LayerProfile> djlProfiles = List.of(generality.logMe(djlBase, images), generality.hScore(djlBase, images),
                generality.labelCka(djlBase, images), generality.similarity(djlBase, dl4jBase, images));
        List<LayerProfile> dl4jProfiles = List.of(generality.logMe(onDl4j, images), generality.hScore(onDl4j, images),
                generality.labelCka(onDl4j, images), generality.similarity(onDl4j, dl4jBase, images));

        for (int p = 0; p < djlProfiles.size(); p++) {
            LayerProfile a = djlProfiles.get(p);
            LayerProfile b = dl4jProfiles.get(p);
            assertThat(b.measure()).isEqualTo(a.measure());
            for (int n = 1; n <= a.layers(); n++) {
                assertThat(b.value(n)).as("%s at layer %d", a.measure(), n)
                        .isCloseTo(a.value(n), within(1e-3 * Math.max(1, Math.abs(a.value(n)))));
            }
        }
        assertThat(generality.leep(onDl4j, images)).isCloseTo(generality.leep(djlBase, images), within(1e-4));
        assertThat(generality.nce(onDl4j, images)).isCloseTo(generality.nce(djlBase, images), within(1e-4));
    }

    @Test
    void activations_streamedInBatches_equalTheWholeFormOnBothBackends() {
        var images = taskB.test().head(101);
        for (Network network : List.of(djlBase, dl4jBase)) {
            List<FeatureMatrix> conv1 = new ArrayList<>();
            List<FeatureMatrix> fc3 = new ArrayList<>();
            network.activations(images, List.of(1, 3), 32, (first, layers) -> {
                conv1.add(layers.get(0));
                fc3.add(layers.get(1));
            });
            assertThat(conv1).hasSize(4);
            assertSameRows(conv1, network.activations(images, 1));
            assertSameRows(fc3, network.activations(images, 3));
        }
    }

    private static void assertSameRows(List<FeatureMatrix> batches, FeatureMatrix whole) {
        int row = 0;
        for (FeatureMatrix batch : batches) {
            for (int r = 0; r < batch.rows(); r++, row++) {
                for (int c = 0; c < batch.cols(); c++) {
                    assertThat(batch.get(r, c)).isCloseTo(whole.get(row, c), within(1e-5f));
                }
            }
        }
        assertThat(row).isEqualTo(whole.rows());
    }
}
