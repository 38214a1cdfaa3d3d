package org.transferable.network;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.transferable.data.LabelledImages;
import org.transferable.spec.InputShape;
import org.transferable.spec.NetworkSpec;

/** {@link NetworkChecks}: the messages every backend gives, in one place. */
class NetworkChecksTest {
    private static final NetworkSpec SPEC = NetworkSpec.builder("mlp", InputShape.image(1, 2, 2))
            .dense("fc1", 4).dense("fc2", 4).output("out");
    private static final LabelledImages IMAGES = LabelledImages.of(InputShape.image(1, 2, 2), new byte[8],
            new int[] {0, 1}, List.of("cat", "dog"));

    @Test
    void copyCount_inRange_passes() {
        assertThatCode(() -> NetworkChecks.copyCount(SPEC, 1)).doesNotThrowAnyException();
        assertThatCode(() -> NetworkChecks.copyCount(SPEC, 2)).doesNotThrowAnyException();
    }

    @Test
    void copyCount_allLayers_namesRangeAndLayers() {
        assertThatThrownBy(() -> NetworkChecks.copyCount(SPEC, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("copy count must be in [1, 2] for a network with 3 layers [fc1, fc2, out], got 3");
    }

    @Test
    void imageShape_otherShape_namesBoth() {
        NetworkSpec wide = NetworkSpec.builder("wide", InputShape.image(3, 2, 2)).dense("fc1", 4).output("out");

        assertThatThrownBy(() -> NetworkChecks.imageShape(wide, IMAGES, "task A"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("task A has images of 1x2x2 but network wide expects 3x2x2");
    }

    @Test
    void classCount_otherCount_namesBothClassLists() {
        assertThatCode(() -> NetworkChecks.classCount(List.of("a", "b"), IMAGES, "task B has"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> NetworkChecks.classCount(List.of("a", "b", "c"), IMAGES, "the evaluation images have"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("network classifies 3 classes [a, b, c] but the evaluation images have 2 [cat, dog]");
    }
}
