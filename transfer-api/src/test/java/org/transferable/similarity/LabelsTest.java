package org.transferable.similarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LabelsTest {
    @Test
    void counts_countsEachClass() {
        assertThat(Labels.of(4, 0, 2, 2, 3).counts()).containsExactly(1, 0, 2, 1);
    }

    @Test
    void of_labelOutOfRange_throws() {
        assertThatThrownBy(() -> Labels.of(10, 0, 1, 2, 3, 4, 12))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("label must be in [0, 9], got 12 at index 5");
    }

    @Test
    void of_negativeLabel_throws() {
        assertThatThrownBy(() -> Labels.of(3, 0, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("label must be in [0, 2], got -1 at index 1");
    }

    @Test
    void of_oneClass_throws() {
        assertThatThrownBy(() -> Labels.of(1, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("class count must be in [2, 2147483647], got 1");
    }

    @Test
    void of_noLabels_throws() {
        assertThatThrownBy(() -> Labels.of(2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("label count must be in [1, 2147483647], got 0");
    }

    @Test
    void values_isACopy() {
        Labels labels = Labels.of(2, 0, 1);
        labels.values()[0] = 1;

        assertThat(labels.get(0)).isZero();
    }
}
