package org.transferable.imports;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.transferable.json.Json;
import org.transferable.weights.Tensor;
import org.transferable.weights.WeightsFormatException;

/**
 * A PyTorch {@code state_dict} in the safetensors format, as {@code safetensors.torch.save_file} writes it: every
 * float32 tensor by its key ({@code 0.weight}, {@code 4.running_mean}, ...). Batch normalisation's
 * {@code num_batches_tracked} counters (any dtype) are skipped; any other tensor must be F32.
 */
final class StateDict {
    /** The largest header read, as in the safetensors reference implementation. */
    private static final long MAX_HEADER_BYTES = 100_000_000;
    private static final int CHUNK_VALUES = 1 << 18;

    private StateDict() {
    }

    /**
     * @return the file's float32 tensors by key, in the header's order (each tensor named by its key)
     * @throws WeightsFormatException naming the file and what is wrong: too short, truncated, a malformed header, a
     *     tensor of another dtype, offsets that disagree with a shape or lie outside the data
     */
    static Map<String, Tensor> read(Path file) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = in.size();
            if (size < 8) {
                throw new WeightsFormatException(file + " is not a safetensors file: it has " + size
                        + " bytes, fewer than the 8 that give the header length");
            }
            long headerLength = readFully(in, 0, ByteBuffer.allocate(8)).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
            if (headerLength < 0 || headerLength > size - 8 || headerLength > MAX_HEADER_BYTES) {
                throw new WeightsFormatException(file + " is not a safetensors file: its header length is "
                        + Long.toUnsignedString(headerLength) + " bytes but " + (size - 8) + " bytes follow");
            }
            String json = StandardCharsets.UTF_8.decode(readFully(in, 8, ByteBuffer.allocate((int) headerLength)))
                    .toString();
            JsonNode header;
            try {
                header = Json.mapper().reader().with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).readTree(json);
            } catch (IOException e) {
                throw new WeightsFormatException(file + " has a malformed safetensors header: " + e.getMessage());
            }
            if (header == null || !header.isObject()) {
                throw new WeightsFormatException(file + " has a malformed safetensors header: not a JSON object");
            }
            long dataStart = 8 + headerLength;
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                String key = field.getKey();
                if (key.equals("__metadata__") || key.endsWith(".num_batches_tracked")) {
                    continue;
                }
                tensors.put(key, tensor(in, file, key, field.getValue(), dataStart, size - dataStart));
            }
            return tensors;
        }
    }

    private static Tensor tensor(FileChannel in, Path file, String key, JsonNode node, long dataStart,
            long dataBytes) throws IOException {
        String dtype = node.path("dtype").asText("");
        if (!dtype.equals("F32")) {
            throw new WeightsFormatException(file + ": tensor " + key + " has dtype '" + dtype + "'; only F32 is "
                    + "supported (save the state_dict of model.float())");
        }
        List<Integer> shape = new ArrayList<>();
        long values = 1;
        for (JsonNode d : node.path("shape")) {
            if (!d.isIntegralNumber() || !d.canConvertToInt() || d.asInt() < 0) {
                throw new WeightsFormatException(file + ": tensor " + key + " has an invalid shape "
                        + node.path("shape") + "; expected an array of non-negative integers");
            }
            shape.add(d.asInt());
            values = Math.min(values * d.asInt(), Integer.MAX_VALUE + 1L);
        }
        JsonNode offsets = node.path("data_offsets");
        long begin = offsets.path(0).asLong(-1);
        long end = offsets.path(1).asLong(-1);
        if (!node.path("shape").isArray() || offsets.size() != 2 || begin < 0 || end < begin || end > dataBytes
                || end - begin != 4 * values) {
            throw new WeightsFormatException(file + ": tensor " + key + " of shape " + node.path("shape")
                    + " has data_offsets " + offsets + " that do not fit its shape and the " + dataBytes
                    + " bytes of data");
        }
        float[] floats = new float[(int) values];
        ByteBuffer chunk = ByteBuffer.allocate(4 * CHUNK_VALUES).order(ByteOrder.LITTLE_ENDIAN);
        for (int from = 0; from < floats.length; from += CHUNK_VALUES) {
            int count = Math.min(CHUNK_VALUES, floats.length - from);
            readFully(in, dataStart + begin + 4L * from, chunk.clear().limit(4 * count));
            chunk.asFloatBuffer().get(floats, from, count);
        }
        return new Tensor(key, shape, floats);
    }

    /** Fills the buffer's remaining bytes from {@code position} on; returns it flipped for reading. */
    private static ByteBuffer readFully(FileChannel in, long position, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (in.read(buffer, position + buffer.position()) < 0) {
                throw new EOFException("unexpected end of file at byte " + (position + buffer.position()));
            }
        }
        return buffer.flip();
    }
}
