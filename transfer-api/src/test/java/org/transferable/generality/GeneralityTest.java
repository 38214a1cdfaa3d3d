package org.transferable.generality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.transferable.data.LabelledImages;
import org.transferable.data.Task;
import org.transferable.engine.ReferenceEngine;
import org.transferable.network.Backend;
import org.transferable.network.Network;
import org.transferable.similarity.LayerProfile;
import org.transferable.spec.InputShape;
import org.transferable.spec.NetworkSpec;
import org.transferable.spec.Pooling;
import org.transferable.train.TrainingConfig;
import org.transferable.train.TrainingListener;

/**
 * Generality profiles on the plain-Java {@link ReferenceEngine}, with real training on small synthetic images whose
 * class is where a bright square sits (a task a tiny network learns in a second).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeneralityTest {
    private static final NetworkSpec SPEC = NetworkSpec.builder("tiny", InputShape.image(1, 8, 8))
            .conv("conv1", 4, 3, Pooling.max(2, 2))
            .dense("fc2", 8)
            .output("out");
    private static final TrainingConfig CONFIG = TrainingConfig.defaults().withEpochs(6).withBatchSize(8).withSeed(3)
            .withLearningRate(0.05);

    private final Backend backend = Backend.of(new ReferenceEngine(), 0);
    private final Generality generality = Generality.defaults().withCkaBatchSize(30);
    private final Task task = new Task("A", squares(120, 1), squares(90, 2));
    private Network trained;
    private Network untrained;

    @BeforeAll
    void networks() {
        trained = backend.fit(backend.initialise(SPEC, task, 1), task, CONFIG, TrainingListener.NONE);
        untrained = backend.initialise(SPEC, task, 77);
        assertThat(trained.evaluate(task.test()).accuracy()).isGreaterThan(0.8);
    }

    @Test
    void similarity_networkAndItself_isOneAtEveryLayer() {
        LayerProfile profile = generality.similarity(trained, trained, task.test());

        assertThat(profile.measure()).isEqualTo("minibatch CKA");
        assertThat(profile.layers()).isEqualTo(2);
        assertThat(profile.values()).allSatisfy(v -> assertThat(v).isCloseTo(1.0, within(1e-9)));
        assertThat(profile.seconds()).isGreaterThanOrEqualTo(0.0);
    }

    @Test
    void similarity_trainedAndDifferentlySeededUntrained_isLowerAtTheTopThanAtLayerOne() {
        LayerProfile profile = generality.similarity(trained, untrained, task.test());

        // measured 0.989 and 0.906: training changes the top layer more than the first
        assertThat(profile.value(2)).isLessThan(profile.value(1)).isLessThan(0.95);
    }

    @Test
    void logMe_trainedTopHiddenLayer_beatsTheUntrainedNetworks() {
        LayerProfile onTrained = generality.logMe(trained, task.test());
        LayerProfile onUntrained = generality.logMe(untrained, task.test());

        assertThat(onTrained.measure()).isEqualTo("LogME");
        assertThat(onTrained.value(2)).isGreaterThan(onUntrained.value(2));
    }

    @Test
    void hScoreAndLabelCka_trainedTopHiddenLayer_beatTheUntrainedNetworks() {
        LayerProfile hTrained = generality.hScore(trained, task.test());
        LayerProfile hUntrained = generality.hScore(untrained, task.test());
        LayerProfile ckaTrained = generality.labelCka(trained, task.test());
        LayerProfile ckaUntrained = generality.labelCka(untrained, task.test());

        assertThat(hTrained.measure()).isEqualTo("H-score");
        assertThat(hTrained.value(2)).isGreaterThan(hUntrained.value(2));
        assertThat(ckaTrained.measure()).isEqualTo("label CKA");
        assertThat(ckaTrained.value(2)).isGreaterThan(ckaUntrained.value(2));
    }

    @Test
    void leepAndNce_trainedSource_beatTheUntrainedOnItsOwnTask() {
        double leep = generality.leep(trained, task.test());
        double nce = generality.nce(trained, task.test());

        assertThat(leep).isLessThanOrEqualTo(0.0).isGreaterThan(generality.leep(untrained, task.test()));
        assertThat(nce).isLessThanOrEqualTo(0.0).isGreaterThan(generality.nce(untrained, task.test()));
    }

    @Test
    void similarity_networksOfDifferentSpecs_exactMessage() {
        NetworkSpec other = NetworkSpec.builder("other", InputShape.image(1, 8, 8)).dense("fc1", 4).output("out");
        Network different = backend.initialise(other, task, 1);

        assertThatThrownBy(() -> generality.similarity(trained, different, task.test()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("similarity needs two networks of the same spec, got tiny [conv1, fc2, out] and other"
                        + " [fc1, out]");
    }

    @Test
    void similarityAndLabelCka_fewerImagesThanABatch_exactMessage() {
        LabelledImages few = task.test().head(29);

        assertThatThrownBy(() -> generality.similarity(trained, untrained, few))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("minibatch CKA with batch size 30 needs at least 30 images, got 29");
        assertThatThrownBy(() -> generality.labelCka(trained, few))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("minibatch CKA with batch size 30 needs at least 30 images, got 29");
    }

    @Test
    void withCkaBatchSize_belowFour_exactMessage() {
        assertThatThrownBy(() -> Generality.defaults().withCkaBatchSize(3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CKA batch size must be in [4, 2147483647], got 3");
        assertThat(Generality.defaults().ckaBatchSize()).isEqualTo(256);
    }

    @Test
    void logMe_targetOfOneClass_exactMessage() {
        LabelledImages one = LabelledImages.of(InputShape.image(1, 8, 8), new byte[64 * 3], new int[3],
                List.of("only"));

        assertThatThrownBy(() -> generality.logMe(trained, one))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("target images need at least 2 classes, got 1 [only]");
    }

    @Test
    void logMe_imagesOfAnotherShape_namesBothShapes() {
        LabelledImages small = LabelledImages.of(InputShape.image(1, 4, 4), new byte[32], new int[] {0, 1},
                List.of("a", "b"));

        assertThatThrownBy(() -> generality.hScore(trained, small))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the activation images has images of 1x4x4 but network tiny expects 1x8x8");
    }

    @Test
    void pool_convolutionRows_averageEachChannel() {
        org.transferable.similarity.FeatureMatrix m = new org.transferable.similarity.FeatureMatrix(1, 4,
                new float[] {1, 3, 10, 20});

        assertThat(LayerFeatures.pool(m, 2)).containsExactly(2f, 15f);
        assertThat(LayerFeatures.pool(m, 4)).containsExactly(1f, 3f, 10f, 20f);
    }

    static LabelledImages squares(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] pixels = new byte[count * 64];
        int[] labels = new int[count];
        int[][] corners = {{0, 0}, {0, 5}, {5, 2}};
        for (int i = 0; i < count; i++) {
            labels[i] = random.nextInt(3);
            for (int p = 0; p < 64; p++) {
                pixels[i * 64 + p] = (byte) random.nextInt(60);
            }
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    pixels[i * 64 + (corners[labels[i]][0] + r) * 8 + corners[labels[i]][1] + c] = (byte) 230;
                }
            }
        }
        return LabelledImages.of(InputShape.image(1, 8, 8), pixels, labels, List.of("left", "right", "bottom"));
    }
}
