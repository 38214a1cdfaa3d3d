package org.transferable.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.transferable.data.ClassSplit;
import org.transferable.data.ImageFolder;
import org.transferable.data.SplitTasks;
import org.transferable.data.Task;
import org.transferable.network.Backend;
import org.transferable.network.Backends;
import org.transferable.network.Network;
import org.transferable.similarity.FeatureMatrix;
import org.transferable.spec.ConvolutionLayer;
import org.transferable.spec.DenseLayer;
import org.transferable.spec.InputShape;
import org.transferable.spec.NetworkSpec;
import org.transferable.spec.Pooling;
import org.transferable.train.TrainingConfig;
import org.transferable.transfer.Transfer;

/**
 * Colour, non-square images end to end: a folder of PNG and JPEG files, 30 wide and 20 high, whose six classes are
 * a red, green or blue bar, horizontal or vertical, on noise (so that a network must read both the channels and the
 * layout); read as 3x16x24 RGB; trained on both backends; the network trained on one evaluates on the other from the
 * same weights with the same outputs at every layer (a channel order or a height/width swap in either would differ);
 * and a fine-tuned transfer onto the other half of the classes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RgbImageFolderTest {
    private static final InputShape INPUT = InputShape.image(3, 16, 24);
    private static final String[] COLOURS = {"red", "green", "blue"};

    @TempDir
    static Path dir;
    private Task task;
    private SplitTasks halves;

    @BeforeAll
    void writeFolder() throws IOException {
        Random random = new Random(1);
        Path root = dir.resolve("bars");
        for (int c = 0; c < 6; c++) {
            String name = COLOURS[c % 3] + (c < 3 ? "-horizontal" : "-vertical");
            for (String part : List.of("train", "test")) {
                Path folder = Files.createDirectories(root.resolve(part).resolve(name));
                int count = part.equals("train") ? 60 : 30;
                for (int i = 0; i < count; i++) {
                    BufferedImage image = bar(c % 3, c >= 3, random);
                    String format = i % 4 == 3 ? "jpg" : "png";
                    ImageIO.write(image, format, folder.resolve(String.format("%03d.%s", i, format)).toFile());
                }
            }
        }
        task = ImageFolder.at(root).shape(INPUT).load();
        halves = ClassSplit.of(List.of(0, 1, 4), List.of(2, 3, 5)).apply(task);
    }

    /** A 30x20 image of dim noise with a bright bar, 4 pixels thick, of one colour, at a random place. */
    private static BufferedImage bar(int colour, boolean vertical, Random random) {
        BufferedImage image = new BufferedImage(30, 20, BufferedImage.TYPE_INT_RGB);
        int at = vertical ? random.nextInt(26) : random.nextInt(16);
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 30; x++) {
                int[] rgb = {random.nextInt(60), random.nextInt(60), random.nextInt(60)};
                int along = vertical ? x : y;
                if (along >= at && along < at + 4) {
                    rgb[colour] = 200 + random.nextInt(56);
                }
                image.setRGB(x, y, (rgb[0] << 16) | (rgb[1] << 8) | rgb[2]);
            }
        }
        return image;
    }

    private static NetworkSpec spec() {
        return NetworkSpec.builder("rgb", INPUT)
                .layer(ConvolutionLayer.of("conv1", 8, 3).withPadding(1).withPooling(Pooling.max(2, 2)))
                .layer(ConvolutionLayer.of("conv2", 8, 3).withBatchNorm(true).withPooling(Pooling.max(2, 2)))
                .layer(DenseLayer.of("fc3", 16))
                .output("out");
    }

    @Test
    void load_rgbFolder_keepsTheChannelsInRgbOrder() {
        assertThat(task.classNames()).containsExactly("blue-horizontal", "blue-vertical", "green-horizontal",
                "green-vertical", "red-horizontal", "red-vertical");
        assertThat(task.train().shape()).isEqualTo(INPUT);
        // every image's brightest channel, summed over its pixels, is the colour its class names
        for (int i = 0; i < task.test().size(); i++) {
            double[] sums = new double[3];
            for (int p = 0; p < INPUT.size(); p++) {
                sums[p / (16 * 24)] += task.test().pixel(i, p);
            }
            int brightest = sums[0] >= sums[1] && sums[0] >= sums[2] ? 0 : sums[1] >= sums[2] ? 1 : 2;
            assertThat(COLOURS[brightest]).as("image %d", i)
                    .isEqualTo(task.classNames().get(task.test().label(i)).split("-")[0]);
        }
    }

    @Test
    void train_rgbNonSquareImages_learnsOnBothBackendsAndAgreesAcrossThemFromTheSameWeights() throws IOException {
        TrainingConfig config = TrainingConfig.defaults().withEpochs(4).withBatchSize(16).withSeed(3);
        Backend djl = Backends.load("djl");
        Backend dl4j = Backends.load("dl4j");
        for (Backend backend : List.of(djl, dl4j)) {
            Network network = backend.train(spec(), halves.a(), config);
            double accuracy = network.evaluate(halves.a().test()).accuracy();
            System.out.printf("RGB 3x16x24 bars on %s: accuracy %.4f%n", backend.name(), accuracy);
            assertThat(accuracy).as("accuracy on %s", backend.name()).isGreaterThan(0.9);

            Path saved = dir.resolve("saved-" + backend.name());
            network.save(saved);
            Backend other = backend == djl ? dl4j : djl;
            Network loaded = other.load(saved);
            for (int layer = 1; layer <= spec().layerCount(); layer++) {
                FeatureMatrix expected = network.activations(halves.a().test(), layer);
                FeatureMatrix actual = loaded.activations(halves.a().test(), layer);
                float largest = 0;
                for (float v : expected.values()) {
                    largest = Math.max(largest, Math.abs(v));
                }
                for (int k = 0; k < expected.values().length; k++) {
                    assertThat(actual.values()[k]).as("layer %d value %d from %s on %s", layer, k, backend.name(),
                            other.name()).isCloseTo(expected.values()[k], within(1e-4f * Math.max(1f, largest)));
                }
            }
            assertThat(loaded.evaluate(halves.a().test()).accuracy()).isEqualTo(accuracy);

            Network anbPlus = Transfer.from(network).copy(2).fineTune().train(halves.b(), config);
            assertThat(anbPlus.evaluate(halves.b().test()).accuracy()).as("A2B+ on %s", backend.name())
                    .isGreaterThan(0.9);
        }
    }
}
