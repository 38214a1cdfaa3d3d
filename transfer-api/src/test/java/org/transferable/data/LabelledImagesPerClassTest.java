package org.transferable.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.transferable.spec.InputShape;

/** The per-class cap a study applies to every task ({@code StudyPlan.trainImagesPerClass}). */
class LabelledImagesPerClassTest {
    /** Class 0 has 20 images, class 1 has 5, class 2 has 12; the first pixel encodes the image's index. */
    private static LabelledImages images() {
        int[] labels = new int[37];
        byte[] pixels = new byte[37];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i < 20 ? 0 : i < 25 ? 1 : 2;
            pixels[i] = (byte) i;
        }
        return LabelledImages.of(InputShape.image(1, 1, 1), pixels, labels, List.of("a", "b", "c"));
    }

    @Test
    void perClass_capsLargeClassesAndKeepsSmallOnes() {
        assertThat(images().perClass(8, 1).classCounts()).containsExactly(8, 5, 8);
    }

    @Test
    void perClass_keepsTheOriginalOrder() {
        LabelledImages capped = images().perClass(8, 1);

        for (int i = 1; i < capped.size(); i++) {
            assertThat(capped.pixel(i, 0)).isGreaterThan(capped.pixel(i - 1, 0));
        }
    }

    @Test
    void perClass_sameSeed_sameImages() {
        LabelledImages a = images().perClass(8, 3);
        LabelledImages b = images().perClass(8, 3);

        for (int i = 0; i < a.size(); i++) {
            assertThat(b.pixel(i, 0)).isEqualTo(a.pixel(i, 0));
        }
    }

    @Test
    void perClass_capAboveEveryClass_keepsEverything() {
        assertThat(images().perClass(Integer.MAX_VALUE, 0).size()).isEqualTo(37);
    }

    @Test
    void perClass_zero_throws() {
        assertThatThrownBy(() -> images().perClass(0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("images per class must be in [1, 2147483647], got 0");
    }
}
