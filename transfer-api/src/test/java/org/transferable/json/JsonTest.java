package org.transferable.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transferable.train.TrainingConfig;

/** {@link Json}: reading, writing and atomic file replacement. */
class JsonTest {
    @TempDir
    Path dir;

    @Test
    void writeAtomically_newFile_writesTheJson() throws IOException {
        Path file = dir.resolve("config.json");

        Json.writeAtomically(file, TrainingConfig.defaults());

        assertThat(Json.read(file, TrainingConfig.class)).isEqualTo(TrainingConfig.defaults());
        assertThat(Files.readString(file)).isEqualTo(Json.write(TrainingConfig.defaults()));
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void writeAtomically_existingFile_replacesIt() throws IOException {
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{\"old\": true, \"padding\": \"" + "x".repeat(1000) + "\"}");

        Json.writeAtomically(file, TrainingConfig.defaults().withEpochs(9));

        assertThat(Json.read(file, TrainingConfig.class).epochs()).isEqualTo(9);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void writeAtomically_missingFolder_createsIt() throws IOException {
        Path file = dir.resolve("runs/one/config.json");

        Json.writeAtomically(file, "text");

        assertThat(Files.readString(file)).isEqualTo("text");
    }

    @Test
    void writeAtomically_valueThatCannotBeWritten_leavesTheOldFileAndNoTemporary() throws IOException {
        Path file = dir.resolve("config.json");
        Files.writeString(file, "old");

        assertThatThrownBy(() -> Json.writeAtomically(file, new Object()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot write Object as JSON: No serializer found for class java.lang.Object");
        assertThat(Files.readString(file)).isEqualTo("old");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void read_malformedText_failsNamingTheType() {
        assertThatThrownBy(() -> Json.read("{\"epochs\": ", TrainingConfig.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid TrainingConfig JSON: Unexpected end-of-input within/between Object entries "
                        + "(at line 1, column 12)");
    }

    @Test
    void read_missingFile_failsWithNoSuchFile() {
        Path missing = dir.resolve("absent.json");

        assertThatThrownBy(() -> Json.read(missing, TrainingConfig.class))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessage(missing.toString());
    }

    @Test
    void write_isIndented() {
        assertThat(Json.write(TrainingConfig.defaults())).startsWith("{\n").contains("\n  \"epochs\" : 5,");
    }

    /** @return files in the folder other than the ones a test wrote on purpose */
    private List<Path> leftovers() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> !p.getFileName().toString().equals("config.json")).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
