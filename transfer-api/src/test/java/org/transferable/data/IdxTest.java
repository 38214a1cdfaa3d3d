package org.transferable.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.transferable.data.IdxFiles.counting;
import static org.transferable.data.IdxFiles.idx;
import static org.transferable.data.IdxFiles.images;
import static org.transferable.data.IdxFiles.labels;
import static org.transferable.data.IdxFiles.write;
import static org.transferable.data.IdxFiles.writeGzip;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transferable.spec.InputShape;

/** {@link Idx}: reading plain and gzip IDX files, and every kind of malformed file. */
class IdxTest {
    @TempDir
    Path dir;

    @Test
    void readImages_plain_readsShapeCountAndPixels() throws IOException {
        Path file = write(dir.resolve("images"), images(2, 2, 3, counting(12)));

        Idx.Images images = Idx.readImages(file);

        assertThat(images.shape()).isEqualTo(InputShape.image(1, 2, 3));
        assertThat(images.count()).isEqualTo(2);
        assertThat(images.pixels()).containsExactly(counting(12));
    }

    @Test
    void readImages_gzipWithoutGzSuffix_isDetectedByContent() throws IOException {
        Path file = writeGzip(dir.resolve("images.idx"), images(2, 2, 3, counting(12)));

        Idx.Images images = Idx.readImages(file);

        assertThat(images.shape()).isEqualTo(InputShape.image(1, 2, 3));
        assertThat(images.pixels()).containsExactly(counting(12));
    }

    @Test
    void readImages_plainWithGzSuffix_isDetectedByContent() throws IOException {
        Path file = write(dir.resolve("images.gz"), images(1, 2, 2, counting(4)));

        assertThat(Idx.readImages(file).pixels()).containsExactly(counting(4));
    }

    @Test
    void readImages_channelImages_readsChannels() throws IOException {
        byte[] content = idx(Idx.CHANNEL_IMAGES_MAGIC, new int[] {2, 3, 2, 2}, counting(24));

        Idx.Images images = Idx.readImages("rgb", new ByteArrayInputStream(content));

        assertThat(images.shape()).isEqualTo(InputShape.image(3, 2, 2));
        assertThat(images.count()).isEqualTo(2);
        assertThat(images.pixels()).hasSize(24);
    }

    @Test
    void readImages_noImages_isAnEmptySet() throws IOException {
        Idx.Images images = Idx.readImages("empty", new ByteArrayInputStream(images(0, 28, 28, new byte[0])));

        assertThat(images.count()).isZero();
        assertThat(images.pixels()).isEmpty();
    }

    @Test
    void readLabels_plainAndGzip_readUnsignedBytes() throws IOException {
        Path plain = write(dir.resolve("labels"), labels(0, 9, 255));
        Path gzip = writeGzip(dir.resolve("labels-gz"), labels(0, 9, 255));

        assertThat(Idx.readLabels(plain)).containsExactly(0, 9, 255);
        assertThat(Idx.readLabels(gzip)).containsExactly(0, 9, 255);
    }

    @Test
    void readLabels_closesTheStream() throws IOException {
        boolean[] closed = {false};
        InputStream in = new ByteArrayInputStream(labels(1, 2)) {
            @Override
            public void close() throws IOException {
                closed[0] = true;
                super.close();
            }
        };

        Idx.readLabels("labels", in);

        assertThat(closed[0]).isTrue();
    }

    @Test
    void readLabels_imageFile_failsNamingBothMagics() throws IOException {
        Path file = write(dir.resolve("train-images"), images(1, 1, 1, new byte[1]));

        assertThatThrownBy(() -> Idx.readLabels(file))
                .isInstanceOf(IdxFormatException.class)
                .hasMessage("train-images: not an IDX label file: magic 0x00000803, expected 0x00000801");
    }

    @Test
    void readImages_labelFile_failsNamingTheMagics() throws IOException {
        Path file = write(dir.resolve("train-labels"), labels(1));

        assertThatThrownBy(() -> Idx.readImages(file))
                .isInstanceOf(IdxFormatException.class)
                .hasMessage("train-labels: not an IDX image file: magic 0x00000801, expected 0x00000803 or 0x00000804");
    }

    @Test
    void readImages_notIdxAtAll_failsNamingTheMagic() {
        InputStream in = new ByteArrayInputStream("<html>".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> Idx.readImages("page", in))
                .isInstanceOf(IdxFormatException.class)
                .hasMessage("page: not an IDX image file: magic 0x3C68746D, expected 0x00000803 or 0x00000804");
    }

    @Test
    void readImages_shorterThanMagic_fails() throws IOException {
        Path file = write(dir.resolve("short"), new byte[] {0, 0});

        assertThatThrownBy(() -> Idx.readImages(file))
                .isInstanceOf(IdxFormatException.class)
                .hasMessage("short: truncated: 2 bytes, shorter than the 4-byte IDX magic");
    }

    @Test
    void readImages_truncatedDimensions_fails() {
        byte[] content = idx(Idx.IMAGES_MAGIC, new int[] {1, 2}, new byte[0]);

        assertThatThrownBy(() -> Idx.readImages("images", new ByteArrayInputStream(content)))
                .isInstanceOf(IdxFormatException.class)
                .hasMessage("images: truncated: header needs 12 bytes of dimensions, the file has 8");
    }

    @Test
    void readImages_truncatedBody_fails() throws IOException {
        Path file = writeGzip(dir.resolve("images.gz"), images(2, 2, 3, counting(11)));

        assertThatThrownBy(() -> Idx.readImages(file))
                .isInstanceOf(IdxFormatException.class)
                .hasMessage("images.gz: truncated: header declares 2 images of 2x3 (12 bytes) but the file holds 11");
    }

    @Test
    void readLabels_truncatedBody_fails() {
        byte[] content = Arrays.copyOf(labels(1, 2, 3), 4 + 4 + 2);

        assertThatThrownBy(() -> Idx.readLabels("labels", new ByteArrayInputStream(content)))
                .isInstanceOf(IdxFormatException.class)
                .hasMessage("labels: truncated: header declares 3 labels (3 bytes) but the file holds 2");
    }

    @Test
    void readImages_trailingBytes_fails() {
        byte[] content = images(2, 2, 3, counting(13));

        assertThatThrownBy(() -> Idx.readImages("images", new ByteArrayInputStream(content)))
                .isInstanceOf(IdxFormatException.class)
                .hasMessage("images: 1 bytes after the 2 images of 2x3 the header declares");
    }

    @Test
    void readImages_negativeDimension_fails() {
        byte[] content = images(1, -2, 3, new byte[0]);

        assertThatThrownBy(() -> Idx.readImages("images", new ByteArrayInputStream(content)))
                .isInstanceOf(IdxFormatException.class)
                .hasMessage("images: dimension 1 is negative: -2");
    }

    @Test
    void readImages_zeroHeight_failsAsAFormatErrorNamingTheFile() {
        byte[] content = images(1, 0, 3, new byte[0]);

        assertThatThrownBy(() -> Idx.readImages("images", new ByteArrayInputStream(content)))
                .isInstanceOf(IdxFormatException.class)
                .hasMessage("images: unsupported image shape 1x0x3: input height must be in [1, 16384], got 0");
    }

    @Test
    void readImages_hugeDeclaredShape_failsBeforeReadingTheBody() {
        byte[] content = images(Integer.MAX_VALUE, 16384, 16384, new byte[0]);

        assertThatThrownBy(() -> Idx.readImages("images", new ByteArrayInputStream(content)))
                .isInstanceOf(IdxFormatException.class)
                .hasMessage("images: truncated: header declares 2147483647 images of 16384x16384 "
                        + "(576460752034988032 bytes) but the file holds 0");
    }

    @Test
    void readImages_missingFile_failsNamingThePath() {
        Path missing = dir.resolve("absent");

        assertThatThrownBy(() -> Idx.readImages(missing))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessage(missing.toString());
    }

    @Test
    void readImages_malformed_failsWithAnIllegalArgumentException() {
        byte[] content = labels(1);

        assertThatThrownBy(() -> Idx.readImages("labels", new ByteArrayInputStream(content)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
