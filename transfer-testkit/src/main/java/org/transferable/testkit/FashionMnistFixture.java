package org.transferable.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.transferable.data.IdxDataset;
import org.transferable.data.Task;

/**
 * The Fashion-MNIST copy that ships in transfer-examples, for the tests of every module: loaded once per test JVM
 * and shared through transfer-api's test-jar (with {@link BackendContractTest}).
 *
 * <p>The files are found through the working directory, wherever Surefire runs the tests: the project's root
 * directory or any module directory below it (the folder {@value #RELATIVE_DIR} is looked for in the working
 * directory and then in each of its parents).
 */
public final class FashionMnistFixture {
    /** The data's folder, relative to the project's root directory. */
    public static final String RELATIVE_DIR
            = "transfer-examples/src/main/resources/org/transferable/examples/fashion-mnist";
    /** The ten class names, index = label. */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private static Task data;

    private FashionMnistFixture() {
    }

    /**
     * The whole data set, 60,000 training and 10,000 test images in 10 classes, read on the first call.
     *
     * @return the data set as one task named {@code fashion-mnist}
     * @throws UncheckedIOException when the files are missing or unreadable
     */
    public static synchronized Task load() {
        if (data == null) {
            try {
                data = IdxDataset.load(directory(), "fashion-mnist", CLASS_NAMES);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return data;
    }

    /**
     * The folder that holds the four IDX files: {@value #RELATIVE_DIR} under the working directory or the nearest
     * of its parents that has it.
     *
     * @return the folder, absolute
     * @throws UncheckedIOException (a {@link NoSuchFileException}) naming the working directory when neither it nor
     *     a parent has the folder
     */
    public static Path directory() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(RELATIVE_DIR);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new UncheckedIOException(new NoSuchFileException(start.toString(), null,
                "Fashion-MNIST not found: neither this directory nor a parent has " + RELATIVE_DIR));
    }
}
