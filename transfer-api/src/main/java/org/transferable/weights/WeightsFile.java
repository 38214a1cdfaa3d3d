package org.transferable.weights;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.transferable.json.Json;

/**
 * Backend-neutral weights on disk, so that a network trained on one backend can be the source of a transfer on
 * another. The file is in the <a href="https://github.com/huggingface/safetensors">safetensors</a> format, which
 * Python's {@code safetensors} package and PyTorch read as they are:
 *
 * <pre>
 * 8 bytes    N, the header's length, unsigned little-endian
 * N bytes    the header, UTF-8 JSON padded with spaces to a multiple of 8 bytes:
 *            {"__metadata__": {"format": "transferable-weights", "version": "1",
 *                              "layers": "[\"conv1\",\"conv2\",\"fc3\",\"fc4\"]", "layout": "..."},
 *             "conv1.weight": {"dtype": "F32", "shape": [6, 1, 5, 5], "data_offsets": [0, 600]},
 *             "conv1.bias":   {"dtype": "F32", "shape": [6], "data_offsets": [600, 624]}, ...}
 * the data   every tensor's float32 values, little-endian and row-major, one after another without gaps
 * </pre>
 *
 * A tensor's key is its layer's name, a dot and its own name; {@code layers} lists the layers in the paper's order
 * (layer 1 first), and a layer's tensors follow one another in its order. Shapes are the neutral layouts that
 * {@link Tensor} documents: a dense weight is [in, out], the transpose of PyTorch's {@code Linear.weight}.
 */
public final class WeightsFile {
    /** The file name backends use for this file inside a saved network's directory. */
    public static final String FILE_NAME = "weights.safetensors";
    /** The value of {@code __metadata__.format}. */
    public static final String FORMAT = "transferable-weights";
    /** The only format version this class writes and reads. */
    public static final String VERSION = "1";
    /** The largest header read, as in the safetensors reference implementation. */
    static final int MAX_HEADER_BYTES = 100_000_000;
    /** Values moved per read or write, so that no buffer holds a whole (possibly multi-gigabyte) tensor. */
    private static final int CHUNK_VALUES = 1 << 18;
    private static final String METADATA = "__metadata__";
    private static final String LAYOUT = "float32 little-endian row-major; convolution weight [out, in, kernel, "
            + "kernel]; dense weight [in, out]; bias and batch-norm gamma, beta, mean, variance [n]";
    private static final ObjectMapper MAPPER = Json.mapper();
    private static final ObjectWriter COMPACT = MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);

    private WeightsFile() {
    }

    /**
     * Writes the weights atomically: to a temporary file in the same folder, then renamed over {@code file}, so a
     * crash leaves either the old file or the new one.
     *
     * @throws IllegalArgumentException when two layers share a name, a layer has two tensors of one name, or a
     *     tensor's name contains a dot (the dot separates layer and tensor in a key)
     */
    public static void write(NetworkWeights weights, Path file) throws IOException {
        ObjectNode header = MAPPER.createObjectNode();
        ObjectNode metadata = header.putObject(METADATA);
        metadata.put("format", FORMAT);
        metadata.put("version", VERSION);
        metadata.put("layers", COMPACT.writeValueAsString(checkedLayerNames(weights)));
        metadata.put("layout", LAYOUT);
        long offset = 0;
        for (LayerWeights layer : weights.layers()) {
            for (Tensor tensor : layer.tensors()) {
                ObjectNode entry = header.putObject(layer.layer() + "." + tensor.name());
                entry.put("dtype", "F32");
                ArrayNode shape = entry.putArray("shape");
                tensor.shape().forEach(shape::add);
                entry.putArray("data_offsets").add(offset).add(offset + 4L * tensor.size());
                offset += 4L * tensor.size();
            }
        }
        byte[] json = COMPACT.writeValueAsBytes(header);
        byte[] padded = Arrays.copyOf(json, (json.length + 7) / 8 * 8);
        Arrays.fill(padded, json.length, padded.length, (byte) ' ');

        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                writeFully(out, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, padded.length));
                writeFully(out, ByteBuffer.wrap(padded));
                ByteBuffer chunk = ByteBuffer.allocate(4 * CHUNK_VALUES).order(ByteOrder.LITTLE_ENDIAN);
                for (LayerWeights layer : weights.layers()) {
                    for (Tensor tensor : layer.tensors()) {
                        float[] values = tensor.values();
                        for (int from = 0; from < values.length; from += CHUNK_VALUES) {
                            int count = Math.min(CHUNK_VALUES, values.length - from);
                            chunk.clear();
                            chunk.asFloatBuffer().put(values, from, count);
                            writeFully(out, chunk.limit(4 * count));
                        }
                    }
                }
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /**
     * Reads weights written by {@link #write} (or by any safetensors writer that follows the same header).
     *
     * @throws WeightsFormatException naming the file and what is wrong: too short, truncated, a malformed header,
     *     another format or version, a dtype other than F32, offsets that disagree with shapes, gaps, overlaps or
     *     trailing bytes in the data, or a tensor that belongs to no listed layer
     */
    public static NetworkWeights read(Path file) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = in.size();
            if (size < 8) {
                throw new WeightsFormatException(file + " is not a weights file: it has " + size
                        + " bytes, fewer than the 8 that give the header length");
            }
            long headerLength = readFully(in, 0, ByteBuffer.allocate(8)).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
            if (headerLength < 0 || headerLength > size - 8) {
                throw new WeightsFormatException(file + " is truncated: its header length is "
                        + Long.toUnsignedString(headerLength) + " bytes but only " + (size - 8) + " bytes follow");
            }
            if (headerLength > MAX_HEADER_BYTES) {
                throw new WeightsFormatException(file + " has a header of " + headerLength
                        + " bytes, more than the limit of " + MAX_HEADER_BYTES);
            }
            String json = StandardCharsets.UTF_8.decode(readFully(in, 8, ByteBuffer.allocate((int) headerLength)))
                    .toString();
            WeightsHeader header = WeightsHeader.parse(file, parse(file, json));
            long dataStart = 8 + headerLength;
            long available = size - dataStart;
            if (header.dataBytes() > available) {
                throw new WeightsFormatException(file + " is truncated: its tensors need " + header.dataBytes()
                        + " bytes of data but only " + available + " follow the header");
            }
            if (header.dataBytes() < available) {
                throw new WeightsFormatException(file + " has " + (available - header.dataBytes())
                        + " bytes after its last tensor");
            }
            List<LayerWeights> layers = new ArrayList<>();
            ByteBuffer chunk = ByteBuffer.allocate(4 * CHUNK_VALUES).order(ByteOrder.LITTLE_ENDIAN);
            for (Map.Entry<String, List<WeightsHeader.Entry>> layer : header.layers().entrySet()) {
                List<Tensor> tensors = new ArrayList<>();
                for (WeightsHeader.Entry entry : layer.getValue()) {
                    float[] values = new float[(int) ((entry.end() - entry.begin()) / 4)];
                    for (int from = 0; from < values.length; from += CHUNK_VALUES) {
                        int count = Math.min(CHUNK_VALUES, values.length - from);
                        readFully(in, dataStart + entry.begin() + 4L * from, chunk.clear().limit(4 * count));
                        chunk.asFloatBuffer().get(values, from, count);
                    }
                    tensors.add(new Tensor(entry.tensor(), entry.shape(), values));
                }
                layers.add(new LayerWeights(layer.getKey(), tensors));
            }
            return new NetworkWeights(layers);
        }
    }

    private static List<String> checkedLayerNames(NetworkWeights weights) {
        List<String> names = new ArrayList<>();
        for (LayerWeights layer : weights.layers()) {
            if (names.contains(layer.layer())) {
                throw new IllegalArgumentException("layer name " + layer.layer() + " is used twice");
            }
            names.add(layer.layer());
            Set<String> tensors = new HashSet<>();
            for (Tensor tensor : layer.tensors()) {
                if (tensor.name().contains(".")) {
                    throw new IllegalArgumentException("tensor " + tensor.name() + " of layer " + layer.layer()
                            + ": a tensor name must not contain '.', which separates layer and tensor in a key");
                }
                if (!tensors.add(tensor.name())) {
                    throw new IllegalArgumentException("layer " + layer.layer() + " has two tensors named "
                            + tensor.name());
                }
            }
        }
        return names;
    }

    private static JsonNode parse(Path file, String json) {
        try {
            return MAPPER.readerFor(JsonNode.class).with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).readValue(json);
        } catch (JsonProcessingException e) {
            throw new WeightsFormatException(file + " has a malformed header: " + e.getOriginalMessage());
        }
    }

    /** Fills the buffer's remaining bytes from {@code position} on; returns it flipped for reading. */
    private static ByteBuffer readFully(FileChannel in, long position, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (in.read(buffer, position + buffer.position()) < 0) {
                throw new java.io.EOFException("unexpected end of file at byte " + (position + buffer.position()));
            }
        }
        return buffer.flip();
    }

    private static void writeFully(FileChannel out, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }
}
