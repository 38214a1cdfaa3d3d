package org.transferable.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.transferable.data.ClassSplit;
import org.transferable.data.IdxDataset;
import org.transferable.data.Task;

/**
 * Fashion-MNIST (Zalando, MIT licence), shipped with this module as its four gzip IDX files: 60,000 training
 * and 10,000 test images of 28x28 grey clothing in 10 classes.
 */
public final class FashionMnist {
    /** Class names, index = label. */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** Class-path folder of the four files, next to this class. */
    public static final String RESOURCE_FOLDER = "fashion-mnist";
    /** The data set's name, as {@link #load()} names its task. */
    public static final String NAME = "fashion-mnist";

    private FashionMnist() {
    }

    /**
     * Loads the shipped copy from the class path (no set-up, works from an IDE).
     *
     * @return all 10 classes as task {@code fashion-mnist}
     */
    public static Task load() {
        try {
            return IdxDataset.loadResources(FashionMnist.class, RESOURCE_FOLDER, NAME, CLASS_NAMES);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Fashion-MNIST copy shipped in transfer-examples", e);
        }
    }

    /**
     * Loads any IDX data set from a directory with the four standard file names.
     *
     * @param dir the directory
     * @param classNames class names, or empty for "0", "1", ...
     * @return the data set as one task named after the directory
     */
    public static Task load(Path dir, List<String> classNames) throws IOException {
        return IdxDataset.load(dir, dir.getFileName().toString(), classNames);
    }

    /**
     * The dissimilar split, Fashion-MNIST's analogue of the paper's man-made vs natural split: A = upper-body
     * garments (T-shirt/top, Pullover, Dress, Coat, Shirt), B = everything else (Trouser, Sandal, Sneaker, Bag,
     * Ankle boot). Tops share shape and texture with each other and little with footwear, bags and trousers, so
     * features specific to A should transfer worse to B than in a random split.
     *
     * @return the split
     */
    public static ClassSplit dissimilarSplit() {
        return ClassSplit.of(List.of(0, 2, 3, 4, 6), List.of(1, 5, 7, 8, 9));
    }
}
