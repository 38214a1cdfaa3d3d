package org.transferable.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.transferable.Checks;
import org.transferable.spec.InputShape;

/**
 * Images of one shape with integer labels 0..k-1 and the names of the k classes. Pixels are 8-bit (as in IDX
 * files) and are read as floats in [0, 1]. Immutable: every operation returns a new set.
 */
public final class LabelledImages {
    private final InputShape shape;
    private final byte[] pixels;
    private final int[] labels;
    private final List<String> classNames;

    private LabelledImages(InputShape shape, byte[] pixels, int[] labels, List<String> classNames) {
        this.shape = shape;
        this.pixels = pixels;
        this.labels = labels;
        this.classNames = classNames;
    }

    /**
     * Creates a set, copying the arrays.
     *
     * @param shape shape of each image
     * @param pixels images one after another, each {@code shape.size()} bytes, channel-major (C, H, W)
     * @param labels one label per image, each in [0, classNames.size())
     * @param classNames names of the classes, index = label
     * @throws IllegalArgumentException when sizes disagree or a label is out of range
     */
    public static LabelledImages of(InputShape shape, byte[] pixels, int[] labels, List<String> classNames) {
        return create(shape, pixels.clone(), labels.clone(), classNames);
    }

    static LabelledImages create(InputShape shape, byte[] pixels, int[] labels, List<String> classNames) {
        Objects.requireNonNull(shape, "shape");
        List<String> names = List.copyOf(classNames);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a labelled image set needs at least 1 class name");
        }
        if ((long) labels.length * shape.size() != pixels.length) {
            throw new IllegalArgumentException("labels and images disagree: " + labels.length + " labels but "
                    + pixels.length + " pixel bytes, which is " + ((double) pixels.length / shape.size())
                    + " images of " + shape);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= names.size()) {
                throw new IllegalArgumentException("label of image " + i + " must be in [0, " + (names.size() - 1)
                        + "] for " + names.size() + " classes, got " + labels[i]);
            }
        }
        return new LabelledImages(shape, pixels, labels, names);
    }

    /** @return the shape of each image */
    public InputShape shape() {
        return shape;
    }

    /** @return number of images */
    public int size() {
        return labels.length;
    }

    /** @return the class names, index = label */
    public List<String> classNames() {
        return classNames;
    }

    /** @return number of classes */
    public int classCount() {
        return classNames.size();
    }

    /** @return the label of image {@code index} */
    public int label(int index) {
        return labels[index];
    }

    /** @return a copy of all labels */
    public int[] labels() {
        return labels.clone();
    }

    /** @return the raw 8-bit value of one pixel of one image (flat C, H, W index) */
    public int pixel(int image, int flatIndex) {
        return pixels[image * shape.size() + flatIndex] & 0xFF;
    }

    /**
     * Copies image {@code index} as floats in [0, 1] into {@code target} from {@code offset}: each byte divided by
     * 255, correctly rounded, so 255 is exactly 1 and every backend that divides by 255 sees the same values.
     *
     * @param index image index
     * @param target destination, at least offset + shape().size() long
     * @param offset first destination index
     */
    public void copyImage(int index, float[] target, int offset) {
        int size = shape.size();
        int from = index * size;
        for (int i = 0; i < size; i++) {
            target[offset + i] = (pixels[from + i] & 0xFF) / 255.0f;
        }
    }

    /**
     * The images at the given indices, in that order (repeats allowed).
     *
     * @return a new set with the same classes
     */
    public LabelledImages select(int[] indices) {
        int size = shape.size();
        byte[] out = new byte[indices.length * size];
        int[] outLabels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            Checks.inRange("image index", indices[i], 0, labels.length - 1);
            System.arraycopy(pixels, indices[i] * size, out, i * size, size);
            outLabels[i] = labels[indices[i]];
        }
        return new LabelledImages(shape, out, outLabels, classNames);
    }

    /** @return the first {@code count} images */
    public LabelledImages head(int count) {
        Checks.inRange("image count", count, 0, labels.length);
        int[] indices = new int[count];
        Arrays.setAll(indices, i -> i);
        return select(indices);
    }

    /**
     * A class-stratified random subset: about {@code fraction} of each class's images, at least one per class.
     *
     * @param fraction in (0, 1]
     * @param seed random seed
     * @return the subset, in the original order
     */
    public LabelledImages subset(double fraction, long seed) {
        if (!(fraction > 0.0 && fraction <= 1.0)) {
            throw new IllegalArgumentException("fraction must be in (0, 1], got " + fraction);
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classNames.size(); c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            byClass.get(labels[i]).add(i);
        }
        boolean[] keep = new boolean[labels.length];
        for (List<Integer> members : byClass) {
            int[] shuffled = members.stream().mapToInt(Integer::intValue).toArray();
            Shuffle.inPlace(shuffled, random);
            int take = members.isEmpty() ? 0 : Math.max(1, (int) Math.round(members.size() * fraction));
            for (int i = 0; i < take; i++) {
                keep[shuffled[i]] = true;
            }
        }
        int[] indices = new int[labels.length];
        int count = 0;
        for (int i = 0; i < keep.length; i++) {
            if (keep[i]) {
                indices[count++] = i;
            }
        }
        return select(Arrays.copyOf(indices, count));
    }

    /**
     * Splits off a class-stratified validation set: about {@code fraction} of each class's images (at least one of
     * every class that has two or more), the rest for training; both keep the original order.
     *
     * @param fraction in (0, 0.5]
     * @param seed chooses which images are held out
     * @return the training and the validation images
     */
    public Holdout holdOut(double fraction, long seed) {
        if (!(fraction > 0.0 && fraction <= 0.5)) {
            throw new IllegalArgumentException("validation fraction must be in (0, 0.5], got " + fraction);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] counts = classCounts();
        int[][] byClass = new int[classNames.size()][];
        int[] fill = new int[classNames.size()];
        for (int c = 0; c < byClass.length; c++) {
            byClass[c] = new int[counts[c]];
        }
        for (int i = 0; i < labels.length; i++) {
            byClass[labels[i]][fill[labels[i]]++] = i;
        }
        boolean[] held = new boolean[labels.length];
        for (int[] members : byClass) {
            Shuffle.inPlace(members, random);
            int take = members.length < 2 ? 0 : Math.max(1, (int) Math.round(members.length * fraction));
            for (int i = 0; i < take; i++) {
                held[members[i]] = true;
            }
        }
        int[] train = new int[labels.length];
        int[] validation = new int[labels.length];
        int trainCount = 0;
        int validationCount = 0;
        for (int i = 0; i < held.length; i++) {
            if (held[i]) {
                validation[validationCount++] = i;
            } else {
                train[trainCount++] = i;
            }
        }
        return new Holdout(select(Arrays.copyOf(train, trainCount)),
                select(Arrays.copyOf(validation, validationCount)));
    }

    /**
     * Images split into training and validation sets by {@link #holdOut}.
     *
     * @param train the images to train on
     * @param validation the images held out
     */
    public record Holdout(LabelledImages train, LabelledImages validation) {
    }

    /**
     * A class-stratified random cap: at most {@code maxPerClass} images of each class, in the original order.
     *
     * @param maxPerClass in [1, Integer.MAX_VALUE]
     * @param seed random seed choosing which images of a larger class are kept
     * @return the capped set (this set's images when every class is already within the cap)
     */
    public LabelledImages perClass(int maxPerClass, long seed) {
        Checks.inRange("images per class", maxPerClass, 1, Integer.MAX_VALUE);
        SplittableRandom random = new SplittableRandom(seed);
        int[][] byClass = new int[classNames.size()][];
        int[] counts = classCounts();
        int[] fill = new int[classNames.size()];
        for (int c = 0; c < byClass.length; c++) {
            byClass[c] = new int[counts[c]];
        }
        for (int i = 0; i < labels.length; i++) {
            byClass[labels[i]][fill[labels[i]]++] = i;
        }
        boolean[] keep = new boolean[labels.length];
        for (int[] members : byClass) {
            Shuffle.inPlace(members, random);
            for (int i = 0; i < Math.min(maxPerClass, members.length); i++) {
                keep[members[i]] = true;
            }
        }
        int[] indices = new int[labels.length];
        int count = 0;
        for (int i = 0; i < keep.length; i++) {
            if (keep[i]) {
                indices[count++] = i;
            }
        }
        return select(Arrays.copyOf(indices, count));
    }

    /**
     * Keeps only the images of the given original classes and relabels them 0..k-1 in the order given, keeping
     * their names.
     *
     * @param originalClasses distinct labels of this set, at least one
     * @return the remapped set
     * @throws IllegalArgumentException when the list is empty, repeats a class or names one this set lacks
     */
    public LabelledImages remap(List<Integer> originalClasses) {
        if (originalClasses.isEmpty()) {
            throw new IllegalArgumentException("remap needs at least 1 class");
        }
        Map<Integer, Integer> newLabel = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (int original : originalClasses) {
            Checks.inRange("class", original, 0, classNames.size() - 1);
            if (newLabel.putIfAbsent(original, newLabel.size()) != null) {
                throw new IllegalArgumentException("class " + original + " is listed twice");
            }
            names.add(classNames.get(original));
        }
        int count = 0;
        for (int label : labels) {
            if (newLabel.containsKey(label)) {
                count++;
            }
        }
        int size = shape.size();
        byte[] out = new byte[count * size];
        int[] outLabels = new int[count];
        int j = 0;
        for (int i = 0; i < labels.length; i++) {
            Integer mapped = newLabel.get(labels[i]);
            if (mapped != null) {
                System.arraycopy(pixels, i * size, out, j * size, size);
                outLabels[j++] = mapped;
            }
        }
        return new LabelledImages(shape, out, outLabels, names);
    }

    /** @return images per class, index = label */
    public int[] classCounts() {
        int[] counts = new int[classNames.size()];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    @Override
    public String toString() {
        return size() + " images of " + shape + " in " + classNames.size() + " classes " + classNames;
    }
}
