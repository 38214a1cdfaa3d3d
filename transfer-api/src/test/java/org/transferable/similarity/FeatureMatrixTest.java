package org.transferable.similarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FeatureMatrixTest {
    @Test
    void of_rows_isRowMajor() {
        FeatureMatrix m = FeatureMatrix.of(new double[][] {{1, 2, 3}, {4, 5, 6}});

        assertThat(m.rows()).isEqualTo(2);
        assertThat(m.cols()).isEqualTo(3);
        assertThat(m.values()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(m.get(1, 0)).isEqualTo(4.0f);
    }

    @Test
    void constructor_copiesTheValues() {
        float[] values = {1, 2, 3, 4};
        FeatureMatrix m = new FeatureMatrix(2, 2, values);
        values[0] = 9;
        m.values()[1] = 9;

        assertThat(m.values()).containsExactly(1, 2, 3, 4);
        assertThat(m).isEqualTo(new FeatureMatrix(2, 2, new float[] {1, 2, 3, 4}));
    }

    @Test
    void constructor_wrongValueCount_throws() {
        assertThatThrownBy(() -> new FeatureMatrix(3, 2, new float[5]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("feature matrix of 3 x 2 needs 6 values, got 5");
    }

    @Test
    void constructor_noColumns_throws() {
        assertThatThrownBy(() -> new FeatureMatrix(3, 0, new float[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("feature matrix columns must be in [1, 2147483647], got 0");
    }

    @Test
    void of_nan_throwsWithItsLocation() {
        assertThatThrownBy(() -> FeatureMatrix.of(new double[][] {{1, 2}, {3, 4}, {Double.NaN, 0}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("feature matrix values must be finite, got NaN at row 2, column 0");
    }

    @Test
    void of_overflowToInfinity_throwsWithItsLocation() {
        assertThatThrownBy(() -> FeatureMatrix.of(new double[][] {{1, 1e300}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("feature matrix values must be finite, got Infinity at row 0, column 1");
    }

    @Test
    void of_raggedRows_throws() {
        assertThatThrownBy(() -> FeatureMatrix.of(new double[][] {{1, 2, 3}, {4, 5}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("feature matrix rows must all have 3 values, got 2 in row 1");
    }
}
