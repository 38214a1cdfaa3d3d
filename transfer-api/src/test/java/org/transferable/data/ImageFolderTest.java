package org.transferable.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transferable.spec.InputShape;

/** {@link ImageFolder}: the class layouts, conversion to the input shape, the split, and unreadable images. */
class ImageFolderTest {
    @TempDir
    Path dir;

    /** Writes {@code count} uniform images of a colour into {@code folder}, alternating PNG and JPEG. */
    private static void images(Path folder, int count, Color colour, int size) throws IOException {
        Files.createDirectories(folder);
        for (int i = 0; i < count; i++) {
            BufferedImage image = new BufferedImage(size, size + 2, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    image.setRGB(x, y, colour.getRGB());
                }
            }
            String format = i % 2 == 0 ? "png" : "jpg";
            ImageIO.write(image, format, folder.resolve(String.format("img%02d.%s", i, format)).toFile());
        }
    }

    @Test
    void load_classFolders_sortsClassesResizesAndHoldsOutAShareOfEachClass() throws IOException {
        Path root = dir.resolve("colours");
        images(root.resolve("white"), 5, Color.WHITE, 10);
        images(root.resolve("black"), 5, Color.BLACK, 12);
        images(root.resolve("grey"), 5, new Color(100, 100, 100), 9);

        Task task = ImageFolder.at(root).shape(InputShape.image(1, 8, 8)).load();

        assertThat(task.name()).isEqualTo("colours");
        assertThat(task.classNames()).containsExactly("black", "grey", "white");
        assertThat(task.train().size()).isEqualTo(12);
        assertThat(task.test().classCounts()).containsExactly(1, 1, 1);
        assertThat(task.train().shape()).isEqualTo(InputShape.image(1, 8, 8));
        int white = index(task.train(), 2);
        assertThat(task.train().pixel(white, 0)).isGreaterThan(250);
        assertThat(task.train().pixel(white, 63)).isGreaterThan(250);
        assertThat(task.train().pixel(index(task.train(), 0), 10)).isLessThan(5);
    }

    @Test
    void load_rgbShape_keepsTheChannelsChannelMajor() throws IOException {
        Path root = dir.resolve("rgb");
        images(root.resolve("red"), 2, Color.RED, 4);
        images(root.resolve("blue"), 2, Color.BLUE, 4);

        Task task = ImageFolder.at(root).shape(InputShape.image(3, 4, 4)).testFraction(0.5).load();

        LabelledImages red = task.train();
        int i = index(red, 1);
        // JPEG's rounding moves a uniform colour by a few levels
        assertThat(red.pixel(i, 0)).isGreaterThan(245);
        assertThat(red.pixel(i, 16)).isLessThan(10);
        assertThat(red.pixel(i, 32)).isLessThan(10);
    }

    @Test
    void load_greyFromColour_isBt601Luminance() throws IOException {
        Path root = dir.resolve("luma");
        images(root.resolve("green"), 2, new Color(0, 200, 0), 6);

        Task task = ImageFolder.at(root).shape(InputShape.image(1, 6, 6)).testFraction(0.5).load();

        assertThat(task.train().pixel(0, 5)).isBetween((int) Math.round(0.587 * 200) - 3,
                (int) Math.round(0.587 * 200) + 3);
    }

    @Test
    void load_trainAndTestFolders_areTheTwoSets() throws IOException {
        Path root = dir.resolve("split");
        images(root.resolve("train").resolve("a"), 3, Color.WHITE, 8);
        images(root.resolve("train").resolve("b"), 4, Color.BLACK, 8);
        images(root.resolve("test").resolve("a"), 1, Color.WHITE, 8);
        images(root.resolve("test").resolve("b"), 2, Color.BLACK, 8);

        Task task = ImageFolder.at(root).shape(InputShape.image(1, 8, 8)).load();

        assertThat(task.train().classCounts()).containsExactly(3, 4);
        assertThat(task.test().classCounts()).containsExactly(1, 2);
    }

    @Test
    void load_sameSeed_givesTheSameSplit() throws IOException {
        Path root = dir.resolve("seeded");
        images(root.resolve("a"), 10, Color.WHITE, 8);
        images(root.resolve("b"), 10, Color.BLACK, 8);

        Task once = ImageFolder.at(root).seed(3).load();
        Task twice = ImageFolder.at(root).seed(3).load();

        assertThat(twice.test().labels()).isEqualTo(once.test().labels());
        assertThat(twice.train().size()).isEqualTo(once.train().size()).isEqualTo(16);
    }

    @Test
    void load_corruptImage_failsNamingTheFileOrIsSkippedWhenAsked() throws IOException {
        Path root = dir.resolve("corrupt");
        images(root.resolve("a"), 3, Color.WHITE, 8);
        images(root.resolve("b"), 3, Color.BLACK, 8);
        Path broken = root.resolve("b").resolve("broken.png");
        Files.write(broken, new byte[] {1, 2, 3, 4});

        assertThatThrownBy(() -> ImageFolder.at(root).load())
                .isInstanceOf(ImageFolderException.class)
                .hasMessage("image " + broken + " cannot be decoded (no decoder recognises its format); fix or remove "
                        + "it, or skip unreadable images (ImageFolder.skippingUnreadable(), --skip-unreadable)");
        List<Path> skipped = new ArrayList<>();
        Task task = ImageFolder.at(root).skippingUnreadable().testFraction(0.5).load(skipped::add);
        assertThat(task.train().size() + task.test().size()).isEqualTo(6);
        assertThat(skipped).containsExactly(broken);
    }

    @Test
    void load_badLayouts_failNamingTheFolder() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> ImageFolder.at(empty).load())
                .isInstanceOf(ImageFolderException.class)
                .hasMessage("image folder " + empty + " has no class subfolders; expected one folder of images per "
                        + "class (or train/ and test/ in that layout)");
        Path missing = dir.resolve("missing");
        assertThatThrownBy(() -> ImageFolder.at(missing).load())
                .isInstanceOf(ImageFolderException.class)
                .hasMessage("image folder " + missing + " does not exist or is not a directory");
        Path noImages = dir.resolve("no-images");
        images(noImages.resolve("a"), 2, Color.WHITE, 8);
        Files.createDirectories(noImages.resolve("b"));
        Files.writeString(noImages.resolve("b").resolve("notes.txt"), "not an image");
        assertThatThrownBy(() -> ImageFolder.at(noImages).load())
                .isInstanceOf(ImageFolderException.class)
                .hasMessage("class folder " + noImages.resolve("b") + " has no readable image (PNG, JPEG, GIF or BMP)");
        Path mismatch = dir.resolve("mismatch");
        images(mismatch.resolve("train").resolve("a"), 2, Color.WHITE, 8);
        images(mismatch.resolve("test").resolve("z"), 2, Color.WHITE, 8);
        assertThatThrownBy(() -> ImageFolder.at(mismatch).load())
                .isInstanceOf(ImageFolderException.class)
                .hasMessage("image folder " + mismatch + ": train/ has classes [a] but test/ has [z]");
    }

    @Test
    void constructor_outOfRange_fails() {
        assertThatThrownBy(() -> ImageFolder.at(dir).testFraction(0.7))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("test fraction must be in (0, 0.5], got 0.7");
        assertThatThrownBy(() -> ImageFolder.at(dir).shape(InputShape.image(2, 8, 8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("images convert to 1 (grey) or 3 (RGB) channels, got " + InputShape.image(2, 8, 8));
    }

    @Test
    void looksLikeImageFolder_tellsClassFoldersFromIdx() throws IOException {
        images(dir.resolve("folder").resolve("a"), 1, Color.WHITE, 4);
        Files.createDirectories(dir.resolve("idx"));
        Files.writeString(dir.resolve("idx").resolve("train-images-idx3-ubyte"), "");

        assertThat(ImageFolder.looksLikeImageFolder(dir.resolve("folder"))).isTrue();
        assertThat(ImageFolder.looksLikeImageFolder(dir.resolve("idx"))).isFalse();
        assertThat(ImageFolder.looksLikeImageFolder(dir.resolve("none"))).isFalse();
    }

    private static int index(LabelledImages images, int label) {
        List<Integer> labels = java.util.Arrays.stream(images.labels()).boxed().toList();
        return labels.indexOf(label);
    }
}
