package org.transferable.study;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.transferable.json.Json;

/**
 * A study's files in a local directory: files written to a temporary sibling and renamed over the target
 * ({@link Json#writeAtomically(Path, String)}), folders saved into a hidden temporary sibling and renamed.
 */
final class LocalStudyStorage implements StudyStorage {
    /** Marks a folder being saved: {@code .split0-baseA.tmp-123}. */
    static final String TEMPORARY = ".tmp-";

    private final Path root;

    LocalStudyStorage(Path root) {
        this.root = Objects.requireNonNull(root, "output directory must not be null");
    }

    /** @return the study's directory */
    Path root() {
        return root;
    }

    /** @return the local path of a relative file or folder */
    Path resolve(String file) {
        return file.isEmpty() ? root : root.resolve(file);
    }

    @Override
    public String location(String file) {
        return resolve(file).toString();
    }

    @Override
    public Optional<String> read(String file) throws IOException {
        Path path = resolve(file);
        return Files.exists(path) ? Optional.of(Files.readString(path)) : Optional.empty();
    }

    @Override
    public void writeAtomically(String file, String text) throws IOException {
        Json.writeAtomically(resolve(file), text);
    }

    @Override
    public void delete(String file) throws IOException {
        Files.deleteIfExists(resolve(file));
    }

    @Override
    public boolean hasFolder(String folder) {
        return Files.isDirectory(resolve(folder));
    }

    @Override
    public void saveFolder(String folder, FolderWriter writer) throws IOException {
        Path target = resolve(folder);
        Files.createDirectories(target.getParent());
        Path temporary = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + TEMPORARY);
        try {
            writer.write(temporary);
            if (!Files.isDirectory(target)) {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            }
        } finally {
            deleteTree(temporary);
        }
    }

    @Override
    public <T> T readFolder(String folder, FolderReader<T> reader) throws IOException {
        return reader.read(resolve(folder));
    }

    @Override
    public void removeTemporaryFolders(String parent) throws IOException {
        Path folder = resolve(parent);
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, ".*" + TEMPORARY + "*")) {
            for (Path entry : entries) {
                deleteTree(entry);
            }
        }
    }

    @Override
    public String toString() {
        return root.toString();
    }

    private static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
