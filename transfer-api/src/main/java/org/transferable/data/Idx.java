package org.transferable.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.transferable.spec.InputShape;

/**
 * Reads the IDX format of MNIST and Fashion-MNIST, plain or gzip-compressed (detected from the content, not the
 * file name). Unsigned-byte data only. Every malformed input is an {@link IdxFormatException} naming the source.
 */
public final class Idx {
    /** Magic of an unsigned-byte IDX file with one dimension (labels). */
    public static final int LABELS_MAGIC = 0x00000801;
    /** Magic of an unsigned-byte IDX file with three dimensions (grey images). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic of an unsigned-byte IDX file with four dimensions (N, C, H, W images). */
    public static final int CHANNEL_IMAGES_MAGIC = 0x00000804;

    private Idx() {
    }

    /**
     * Images of an IDX file: N x H x W (one channel) or N x C x H x W.
     *
     * @param source a name for messages, e.g. the file name
     * @param in the content, plain or gzip; closed by this method
     * @return the images
     */
    public static Images readImages(String source, InputStream in) throws IOException {
        ByteBuffer data = ByteBuffer.wrap(readAll(source, in));
        int magic = header(source, data);
        int[] dims;
        if (magic == IMAGES_MAGIC) {
            dims = dims(source, data, 3);
            return new Images(shape(source, 1, dims[1], dims[2]), dims[0], body(source, data, dims));
        }
        if (magic == CHANNEL_IMAGES_MAGIC) {
            dims = dims(source, data, 4);
            return new Images(shape(source, dims[1], dims[2], dims[3]), dims[0], body(source, data, dims));
        }
        throw new IdxFormatException(source + ": not an IDX image file: magic " + hex(magic) + ", expected "
                + hex(IMAGES_MAGIC) + " or " + hex(CHANNEL_IMAGES_MAGIC));
    }

    /**
     * Labels of an IDX file (one dimension).
     *
     * @param source a name for messages
     * @param in the content, plain or gzip; closed by this method
     * @return the labels, 0..255
     */
    public static int[] readLabels(String source, InputStream in) throws IOException {
        ByteBuffer data = ByteBuffer.wrap(readAll(source, in));
        int magic = header(source, data);
        if (magic != LABELS_MAGIC) {
            throw new IdxFormatException(source + ": not an IDX label file: magic " + hex(magic) + ", expected "
                    + hex(LABELS_MAGIC));
        }
        int[] dims = dims(source, data, 1);
        byte[] raw = body(source, data, dims);
        int[] labels = new int[raw.length];
        for (int i = 0; i < raw.length; i++) {
            labels[i] = raw[i] & 0xFF;
        }
        return labels;
    }

    /** @return images of a file; messages name it by its file name */
    public static Images readImages(Path file) throws IOException {
        return readImages(file.getFileName().toString(), Files.newInputStream(file));
    }

    /** @return labels of a file; messages name it by its file name */
    public static int[] readLabels(Path file) throws IOException {
        return readLabels(file.getFileName().toString(), Files.newInputStream(file));
    }

    /** @return the whole content, decompressed if it is gzip; a broken gzip stream is a format error */
    private static byte[] readAll(String source, InputStream raw) throws IOException {
        try (InputStream in = new BufferedInputStream(raw)) {
            in.mark(2);
            int b0 = in.read();
            int b1 = in.read();
            in.reset();
            if (b0 == 0x1f && b1 == 0x8b) {
                try (InputStream gz = new GZIPInputStream(in, 1 << 16)) {
                    return gz.readAllBytes();
                } catch (EOFException e) {
                    throw new IdxFormatException(source + ": truncated gzip data (the compressed stream ends early: "
                            + e.getMessage() + ")");
                } catch (ZipException e) {
                    throw new IdxFormatException(source + ": corrupt gzip data (" + e.getMessage() + ")");
                }
            }
            return in.readAllBytes();
        }
    }

    private static int header(String source, ByteBuffer data) {
        if (data.remaining() < 4) {
            throw new IdxFormatException(source + ": truncated: " + data.remaining()
                    + " bytes, shorter than the 4-byte IDX magic");
        }
        return data.getInt();
    }

    private static int[] dims(String source, ByteBuffer data, int count) {
        if (data.remaining() < 4 * count) {
            throw new IdxFormatException(source + ": truncated: header needs " + (4 * count)
                    + " bytes of dimensions, the file has " + data.remaining());
        }
        int[] dims = new int[count];
        for (int i = 0; i < count; i++) {
            dims[i] = data.getInt();
            if (dims[i] < 0) {
                throw new IdxFormatException(source + ": dimension " + i + " is negative: " + dims[i]);
            }
        }
        return dims;
    }

    /** The shape of one image; one the API cannot hold (a side of 0, too many values) is a format error. */
    private static InputShape shape(String source, int channels, int height, int width) {
        try {
            return new InputShape(channels, height, width);
        } catch (IllegalArgumentException e) {
            throw new IdxFormatException(source + ": unsupported image shape " + channels + "x" + height + "x" + width
                    + ": " + e.getMessage());
        }
    }

    private static byte[] body(String source, ByteBuffer data, int[] dims) {
        long expected = 1;
        for (int d : dims) {
            expected *= d;
        }
        if (data.remaining() < expected) {
            throw new IdxFormatException(source + ": truncated: header declares " + describe(dims) + " (" + expected
                    + " bytes) but the file holds " + data.remaining());
        }
        if (data.remaining() > expected) {
            throw new IdxFormatException(source + ": " + (data.remaining() - expected)
                    + " bytes after the " + describe(dims) + " the header declares");
        }
        byte[] body = new byte[(int) expected];
        data.get(body);
        return body;
    }

    private static String describe(int[] dims) {
        StringBuilder s = new StringBuilder().append(dims[0]).append(dims.length == 1 ? " labels" : " images");
        for (int i = 1; i < dims.length; i++) {
            s.append(i == 1 ? " of " : "x").append(dims[i]);
        }
        return s.toString();
    }

    private static String hex(int value) {
        return String.format("0x%08X", value);
    }

    /**
     * The images of an IDX file.
     *
     * @param shape shape of one image
     * @param count number of images
     * @param pixels raw bytes, image after image
     */
    public record Images(InputShape shape, int count, byte[] pixels) {
    }
}
