package org.transferable.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link WeightsFile}: round trip, the safetensors layout on disk, atomic writes, and every corruption named. */
class WeightsFileTest {
    private static final String META = "\"__metadata__\":{\"format\":\"transferable-weights\",\"version\":\"1\","
            + "\"layers\":\"[\\\"conv1\\\",\\\"out\\\"]\"}";

    @TempDir
    Path dir;

    private static NetworkWeights weights() {
        return new NetworkWeights(List.of(
                new LayerWeights("conv1", List.of(
                        new Tensor("weight", List.of(2, 1, 2, 2), new float[] {1, 2, 3, 4, 5, 6, 7, 8}),
                        new Tensor("bias", List.of(2), new float[] {-0.5f, Float.MIN_VALUE}),
                        new Tensor("gamma", List.of(0), new float[0]))),
                new LayerWeights("out.head", List.of(
                        new Tensor("weight", List.of(8, 3), new float[24]),
                        new Tensor("bias", List.of(3), new float[] {Float.NaN, Float.NEGATIVE_INFINITY, 1e-30f})))));
    }

    /** A file with a hand-written header and data, for the corruptions. */
    private Path raw(String header, int dataBytes) throws IOException {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer bytes = ByteBuffer.allocate(8 + json.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putLong(json.length).put(json);
        Path file = dir.resolve("raw.safetensors");
        Files.write(file, bytes.array());
        return file;
    }

    @Test
    void write_thenRead_givesEqualWeightsInLayerAndTensorOrder() throws IOException {
        Path file = dir.resolve(WeightsFile.FILE_NAME);
        WeightsFile.write(weights(), file);

        NetworkWeights read = WeightsFile.read(file);

        assertThat(read).isEqualTo(weights());
        assertThat(read.layers()).extracting(LayerWeights::layer).containsExactly("conv1", "out.head");
        assertThat(read.layer(1).tensors()).extracting(Tensor::name).containsExactly("weight", "bias", "gamma");
    }

    @Test
    void write_thenRead_tensorsLargerThanOneChunkKeepEveryValue() throws IOException {
        float[] values = new float[600_001];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 0.5f - 7f;
        }
        NetworkWeights large = new NetworkWeights(List.of(new LayerWeights("fc1", List.of(
                new Tensor("weight", List.of(600_001, 1), values), new Tensor("bias", List.of(1), new float[] {3f})))));
        Path file = dir.resolve("large.safetensors");

        WeightsFile.write(large, file);

        assertThat(WeightsFile.read(file)).isEqualTo(large);
        assertThat(Files.size(file)).isEqualTo(8 + ByteBuffer.wrap(Files.readAllBytes(file))
                .order(ByteOrder.LITTLE_ENDIAN).getLong(0) + 4L * 600_002);
    }

    @Test
    void write_laysOutSafetensors_lengthHeaderThenLittleEndianFloats() throws IOException {
        Path file = dir.resolve("w.safetensors");
        WeightsFile.write(weights(), file);
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);

        long headerLength = bytes.getLong(0);
        String header = new String(bytes.array(), 8, (int) headerLength, StandardCharsets.UTF_8);
        assertThat(headerLength % 8).isZero();
        assertThat(header).startsWith("{\"__metadata__\":{\"format\":\"transferable-weights\",\"version\":\"1\","
                + "\"layers\":\"[\\\"conv1\\\",\\\"out.head\\\"]\"");
        assertThat(header).contains("\"conv1.weight\":{\"dtype\":\"F32\",\"shape\":[2,1,2,2],\"data_offsets\":[0,32]}",
                "\"conv1.bias\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[32,40]}",
                "\"out.head.bias\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[136,148]}");
        assertThat(header.stripTrailing()).endsWith("}");
        int data = 8 + (int) headerLength;
        assertThat(bytes.getFloat(data)).isEqualTo(1f);
        assertThat(bytes.getFloat(data + 32)).isEqualTo(-0.5f);
        assertThat(bytes.capacity()).isEqualTo(data + 148);
    }

    @Test
    void write_overExistingFile_replacesItAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("w.safetensors");
        Files.writeString(file, "old");

        WeightsFile.write(weights(), file);

        assertThat(WeightsFile.read(file)).isEqualTo(weights());
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void write_tensorNameWithDot_isRejected() {
        NetworkWeights dotted = new NetworkWeights(List.of(new LayerWeights("fc1",
                List.of(new Tensor("w.0", List.of(1), new float[1])))));

        assertThatThrownBy(() -> WeightsFile.write(dotted, dir.resolve("w")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tensor w.0 of layer fc1: a tensor name must not contain '.', which separates layer and "
                        + "tensor in a key");
        assertThat(dir.resolve("w")).doesNotExist();
    }

    @Test
    void write_layerNameUsedTwice_isRejected() {
        LayerWeights layer = new LayerWeights("fc1", List.of(new Tensor("bias", List.of(1), new float[1])));

        assertThatThrownBy(() -> WeightsFile.write(new NetworkWeights(List.of(layer, layer)), dir.resolve("w")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layer name fc1 is used twice");
    }

    @Test
    void read_fileShorterThanTheLength_isNotAWeightsFile() throws IOException {
        Path file = Files.write(dir.resolve("short"), new byte[] {1, 2, 3});

        assertThatThrownBy(() -> WeightsFile.read(file))
                .isInstanceOf(WeightsFormatException.class)
                .hasMessage(file + " is not a weights file: it has 3 bytes, fewer than the 8 that give the header "
                        + "length");
    }

    @Test
    void read_headerLongerThanTheFile_isTruncated() throws IOException {
        Path file = dir.resolve("w.safetensors");
        WeightsFile.write(weights(), file);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, 20));

        long headerLength = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        assertThatThrownBy(() -> WeightsFile.read(file))
                .isInstanceOf(WeightsFormatException.class)
                .hasMessage(file + " is truncated: its header length is " + headerLength
                + " bytes but only 12 bytes follow");
    }

    @Test
    void read_dataCutShort_isTruncated() throws IOException {
        Path file = dir.resolve("w.safetensors");
        WeightsFile.write(weights(), file);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 5));

        assertThatThrownBy(() -> WeightsFile.read(file))
                .isInstanceOf(WeightsFormatException.class)
                .hasMessage(file + " is truncated: its tensors need 148 bytes of data but only 143 follow the header");
    }

    @Test
    void read_bytesAfterTheLastTensor_areRejected() throws IOException {
        Path file = dir.resolve("w.safetensors");
        WeightsFile.write(weights(), file);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length + 4));

        assertThatThrownBy(() -> WeightsFile.read(file))
                .isInstanceOf(WeightsFormatException.class)
                .hasMessage(file + " has 4 bytes after its last tensor");
    }

    @Test
    void read_headerThatIsNotJson_isMalformed() throws IOException {
        Path file = raw("{\"a\": [1, 2", 0);

        assertThatThrownBy(() -> WeightsFile.read(file))
                .isInstanceOf(WeightsFormatException.class)
                .hasMessageStartingWith(file + " has a malformed header: Unexpected end-of-input");
    }

    @Test
    void read_safetensorsWithoutOurMetadata_isAnotherFormat() throws IOException {
        Path file = raw("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4);

        assertThatThrownBy(() -> WeightsFile.read(file))
                .isInstanceOf(WeightsFormatException.class)
                .hasMessage(file + " is not a Transferable weights file: its header has no __metadata__");
    }

    @Test
    void read_otherFormatName_isAnotherFormat() throws IOException {
        Path file = raw("{\"__metadata__\":{\"format\":\"pt\"}}", 0);

        assertThatThrownBy(() -> WeightsFile.read(file))
                .isInstanceOf(WeightsFormatException.class)
                .hasMessage(file + " is not a Transferable weights file: __metadata__.format is 'pt', expected "
                        + "'transferable-weights'");
    }

    @Test
    void read_newerVersion_isRefused() throws IOException {
        Path file = raw("{\"__metadata__\":{\"format\":\"transferable-weights\",\"version\":\"2\"}}", 0);

        assertThatThrownBy(() -> WeightsFile.read(file))
                .isInstanceOf(WeightsFormatException.class)
                .hasMessage(file + " has weights format version '2'; this library reads version 1");
    }

    @Test
    void read_layersNotAnArrayOfNames_isRejected() throws IOException {
        Path file = raw("{\"__metadata__\":{\"format\":\"transferable-weights\",\"version\":\"1\","
                + "\"layers\":\"conv1\"}}", 0);

        assertThatThrownBy(() -> WeightsFile.read(file))
                .isInstanceOf(WeightsFormatException.class)
                .hasMessage(file + ": __metadata__.layers must be a JSON array of layer names, got 'conv1'");
    }

    @Test
    void read_halfPrecision_isRefused() throws IOException {
        Path file = raw("{" + META + ",\"conv1.weight\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4);

        assertThatThrownBy(() -> WeightsFile.read(file))
                .isInstanceOf(WeightsFormatException.class)
                .hasMessage(file + ": tensor conv1.weight has dtype 'F16'; only F32 is supported");
    }

    @Test
    void read_offsetsDisagreeingWithShape_areRejected() throws IOException {
        Path file = raw("{" + META + ",\"conv1.weight\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,20]}}",
                20);

        assertThatThrownBy(() -> WeightsFile.read(file))
                .isInstanceOf(WeightsFormatException.class)
                .hasMessage(file + ": tensor conv1.weight of shape [2, 3] needs 24 bytes but its data_offsets [0, 20] "
                        + "span 20");
    }

    @Test
    void read_negativeDimension_isAnInvalidShape() throws IOException {
        Path file = raw("{" + META + ",\"conv1.weight\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,0]}}", 0);

        assertThatThrownBy(() -> WeightsFile.read(file))
                .isInstanceOf(WeightsFormatException.class)
                .hasMessage(file + ": tensor conv1.weight has an invalid shape [-2]; expected an array of non-negative "
                        + "integers");
    }

    @Test
    void read_gapBetweenTensors_isRejected() throws IOException {
        Path file = raw("{" + META + ",\"conv1.weight\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"out.bias\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}", 12);

        assertThatThrownBy(() -> WeightsFile.read(file))
                .isInstanceOf(WeightsFormatException.class)
                .hasMessage(file + ": a tensor starts at byte 8 of the data, but the tensors before it end at byte 4");
    }

    @Test
    void read_tensorOfAnUnlistedLayer_isRejected() throws IOException {
        Path file = raw("{" + META + ",\"fc9.weight\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4);

        assertThatThrownBy(() -> WeightsFile.read(file))
                .isInstanceOf(WeightsFormatException.class)
                .hasMessage(file + ": tensor fc9.weight belongs to no layer of __metadata__.layers [conv1, out]");
    }

    @Test
    void read_duplicateKey_isMalformed() throws IOException {
        String entry = "\"conv1.weight\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}";
        Path file = raw("{" + META + "," + entry + "," + entry + "}", 4);

        assertThatThrownBy(() -> WeightsFile.read(file))
                .isInstanceOf(WeightsFormatException.class)
                .hasMessage(file + " has a malformed header: Duplicate field 'conv1.weight'");
    }
}
