package org.transferable.data;

import java.util.List;
import java.util.stream.IntStream;
import org.transferable.spec.InputShape;

/** Small in-memory image sets whose pixels identify each image, for tests of selection and remapping. */
final class TestImages {
    /** The shape of every test image: 1 x 2 x 2. */
    static final InputShape SHAPE = InputShape.image(1, 2, 2);

    private TestImages() {
    }

    /**
     * Images whose every pixel is the image's index (mod 256), labelled as given.
     *
     * @param labels one label per image
     * @param classNames the classes
     * @return the set
     */
    static LabelledImages labelled(int[] labels, List<String> classNames) {
        byte[] pixels = new byte[labels.length * SHAPE.size()];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i / SHAPE.size());
        }
        return LabelledImages.of(SHAPE, pixels, labels, classNames);
    }

    /**
     * {@code perClass} images of each of {@code classes} classes named {@code c0, c1, ...}, interleaved
     * (labels 0, 1, ..., k-1, 0, 1, ...).
     *
     * @return the set
     */
    static LabelledImages interleaved(int classes, int perClass) {
        int[] labels = IntStream.range(0, classes * perClass).map(i -> i % classes).toArray();
        return labelled(labels, IntStream.range(0, classes).mapToObj(c -> "c" + c).toList());
    }

    /** @return which image of the set it was made from each image of {@code images} is (its first pixel) */
    static int[] identities(LabelledImages images) {
        return IntStream.range(0, images.size()).map(i -> images.pixel(i, 0)).toArray();
    }
}
