package org.transferable.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@link InputShape}: ranges, size and string form. */
class InputShapeTest {

    @Test
    void image_sizeAndToString() {
        InputShape shape = InputShape.image(3, 32, 28);

        assertThat(shape.size()).isEqualTo(3 * 32 * 28);
        assertThat(shape).hasToString("3x32x28");
        assertThat(shape).isEqualTo(new InputShape(3, 32, 28));
    }

    @Test
    void image_zeroOrTooLargeDimension_fails() {
        assertThatThrownBy(() -> InputShape.image(0, 28, 28))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("input channels must be in [1, 1048576], got 0");
        assertThatThrownBy(() -> InputShape.image(1, 0, 28))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("input height must be in [1, 16384], got 0");
        assertThatThrownBy(() -> InputShape.image(1, 28, 16385))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("input width must be in [1, 16384], got 16385");
    }

    @Test
    void image_moreValuesThanAnIntHolds_fails() {
        assertThatThrownBy(() -> InputShape.image(8, 16384, 16384))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a shape of 8x16384x16384 has 2147483648 values, more than 2147483647");
    }

    @Test
    void image_largestSizeThatFitsAnInt_isAccepted() {
        InputShape shape = InputShape.image(7, 16384, 16384);

        assertThat(shape.size()).isEqualTo(7 * 16384 * 16384);
    }
}
