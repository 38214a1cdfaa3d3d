package org.transferable.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.transferable.data.ClassSplit;
import org.transferable.data.IdxDataset;
import org.transferable.data.ImageFolder;
import org.transferable.data.Task;
import org.transferable.spec.InputShape;

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
     * Loads a data set from a directory: IDX files with the four standard names, or an image folder (one subfolder of
     * PNG or JPEG images per class, or {@code train/} and {@code test/} in that layout; {@link ImageFolder}),
     * converted to the examples' 28x28 grey input.
     *
     * @param dir the directory
     * @param classNames class names for IDX files, or empty for "0", "1", ...; an image folder names its classes
     * @return the data set as one task named after the directory
     * @throws IllegalArgumentException when class names are given for an image folder and differ from its folders
     */
    public static Task load(Path dir, List<String> classNames) throws IOException {
        return load(dir, classNames, false);
    }

    /**
     * As {@link #load(Path, List)}, optionally skipping (and counting) images of an image folder that do not decode.
     *
     * @param skipUnreadable whether an unreadable image is skipped rather than an error
     * @return the data set
     */
    public static Task load(Path dir, List<String> classNames, boolean skipUnreadable) throws IOException {
        if (ImageFolder.looksLikeImageFolder(dir)) {
            ImageFolder folder = ImageFolder.at(dir).shape(InputShape.image(1, 28, 28));
            List<Path> skipped = new ArrayList<>();
            Task task = (skipUnreadable ? folder.skippingUnreadable() : folder).load(skipped::add);
            if (!skipped.isEmpty()) {    // printed: the WARN is not shown under mvn -q
                System.out.printf("skipped %d unreadable image(s) of %s, the first %s%n", skipped.size(), dir,
                        skipped.get(0));
            }
            if (!classNames.isEmpty() && !classNames.equals(task.classNames())) {
                throw new IllegalArgumentException("--classes " + classNames + " differ from the class folders of "
                        + dir + ", " + task.classNames() + "; leave --classes out for an image folder");
            }
            return task;
        }
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
