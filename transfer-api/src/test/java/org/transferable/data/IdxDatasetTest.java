package org.transferable.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.transferable.data.IdxFiles.counting;
import static org.transferable.data.IdxFiles.images;
import static org.transferable.data.IdxFiles.labels;
import static org.transferable.data.IdxFiles.write;
import static org.transferable.data.IdxFiles.writeGzip;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transferable.spec.InputShape;

/** {@link IdxDataset}: the four MNIST-style files in a directory or from any source. */
class IdxDatasetTest {
    @TempDir
    Path dir;

    /** Writes 3 training and 2 test images of 2x2, train images plain and the rest gzip. */
    private void writeDataSet(int[] trainLabels, int[] testLabels) throws IOException {
        write(dir.resolve("train-images-idx3-ubyte"),
                images(trainLabels.length, 2, 2, counting(4 * trainLabels.length)));
        writeGzip(dir.resolve("train-labels-idx1-ubyte.gz"), labels(trainLabels));
        writeGzip(dir.resolve("t10k-images-idx3-ubyte.gz"),
                images(testLabels.length, 2, 2, counting(4 * testLabels.length)));
        write(dir.resolve("t10k-labels-idx1-ubyte"), labels(testLabels));
    }

    @Test
    void load_directoryWithPlainAndGzipFiles_readsTrainAndTest() throws IOException {
        writeDataSet(new int[] {0, 2, 1}, new int[] {2, 2});

        Task task = IdxDataset.load(dir, "toy", List.of("cat", "dog", "emu"));

        assertThat(task.name()).isEqualTo("toy");
        assertThat(task.classNames()).containsExactly("cat", "dog", "emu");
        assertThat(task.train().shape()).isEqualTo(InputShape.image(1, 2, 2));
        assertThat(task.train().labels()).containsExactly(0, 2, 1);
        assertThat(task.train().pixel(1, 0)).isEqualTo(4);
        assertThat(task.test().labels()).containsExactly(2, 2);
        assertThat(task.test().pixel(1, 3)).isEqualTo(7);
    }

    @Test
    void load_noClassNames_namesClassesByNumberUpToTheLargestTrainingLabel() throws IOException {
        writeDataSet(new int[] {0, 3, 1}, new int[] {2, 0});

        Task task = IdxDataset.load(dir, "toy", List.of());

        assertThat(task.classNames()).containsExactly("0", "1", "2", "3");
    }

    @Test
    void load_gzipAndPlainBothPresent_prefersGzip() throws IOException {
        writeDataSet(new int[] {0, 1, 1}, new int[] {1, 0});
        write(dir.resolve("train-labels-idx1-ubyte"), new byte[] {1, 2, 3});

        assertThat(IdxDataset.load(dir, "toy", List.of("a", "b")).train().labels()).containsExactly(0, 1, 1);
    }

    @Test
    void load_imageAndLabelCountsDisagree_fails() throws IOException {
        writeDataSet(new int[] {0, 1, 1}, new int[] {1, 0});
        write(dir.resolve("t10k-labels-idx1-ubyte"), labels(1, 0, 0));

        assertThatThrownBy(() -> IdxDataset.load(dir, "toy", List.of("a", "b")))
                .isInstanceOf(IdxFormatException.class)
                .hasMessage(dir.resolve("t10k-images-idx3-ubyte.gz") + " holds 2 images but "
                        + dir.resolve("t10k-labels-idx1-ubyte") + " holds 3 labels");
    }

    @Test
    void load_truncatedGzip_failsNamingTheFile() throws IOException {
        writeDataSet(new int[] {0, 1, 1}, new int[] {1, 0});
        Path file = dir.resolve("train-labels-idx1-ubyte.gz");
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length / 2));

        assertThatThrownBy(() -> IdxDataset.load(dir, "toy", List.of("a", "b")))
                .isInstanceOf(IdxFormatException.class)
                .hasMessageStartingWith(file + ": truncated gzip data (the compressed stream ends early: ");
    }

    @Test
    void load_corruptGzip_failsNamingTheFile() throws IOException {
        writeDataSet(new int[] {0, 1, 1}, new int[] {1, 0});
        Path file = dir.resolve("t10k-images-idx3-ubyte.gz");
        byte[] bytes = Files.readAllBytes(file);
        for (int i = 10; i < bytes.length - 8; i++) {
            bytes[i] = (byte) 0xFF;
        }
        Files.write(file, bytes);

        assertThatThrownBy(() -> IdxDataset.load(dir, "toy", List.of("a", "b")))
                .isInstanceOf(IdxFormatException.class)
                .hasMessageStartingWith(file + ": corrupt gzip data (");
    }

    @Test
    void load_wrongMagic_failsNamingTheFile() throws IOException {
        writeDataSet(new int[] {0, 1, 1}, new int[] {1, 0});
        write(dir.resolve("t10k-labels-idx1-ubyte"), images(2, 2, 2, counting(8)));

        assertThatThrownBy(() -> IdxDataset.load(dir, "toy", List.of("a", "b")))
                .isInstanceOf(IdxFormatException.class)
                .hasMessage(dir.resolve("t10k-labels-idx1-ubyte") + ": not an IDX label file: magic 0x00000803, "
                        + "expected 0x00000801");
    }

    @Test
    void load_labelBeyondTheClassNames_fails() throws IOException {
        writeDataSet(new int[] {0, 2, 1}, new int[] {1, 0});

        assertThatThrownBy(() -> IdxDataset.load(dir, "toy", List.of("a", "b")))
                .isInstanceOf(IdxFormatException.class)
                .hasMessage(dir.resolve("train-labels-idx1-ubyte.gz")
                        + " has label 2 but only 2 class names were given "
                        + "[a, b]");
    }

    @Test
    void load_testLabelBeyondTheTrainingClasses_fails() throws IOException {
        writeDataSet(new int[] {0, 2, 1}, new int[] {3, 0});

        assertThatThrownBy(() -> IdxDataset.load(dir, "toy", List.of()))
                .isInstanceOf(IdxFormatException.class)
                .hasMessage(dir.resolve("t10k-labels-idx1-ubyte") + " has label 3 but only 3 class names were given "
                        + "[0, 1, 2]");
    }

    @Test
    void load_missingFile_failsNamingBothNames() throws IOException {
        writeDataSet(new int[] {0}, new int[] {0});
        Files.delete(dir.resolve("t10k-images-idx3-ubyte.gz"));
        Path plain = dir.resolve("t10k-images-idx3-ubyte");

        assertThatThrownBy(() -> IdxDataset.load(dir, "toy", List.of("a")))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessage(plain + ": missing IDX file (also looked for t10k-images-idx3-ubyte.gz)");
    }

    @Test
    void load_missingDirectory_fails() {
        Path missing = dir.resolve("nope");

        assertThatThrownBy(() -> IdxDataset.load(missing, "toy", List.of()))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessage(missing + ": IDX data directory does not exist");
    }

    @Test
    void load_fromSource_readsTheFourFilesByBaseName() throws IOException {
        Map<String, byte[]> files = Map.of(
                "train-images-idx3-ubyte", images(2, 1, 1, new byte[] {10, 20}),
                "train-labels-idx1-ubyte", labels(1, 0),
                "t10k-images-idx3-ubyte", images(1, 1, 1, new byte[] {30}),
                "t10k-labels-idx1-ubyte", labels(1));

        Task task = IdxDataset.load(base -> new ByteArrayInputStream(files.get(base)), "mem", List.of("x", "y"));

        assertThat(task.train().labels()).containsExactly(1, 0);
        assertThat(task.test().pixel(0, 0)).isEqualTo(30);
    }

    @Test
    void loadResources_missingResource_failsNamingIt() {
        assertThatThrownBy(() -> IdxDataset.loadResources(IdxDatasetTest.class, "/no-such-folder", "toy", List.of()))
                .isInstanceOf(FileNotFoundException.class)
                .hasMessage("class-path resource /no-such-folder/train-images-idx3-ubyte.gz not found");
    }
}
