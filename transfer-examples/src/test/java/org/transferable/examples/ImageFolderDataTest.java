package org.transferable.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transferable.data.LabelledImages;
import org.transferable.data.Task;
import org.transferable.network.Backends;
import org.transferable.network.Network;
import org.transferable.train.TrainingConfig;
import org.transferable.transfer.Transfer;

/**
 * Fashion-MNIST written out as an image folder of PNG files and read back through the examples' {@code --data}:
 * the same pixels, the class folders as classes, and a real transfer trained on it.
 */
class ImageFolderDataTest {
    @TempDir
    Path dir;

    /** Writes the first {@code perClass} images of each class as {@code folder/<class>/<i>.png}. */
    private static void write(LabelledImages images, Path folder, int perClass) throws IOException {
        int[] written = new int[images.classCount()];
        for (int i = 0; i < images.size(); i++) {
            int label = images.label(i);
            if (written[label] == perClass) {
                continue;
            }
            BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
            for (int p = 0; p < 28 * 28; p++) {
                image.getRaster().setSample(p % 28, p / 28, 0, images.pixel(i, p));
            }
            Path classFolder = Files.createDirectories(folder.resolve(String.format("%d-%s", label,
                    images.classNames().get(label).replace('/', '_'))));
            ImageIO.write(image, "png", classFolder.resolve(String.format("%04d.png", written[label]++)).toFile());
        }
    }

    @Test
    void load_imageFolderOfFashionMnist_givesItsPixelsAndTrainsATransfer() throws IOException {
        Task fashion = FashionMnist.load();
        Path root = dir.resolve("fashion-png");
        write(fashion.train(), root.resolve("train"), 60);
        write(fashion.test(), root.resolve("test"), 20);

        Task task = FashionMnist.load(root, List.of());

        assertThat(task.name()).isEqualTo("fashion-png");
        assertThat(task.classNames()).hasSize(10).startsWith("0-T-shirt_top", "1-Trouser");
        assertThat(task.train().size()).isEqualTo(600);
        assertThat(task.test().classCounts()).containsOnly(20);
        int first = 0;
        while (fashion.train().label(first) != 0) {
            first++;
        }
        for (int p = 0; p < 28 * 28; p++) {
            assertThat(task.train().pixel(0, p)).as("pixel %d", p).isEqualTo(fashion.train().pixel(first, p));
        }

        var backend = Backends.preferred();
        var halves = org.transferable.data.ClassSplit.of(List.of(0, 1, 2, 3, 4), List.of(5, 6, 7, 8, 9)).apply(task);
        TrainingConfig config = TrainingConfig.defaults().withEpochs(3).withBatchSize(32);
        Network baseA = backend.train(PaperNetworks.small(), halves.a(), config);
        Network anbPlus = Transfer.from(baseA).copy(2).fineTune().train(halves.b(), config);
        assertThat(anbPlus.evaluate(halves.b().test()).accuracy()).isGreaterThan(0.5);
    }

    @Test
    void load_imageFolderWithOtherClassNames_fails() throws IOException {
        write(FashionMnist.load().test(), dir.resolve("few"), 2);

        assertThatThrownBy(() -> FashionMnist.load(dir.resolve("few"), List.of("a", "b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--classes [a, b] differ from the class folders of " + dir.resolve("few"));
    }
}
