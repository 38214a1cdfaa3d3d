package org.transferable.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes IDX files for tests: a big-endian magic, big-endian dimensions, then unsigned bytes. */
final class IdxFiles {
    private IdxFiles() {
    }

    /**
     * The bytes of an IDX file.
     *
     * @param magic the magic number
     * @param dims the dimensions as declared in the header
     * @param body the data bytes, written as given (so that tests can truncate or pad them)
     * @return the file content
     */
    static byte[] idx(int magic, int[] dims, byte[] body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(magic);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** @return N x H x W grey images with the given pixel bytes */
    static byte[] images(int count, int height, int width, byte[] pixels) {
        return idx(Idx.IMAGES_MAGIC, new int[] {count, height, width}, pixels);
    }

    /** @return a label file holding {@code labels} */
    static byte[] labels(int... labels) {
        byte[] body = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            body[i] = (byte) labels[i];
        }
        return idx(Idx.LABELS_MAGIC, new int[] {labels.length}, body);
    }

    /** @return {@code count} bytes 0, 1, 2, ... (mod 256) */
    static byte[] counting(int count) {
        byte[] bytes = new byte[count];
        for (int i = 0; i < count; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    /** Writes plain content. */
    static Path write(Path file, byte[] content) throws IOException {
        return Files.write(file, content);
    }

    /** Writes gzip-compressed content. */
    static Path writeGzip(Path file, byte[] content) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content);
        }
        return file;
    }
}
