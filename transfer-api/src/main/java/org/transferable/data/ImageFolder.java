package org.transferable.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.transferable.spec.InputShape;

/**
 * A directory of images as a task, in the layout of torchvision's {@code ImageFolder} and Keras'
 * {@code image_dataset_from_directory}: one subfolder per class (its name is the class name; classes sorted by
 * name, index = label) holding PNG or JPEG files (also GIF and BMP, what the JDK decodes). With subfolders
 * {@code train/} and {@code test/}, each in that layout with the same classes, those are the two sets; otherwise a
 * seeded, class-stratified {@code testFraction} of each class is the test set.
 *
 * <p>Conversion to the network's input shape: an image with another size is resized to exactly the shape's height and
 * width with bilinear interpolation, ignoring its aspect ratio (Keras' default, {@code crop_to_aspect_ratio=False});
 * for one channel the pixels are converted to luminance {@code 0.299 R + 0.587 G + 0.114 B} (ITU-R BT.601, PIL's
 * {@code "L"}), for three they are RGB; alpha is dropped; values stay 8-bit and read as [0, 1] like IDX pixels.
 * Files are read in name order, so the same folder and seed give the same task on every machine.
 *
 * <p>An image that does not decode is an {@link ImageFolderException} naming the file, or, with
 * {@link #skippingUnreadable()}, left out and counted in the log (WARN, with the first file named).
 *
 * <pre>{@code
 * Task flowers = ImageFolder.at(Path.of("flowers")).shape(InputShape.image(3, 64, 64)).load();
 * }</pre>
 *
 * @param root the folder
 * @param shape the input shape images are converted to
 * @param testFraction the share of each class held out for testing when the folder has no {@code test/}, in
 *     (0, 0.5] (at least one image of every class with two or more)
 * @param seed seeds that split
 * @param skipUnreadable whether an image that does not decode is skipped (counted) rather than an error
 */
public record ImageFolder(Path root, InputShape shape, double testFraction, long seed, boolean skipUnreadable) {
    private static final Logger LOG = LoggerFactory.getLogger(ImageFolder.class);
    private static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif", "bmp");

    /** Validates. */
    public ImageFolder {
        Objects.requireNonNull(root, "root must not be null");
        Objects.requireNonNull(shape, "shape must not be null");
        if (shape.channels() != 1 && shape.channels() != 3) {
            throw new IllegalArgumentException("images convert to 1 (grey) or 3 (RGB) channels, got " + shape);
        }
        if (!(testFraction > 0.0 && testFraction <= 0.5)) {
            throw new IllegalArgumentException("test fraction must be in (0, 0.5], got " + testFraction);
        }
    }

    /**
     * A folder read as 28x28 grey images, 20% of each class held out for testing, seed 42, unreadable images an
     * error.
     *
     * @return the loader, to refine with {@link #shape}, {@link #testFraction}, {@link #seed},
     *     {@link #skippingUnreadable()}
     */
    public static ImageFolder at(Path root) {
        return new ImageFolder(root, InputShape.image(1, 28, 28), 0.2, 42L, false);
    }

    /** @return this loader converting to another shape */
    public ImageFolder shape(InputShape value) {
        return new ImageFolder(root, value, testFraction, seed, skipUnreadable);
    }

    /** @return this loader holding out another share of each class */
    public ImageFolder testFraction(double value) {
        return new ImageFolder(root, shape, value, seed, skipUnreadable);
    }

    /** @return this loader with another split seed */
    public ImageFolder seed(long value) {
        return new ImageFolder(root, shape, testFraction, value, skipUnreadable);
    }

    /** @return this loader skipping (and counting) images that do not decode */
    public ImageFolder skippingUnreadable() {
        return new ImageFolder(root, shape, testFraction, seed, true);
    }

    /** @return whether a directory looks like an image folder: subfolders and no IDX files at its top */
    public static boolean looksLikeImageFolder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            List<Path> all = entries.toList();
            return all.stream().anyMatch(Files::isDirectory)
                    && all.stream().noneMatch(p -> p.getFileName().toString().contains("idx"));
        }
    }

    /**
     * Reads the folder.
     *
     * @return a task named after the folder
     * @throws ImageFolderException naming the folder when its layout is wrong (missing, no class folders, a class
     *     without images, train and test with other classes), or the image that does not decode
     */
    public Task load() throws IOException {
        return load(file -> {
        });
    }

    /**
     * Reads the folder, telling the caller of every image left out by {@link #skippingUnreadable()} (besides the WARN
     * it logs), e.g. to print how many were skipped where a log is not shown.
     *
     * @param onSkipped hears each image skipped because it does not decode, in the order the folder is read
     * @return a task named after the folder
     * @throws ImageFolderException as {@link #load()}
     */
    public Task load(Consumer<Path> onSkipped) throws IOException {
        Objects.requireNonNull(onSkipped, "onSkipped must not be null");
        if (!Files.isDirectory(root)) {
            throw new ImageFolderException(root, "image folder " + root + " does not exist or is not a directory");
        }
        String name = root.toAbsolutePath().normalize().getFileName().toString();
        Path train = root.resolve("train");
        Path test = root.resolve("test");
        if (Files.isDirectory(train) && Files.isDirectory(test)) {
            Images trainImages = read(train, onSkipped);
            Images testImages = read(test, onSkipped);
            if (!trainImages.classNames().equals(testImages.classNames())) {
                throw new ImageFolderException(test, "image folder " + root + ": train/ has classes "
                        + trainImages.classNames() + " but test/ has " + testImages.classNames());
            }
            return new Task(name, trainImages.set(shape), testImages.set(shape));
        }
        Images all = read(root, onSkipped);
        LabelledImages images = all.set(shape);
        LabelledImages.Holdout split = images.holdOut(testFraction, seed);
        return new Task(name, split.train(), split.validation());
    }

    /** The decoded images of one folder in the class layout. */
    private record Images(List<String> classNames, byte[] pixels, int[] labels) {
        LabelledImages set(InputShape shape) {
            return LabelledImages.of(shape, pixels, labels, classNames);
        }
    }

    private Images read(Path dir, Consumer<Path> onSkipped) throws IOException {
        List<Path> classes;
        try (Stream<Path> entries = Files.list(dir)) {
            classes = entries.filter(Files::isDirectory).sorted().toList();
        }
        if (classes.isEmpty()) {
            throw new ImageFolderException(dir, "image folder " + dir + " has no class subfolders; expected one "
                    + "folder of images per class (or train/ and test/ in that layout)");
        }
        List<String> names = new ArrayList<>();
        List<byte[]> images = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        int skipped = 0;
        Path firstSkipped = null;
        for (Path folder : classes) {
            int label = names.size();
            names.add(folder.getFileName().toString());
            List<Path> files;
            try (Stream<Path> entries = Files.list(folder)) {
                files = entries.filter(Files::isRegularFile).filter(ImageFolder::isImage).sorted().toList();
            }
            int before = images.size();
            for (Path file : files) {
                byte[] pixels = decode(file);
                if (pixels == null) {
                    skipped++;
                    onSkipped.accept(file);
                    firstSkipped = firstSkipped == null ? file : firstSkipped;
                    continue;
                }
                images.add(pixels);
                labels.add(label);
            }
            if (images.size() == before) {
                throw new ImageFolderException(folder, "class folder " + folder + " has no readable image (PNG, "
                        + "JPEG, GIF or BMP)");
            }
        }
        if (skipped > 0) {
            LOG.warn("skipped {} unreadable image(s) in {}, the first {}", skipped, dir, firstSkipped);
        }
        int size = shape.size();
        byte[] pixels = new byte[Math.multiplyExact(images.size(), size)];
        for (int i = 0; i < images.size(); i++) {
            System.arraycopy(images.get(i), 0, pixels, i * size, size);
        }
        return new Images(names, pixels, labels.stream().mapToInt(Integer::intValue).toArray());
    }

    private static boolean isImage(Path file) {
        String fileName = file.getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** @return the image in the shape, channel-major; null when it does not decode and skipping is on */
    private byte[] decode(Path file) throws ImageFolderException {
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            return unreadable(file, e.getMessage());
        }
        if (image == null) {
            return unreadable(file, "no decoder recognises its format");
        }
        boolean grey = image.getRaster().getNumBands() == 1 && image.getSampleModel().getSampleSize(0) == 8;
        BufferedImage sized = resize(image, shape.width(), shape.height(), grey);
        int plane = shape.height() * shape.width();
        byte[] out = new byte[shape.size()];
        for (int y = 0; y < shape.height(); y++) {
            for (int x = 0; x < shape.width(); x++) {
                int rgb = grey ? 0x010101 * sized.getRaster().getSample(x, y, 0) : sized.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                int p = y * shape.width() + x;
                if (shape.channels() == 1) {
                    out[p] = (byte) Math.round(0.299 * r + 0.587 * g + 0.114 * b);
                } else {
                    out[p] = (byte) r;
                    out[plane + p] = (byte) g;
                    out[2 * plane + p] = (byte) b;
                }
            }
        }
        return out;
    }

    private byte[] unreadable(Path file, String why) throws ImageFolderException {
        if (skipUnreadable) {
            return null;
        }
        throw new ImageFolderException(file, "image " + file + " cannot be decoded (" + why + "); fix or remove it, "
                + "or skip unreadable images (ImageFolder.skippingUnreadable(), --skip-unreadable)");
    }

    /**
     * @param grey whether the image is 8-bit grey, read from its samples (the JDK's RGB view of a grey image applies
     *     a gamma conversion that PIL and torchvision do not)
     * @return the image at exactly width x height, bilinear; the image itself when it already is
     */
    private static BufferedImage resize(BufferedImage image, int width, int height, boolean grey) {
        if (image.getWidth() == width && image.getHeight() == height) {
            return image;
        }
        BufferedImage out = new BufferedImage(width, height, grey ? BufferedImage.TYPE_BYTE_GRAY
                : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** @return e.g. {@code image folder flowers as 3x64x64} */
    @Override
    public String toString() {
        return "image folder " + root + " as " + shape + (skipUnreadable ? ", skipping unreadable images" : "");
    }
}
