package org.transferable.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.transferable.data.TestImages.SHAPE;
import static org.transferable.data.TestImages.identities;
import static org.transferable.data.TestImages.interleaved;
import static org.transferable.data.TestImages.labelled;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.transferable.spec.InputShape;

/** {@link LabelledImages}: validation, copying, selection, stratified subsets and remapping. */
class LabelledImagesTest {
    private static final List<String> THREE = List.of("zero", "one", "two");

    @Test
    void of_copiesTheCallersArraysAndNames() {
        byte[] pixels = new byte[2 * SHAPE.size()];
        int[] labels = {0, 1};
        List<String> names = new ArrayList<>(List.of("a", "b"));
        LabelledImages images = LabelledImages.of(SHAPE, pixels, labels, names);

        pixels[0] = 9;
        labels[0] = 1;
        names.set(0, "changed");

        assertThat(images.pixel(0, 0)).isZero();
        assertThat(images.label(0)).isZero();
        assertThat(images.classNames()).containsExactly("a", "b");
    }

    @Test
    void labels_returnsACopy() {
        LabelledImages images = labelled(new int[] {0, 1, 2}, THREE);

        images.labels()[0] = 2;

        assertThat(images.labels()).containsExactly(0, 1, 2);
        assertThat(images.size()).isEqualTo(3);
        assertThat(images.classCount()).isEqualTo(3);
        assertThat(images.shape()).isEqualTo(SHAPE);
    }

    @Test
    void of_labelsAndImagesDisagree_fails() {
        assertThatThrownBy(() -> LabelledImages.of(SHAPE, new byte[10], new int[3], THREE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("labels and images disagree: 3 labels but 10 pixel bytes, which is 2.5 images of 1x2x2");
    }

    @Test
    void of_labelOutOfRange_failsNamingTheImage() {
        assertThatThrownBy(() -> labelled(new int[] {0, 3, 1}, THREE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("label of image 1 must be in [0, 2] for 3 classes, got 3");
        assertThatThrownBy(() -> labelled(new int[] {0, 1, -1}, THREE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("label of image 2 must be in [0, 2] for 3 classes, got -1");
    }

    @Test
    void of_noClassNames_fails() {
        assertThatThrownBy(() -> LabelledImages.of(SHAPE, new byte[0], new int[0], List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a labelled image set needs at least 1 class name");
    }

    @Test
    void copyImage_scalesBytesToUnitInterval() {
        byte[] pixels = {0, 51, (byte) 128, (byte) 255};
        LabelledImages images = LabelledImages.of(SHAPE, pixels, new int[] {0}, List.of("only"));
        float[] target = new float[6];
        target[0] = -7f;

        images.copyImage(0, target, 1);

        assertThat(target[0]).as("before the offset").isEqualTo(-7f);
        assertThat(target[1]).isEqualTo(0.0f);
        assertThat(target[2]).isEqualTo(0.2f);
        assertThat(target[3]).isCloseTo(128f / 255f, Offset.offset(1e-7f));
        assertThat(target[4]).isEqualTo(1.0f);
        assertThat(target[5]).as("after the image").isZero();
        assertThat(images.pixel(0, 3)).isEqualTo(255);
    }

    @Test
    void copyImage_everyByteValue_staysWithinZeroAndOne() {
        byte[] pixels = new byte[256];
        for (int i = 0; i < 256; i++) {
            pixels[i] = (byte) i;
        }
        LabelledImages images = LabelledImages.of(InputShape.image(1, 16, 16), pixels, new int[] {0}, List.of("a"));
        float[] target = new float[256];

        images.copyImage(0, target, 0);

        for (int i = 0; i < 256; i++) {
            assertThat(target[i]).as("byte %d", i).isBetween(0f, 1f).isEqualTo(i / 255f);
        }
    }

    @Test
    void select_keepsOrderAndRepeats() {
        LabelledImages images = labelled(new int[] {0, 1, 2, 0}, THREE);

        LabelledImages picked = images.select(new int[] {3, 1, 1});

        assertThat(identities(picked)).containsExactly(3, 1, 1);
        assertThat(picked.labels()).containsExactly(0, 1, 1);
        assertThat(picked.classNames()).isEqualTo(THREE);
    }

    @Test
    void select_indexOutOfRange_fails() {
        LabelledImages images = labelled(new int[] {0, 1, 2}, THREE);

        assertThatThrownBy(() -> images.select(new int[] {0, 3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("image index must be in [0, 2], got 3");
    }

    @Test
    void head_keepsTheFirstImages() {
        LabelledImages images = labelled(new int[] {2, 1, 0, 1}, THREE);

        assertThat(identities(images.head(2))).containsExactly(0, 1);
        assertThat(images.head(2).labels()).containsExactly(2, 1);
        assertThat(images.head(0).size()).isZero();
        assertThat(images.head(4).size()).isEqualTo(4);
    }

    @Test
    void head_countOutOfRange_fails() {
        LabelledImages images = labelled(new int[] {2, 1, 0, 1}, THREE);

        assertThatThrownBy(() -> images.head(5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("image count must be in [0, 4], got 5");
        assertThatThrownBy(() -> images.head(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("image count must be in [0, 4], got -1");
    }

    @Test
    void subset_half_keepsHalfOfEveryClassInOriginalOrder() {
        LabelledImages images = interleaved(3, 10);

        LabelledImages half = images.subset(0.5, 7L);

        assertThat(half.classCounts()).containsExactly(5, 5, 5);
        assertThat(identities(half)).isSorted().doesNotHaveDuplicates();
        for (int i = 0; i < half.size(); i++) {
            assertThat(half.label(i)).isEqualTo(images.label(half.pixel(i, 0)));
        }
    }

    @Test
    void subset_sameSeed_sameImages() {
        LabelledImages images = interleaved(3, 10);

        assertThat(identities(images.subset(0.5, 11L))).containsExactly(identities(images.subset(0.5, 11L)));
    }

    @Test
    void subset_differentSeeds_pickDifferentImages() {
        LabelledImages images = interleaved(3, 10);
        int[] first = identities(images.subset(0.5, 0L));

        boolean anyDifferent = false;
        for (long seed = 1; seed <= 3; seed++) {
            anyDifferent |= !Arrays.equals(first, identities(images.subset(0.5, seed)));
        }
        assertThat(anyDifferent).isTrue();
    }

    @Test
    void subset_tinyFraction_keepsOneImagePerClass() {
        assertThat(interleaved(4, 10).subset(0.001, 1L).classCounts()).containsExactly(1, 1, 1, 1);
    }

    @Test
    void subset_wholeFraction_keepsEverything() {
        LabelledImages images = interleaved(3, 4);

        assertThat(identities(images.subset(1.0, 5L))).containsExactly(identities(images));
    }

    @Test
    void subset_fractionOutOfRange_fails() {
        LabelledImages images = interleaved(2, 2);

        assertThatThrownBy(() -> images.subset(0.0, 1L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fraction must be in (0, 1], got 0.0");
        assertThatThrownBy(() -> images.subset(1.5, 1L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fraction must be in (0, 1], got 1.5");
        assertThatThrownBy(() -> images.subset(Double.NaN, 1L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fraction must be in (0, 1], got NaN");
    }

    @Test
    void remap_keepsNamesAndRelabelsInTheOrderGiven() {
        LabelledImages images = labelled(new int[] {0, 1, 2, 0, 1, 2}, THREE);

        LabelledImages remapped = images.remap(List.of(2, 0));

        assertThat(remapped.classNames()).containsExactly("two", "zero");
        assertThat(identities(remapped)).containsExactly(0, 2, 3, 5);
        assertThat(remapped.labels()).containsExactly(1, 0, 1, 0);
        assertThat(images.labels()).as("the original is unchanged").containsExactly(0, 1, 2, 0, 1, 2);
    }

    @Test
    void remap_classListedTwice_fails() {
        LabelledImages images = labelled(new int[] {0, 1, 2}, THREE);

        assertThatThrownBy(() -> images.remap(List.of(2, 0, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("class 2 is listed twice");
    }

    @Test
    void remap_classNotInTheSet_fails() {
        LabelledImages images = labelled(new int[] {0, 1, 2}, THREE);

        assertThatThrownBy(() -> images.remap(List.of(0, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("class must be in [0, 2], got 3");
    }

    @Test
    void remap_noClasses_fails() {
        LabelledImages images = labelled(new int[] {0, 1, 2}, THREE);

        assertThatThrownBy(() -> images.remap(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("remap needs at least 1 class");
    }

    @Test
    void classCounts_countsEveryClassIncludingEmptyOnes() {
        assertThat(labelled(new int[] {2, 2, 0}, THREE).classCounts()).containsExactly(1, 0, 2);
    }

    @Test
    void toString_namesSizeShapeAndClasses() {
        assertThat(labelled(new int[] {2, 2, 0}, THREE))
                .hasToString("3 images of 1x2x2 in 3 classes [zero, one, two]");
    }

    @Test
    void holdOut_stratifiedDisjointCompleteAndSeeded() {
        LabelledImages images = TestImages.interleaved(3, 10);

        LabelledImages.Holdout holdout = images.holdOut(0.2, 5);

        assertThat(holdout.validation().classCounts()).containsExactly(2, 2, 2);
        assertThat(holdout.train().classCounts()).containsExactly(8, 8, 8);
        java.util.Set<Integer> validation = new java.util.HashSet<>();
        for (int id : TestImages.identities(holdout.validation())) {
            validation.add(id);
        }
        for (int id : TestImages.identities(holdout.train())) {
            assertThat(validation).doesNotContain(id);
        }
        assertThat(TestImages.identities(images.holdOut(0.2, 5).validation()))
                .containsExactly(TestImages.identities(holdout.validation()));
        assertThat(TestImages.identities(images.holdOut(0.2, 6).validation()))
                .isNotEqualTo(TestImages.identities(holdout.validation()));
    }

    @Test
    void holdOut_fractionOutOfRange_fails() {
        assertThatThrownBy(() -> TestImages.interleaved(2, 4).holdOut(0.7, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("validation fraction must be in (0, 0.5], got 0.7");
    }
}
