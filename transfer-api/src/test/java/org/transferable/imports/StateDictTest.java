package org.transferable.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transferable.weights.Tensor;
import org.transferable.weights.WeightsFormatException;

class StateDictTest {
    @TempDir
    Path dir;

    /** Writes a safetensors file as {@code safetensors.torch.save_file} does: length, padded header, data. */
    private Path file(String header, byte[] data) throws IOException {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer bytes = ByteBuffer.allocate(8 + padded + data.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putLong(padded).put(json);
        for (int i = json.length; i < padded; i++) {
            bytes.put((byte) ' ');
        }
        bytes.put(data);
        Path file = dir.resolve("model.safetensors");
        Files.write(file, bytes.array());
        return file;
    }

    private static byte[] floats(float... values) {
        ByteBuffer bytes = ByteBuffer.allocate(4 * values.length + 8).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            bytes.putFloat(v);
        }
        return bytes.putLong(7).array();
    }

    @Test
    void read_numBatchesTrackedOfAnyDtype_isSkipped() throws IOException {
        Path file = file("{\"__metadata__\":{\"format\":\"pt\"},\"0.weight\":{\"dtype\":\"F32\",\"shape\":[1,2],"
                + "\"data_offsets\":[0,8]},\"1.num_batches_tracked\":{\"dtype\":\"I64\",\"shape\":[],"
                + "\"data_offsets\":[8,16]}}", floats(1.5f, -2f));

        assertThat(StateDict.read(file)).containsOnlyKeys("0.weight")
                .containsEntry("0.weight", new Tensor("0.weight", List.of(1, 2), new float[] {1.5f, -2f}));
    }

    @Test
    void read_halfPrecision_isRefusedNamingTheTensor() throws IOException {
        Path file = file("{\"0.weight\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]}}", floats(0f));

        assertThatThrownBy(() -> StateDict.read(file))
                .isInstanceOf(WeightsFormatException.class)
                .hasMessage(file + ": tensor 0.weight has dtype 'F16'; only F32 is supported (save the state_dict of "
                        + "model.float())");
    }

    @Test
    void read_offsetsBeyondTheData_isRefused() throws IOException {
        Path file = file("{\"0.weight\":{\"dtype\":\"F32\",\"shape\":[8],\"data_offsets\":[0,32]}}", floats(0f));

        assertThatThrownBy(() -> StateDict.read(file))
                .isInstanceOf(WeightsFormatException.class)
                .hasMessage(file + ": tensor 0.weight of shape [8] has data_offsets [0,32] that do not fit its shape "
                        + "and the 12 bytes of data");
    }

    @Test
    void read_tooShort_isRefused() throws IOException {
        Path file = dir.resolve("short.safetensors");
        Files.write(file, new byte[3]);

        assertThatThrownBy(() -> StateDict.read(file))
                .isInstanceOf(WeightsFormatException.class)
                .hasMessage(file + " is not a safetensors file: it has 3 bytes, fewer than the 8 that give the header "
                        + "length");
    }
}
