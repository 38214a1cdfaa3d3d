package org.transferable.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Hadoop store on the local file system, as a local study directory behaves. */
class HadoopStudyStorageTest {
    @TempDir
    Path dir;

    private HadoopStudyStorage storage() {
        return new HadoopStudyStorage(dir.toString(), Map.of());
    }

    private long fileCount() throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void writeAtomically_replacesTheFileAndLeavesNoOtherFile() throws IOException {
        HadoopStudyStorage storage = storage();
        storage.writeAtomically("cells/a.json", "first");
        storage.writeAtomically("cells/a.json", "second");

        assertThat(storage.read("cells/a.json")).contains("second");
        assertThat(dir.resolve("cells").resolve("a.json")).hasContent("second");
        assertThat(fileCount()).isEqualTo(1);
    }

    @Test
    void read_missingFile_isEmpty() throws IOException {
        assertThat(storage().read("cells/none.json")).isEmpty();
    }

    @Test
    void delete_removesTheFileAndIgnoresAMissingOne() throws IOException {
        HadoopStudyStorage storage = storage();
        storage.writeAtomically("a.json", "x");

        storage.delete("a.json");
        storage.delete("a.json");

        assertThat(storage.read("a.json")).isEmpty();
    }

    @Test
    void saveFolder_publishesTheWholeFolderOnce() throws IOException {
        HadoopStudyStorage storage = storage();
        storage.saveFolder("bases/split0-baseA", folder -> Files.writeString(folder.resolve("w.bin"), "first"));
        storage.saveFolder("bases/split0-baseA", folder -> Files.writeString(folder.resolve("w.bin"), "second"));

        assertThat(storage.hasFolder("bases/split0-baseA")).isTrue();
        String saved = storage.readFolder("bases/split0-baseA", folder -> Files.readString(folder.resolve("w.bin")));
        assertThat(saved).isEqualTo("first");
        try (Stream<Path> entries = Files.list(dir.resolve("bases"))) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("split0-baseA");
        }
    }

    @Test
    void saveFolder_failingWriter_publishesNothing() {
        HadoopStudyStorage storage = storage();

        assertThatThrownBy(() -> storage.saveFolder("bases/split0-baseB", folder -> {
            throw new IOException("disk full");
        })).isInstanceOf(IOException.class).hasMessage("disk full");
        assertThat(dir.resolve("bases").resolve("split0-baseB")).doesNotExist();
    }

    @Test
    void removeTemporaryFolders_removesOnlyHalfSavedFolders() throws IOException {
        Files.createDirectories(dir.resolve("bases").resolve(".split0-baseA.tmp-1"));
        Files.createDirectories(dir.resolve("bases").resolve("split0-baseB"));

        storage().removeTemporaryFolders("bases");
        storage().removeTemporaryFolders("missing");

        try (Stream<Path> entries = Files.list(dir.resolve("bases"))) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("split0-baseB");
        }
    }

    @Test
    void constructor_blankRoot_throws() {
        assertThatThrownBy(() -> new HadoopStudyStorage(" ", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("study directory must not be blank, got ' '");
    }

    @Test
    void location_namesFilesUnderTheRoot() {
        assertThat(new HadoopStudyStorage("hdfs://namenode/studies/quick/", Map.of()).location("cells/a.json"))
                .isEqualTo("hdfs://namenode/studies/quick/cells/a.json");
    }
}
