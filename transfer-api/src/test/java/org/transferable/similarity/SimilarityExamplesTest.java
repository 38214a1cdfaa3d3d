package org.transferable.similarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.transferable.similarity.TestMatrices.gaussian;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The Javadoc examples of this package, as they are written there. */
class SimilarityExamplesTest {
    @Test
    void packageExample_runs() {
        FeatureMatrix x = FeatureMatrix.of(new double[][] {{1, 0}, {0, 1}, {1, 1}, {2, 0}});
        FeatureMatrix y = FeatureMatrix.of(new double[][] {{2, 0}, {0, 2}, {2, 2}, {4, 1}});
        double similarity = Cka.linear(x, y);
        double logMe = LogMe.score(x, Labels.of(2, 0, 1, 1, 0));

        assertThat(similarity).isBetween(0.9, 1.0);
        assertThat(logMe).isFinite();
    }

    @Test
    void minibatchCkaExample_runs() {
        FeatureMatrix a1Batch1 = FeatureMatrix.of(gaussian(256, 3, 0, 1));
        FeatureMatrix a2Batch1 = FeatureMatrix.of(gaussian(256, 4, 0, 2));
        FeatureMatrix b1Batch1 = FeatureMatrix.of(gaussian(256, 5, 0, 3));
        FeatureMatrix b2Batch1 = a2Batch1;
        FeatureMatrix a1Batch2 = FeatureMatrix.of(gaussian(256, 3, 0, 4));
        FeatureMatrix a2Batch2 = FeatureMatrix.of(gaussian(256, 4, 0, 5));
        FeatureMatrix b1Batch2 = FeatureMatrix.of(gaussian(256, 5, 0, 6));
        FeatureMatrix b2Batch2 = a2Batch2;

        MinibatchCka cka = MinibatchCka.of(256, 2, 2)
                .add(List.of(a1Batch1, a2Batch1), List.of(b1Batch1, b2Batch1))
                .add(List.of(a1Batch2, a2Batch2), List.of(b1Batch2, b2Batch2));
        double layer2 = cka.cka(1, 1); // layer a2 against layer b2

        assertThat(layer2).isEqualTo(1.0, within(1e-12));
    }

    @Test
    void layerProfileExample_runs() {
        LayerProfile profile = new LayerProfile("linear CKA", List.of(0.95, 0.90, 0.55, 0.30), 1.5);
        int cut = profile.suggestedCut(0.8); // 2: layers 1 and 2 score at least 0.8, layer 3 does not

        assertThat(cut).isEqualTo(2);
    }
}
