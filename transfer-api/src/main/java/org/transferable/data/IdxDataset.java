package org.transferable.data;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Loads an MNIST-style IDX data set: {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
 * {@code t10k-images-idx3-ubyte} and {@code t10k-labels-idx1-ubyte}, each optionally with {@code .gz}.
 */
public final class IdxDataset {
    /** Base names of the four files, in the order train images, train labels, test images, test labels. */
    public static final List<String> FILES = List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

    private IdxDataset() {
    }

    /** Opens one of the four files by base name; implementations add {@code .gz} when needed. */
    @FunctionalInterface
    public interface Source {
        /**
         * @param baseName one of {@link #FILES}
         * @return the content
         */
        InputStream open(String baseName) throws IOException;
    }

    /** A source that also says where each file was found, for messages. */
    private interface NamedSource {
        Named open(String baseName) throws IOException;
    }

    /** One opened file and the name messages give it. */
    private record Named(String name, InputStream in) {
    }

    /**
     * Loads from a directory.
     *
     * @param dir directory with the four files (plain or {@code .gz})
     * @param name the task's name
     * @param classNames names of the classes; empty means "0", "1", ... up to the largest label
     * @return the data set as one task
     * @throws IdxFormatException naming the file (its path) and what is wrong with it, for every malformed file
     */
    public static Task load(Path dir, String name, List<String> classNames) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "IDX data directory does not exist");
        }
        return loadNamed(base -> {
            Path gz = dir.resolve(base + ".gz");
            Path plain = dir.resolve(base);
            if (Files.exists(gz)) {
                return new Named(gz.toString(), Files.newInputStream(gz));
            }
            if (Files.exists(plain)) {
                return new Named(plain.toString(), Files.newInputStream(plain));
            }
            throw new NoSuchFileException(plain.toString(), null, "missing IDX file (also looked for " + base + ".gz)");
        }, name, classNames);
    }

    /**
     * Loads from class-path resources {@code folder/<file>.gz}.
     *
     * @return the data set as one task
     */
    public static Task loadResources(Class<?> anchor, String folder, String name, List<String> classNames)
            throws IOException {
        return loadNamed(base -> {
            String path = folder + "/" + base + ".gz";
            InputStream in = anchor.getResourceAsStream(path);
            if (in == null) {
                throw new FileNotFoundException("class-path resource " + path + " not found");
            }
            return new Named("class-path resource " + path, in);
        }, name, classNames);
    }

    /**
     * Loads from any source of the four files; messages name each file by its base name.
     *
     * @return the data set as one task
     */
    public static Task load(Source source, String name, List<String> classNames) throws IOException {
        return loadNamed(base -> new Named(base, source.open(base)), name, classNames);
    }

    private static Task loadNamed(NamedSource source, String name, List<String> classNames) throws IOException {
        LabelledImages train = read(source, FILES.get(0), FILES.get(1), classNames);
        LabelledImages test = read(source, FILES.get(2), FILES.get(3), train.classNames());
        return new Task(name, train, test);
    }

    private static LabelledImages read(NamedSource source, String imagesBase, String labelsBase,
            List<String> classNames) throws IOException {
        Named imagesFile = source.open(imagesBase);
        Idx.Images images = Idx.readImages(imagesFile.name(), imagesFile.in());
        Named labelsFile = source.open(labelsBase);
        int[] labels = Idx.readLabels(labelsFile.name(), labelsFile.in());
        if (images.count() != labels.length) {
            throw new IdxFormatException(imagesFile.name() + " holds " + images.count() + " images but "
                    + labelsFile.name() + " holds " + labels.length + " labels");
        }
        int maxLabel = IntStream.of(labels).max().orElse(0);
        List<String> names = classNames.isEmpty()
                ? IntStream.rangeClosed(0, maxLabel).mapToObj(Integer::toString).toList()
                : classNames;
        if (maxLabel >= names.size()) {
            throw new IdxFormatException(labelsFile.name() + " has label " + maxLabel + " but only " + names.size()
                    + " class names were given " + names);
        }
        return LabelledImages.create(images.shape(), images.pixels(), labels, names);
    }
}
