package org.transferable.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.transferable.study.StudyStorage;

/**
 * A study's files on a Hadoop {@link FileSystem}: a local path, {@code file:///...}, {@code hdfs://...} or an object
 * store ({@code s3a://...}, with its connector on the class path). Serializable, so that Spark's tasks write to the
 * same study: a task opens the file system on its executor from the root and the Hadoop settings given here.
 *
 * <p>As in a local directory, a file is written to a hidden temporary sibling and renamed over the target, and a
 * folder (a saved network) is copied up into a hidden temporary folder and renamed, so a killed task leaves either
 * nothing or the whole thing. Where the file system cannot rename over an existing file (HDFS), the old file is
 * deleted first: a kill between the two leaves no file, which for {@code results.json} and {@code results.csv} a
 * rerun writes again, and which never happens to a cell (written once). On the local file system no {@code .crc}
 * files are written.
 */
public final class HadoopStudyStorage implements StudyStorage, Serializable {
    private static final long serialVersionUID = 1L;
    private static final String TEMPORARY = ".tmp-";

    private final String root;
    private final Map<String, String> settings;
    private transient FileSystem fileSystem;

    /**
     * A study directory at a Hadoop path.
     *
     * @param root e.g. {@code runs/quick}, {@code /data/runs/quick} or {@code hdfs://namenode:8020/runs/quick}; a
     *     path without a scheme is on the default file system ({@code fs.defaultFS}, the local one unless set)
     * @param settings Hadoop settings to apply over the defaults (e.g. a cluster's {@code fs.defaultFS}); usually
     *     the {@code spark.hadoop.*} settings of the Spark configuration, without the prefix
     * @throws IllegalArgumentException when the root is blank
     */
    public HadoopStudyStorage(String root, Map<String, String> settings) {
        Objects.requireNonNull(root, "study directory must not be null");
        if (root.isBlank()) {
            throw new IllegalArgumentException("study directory must not be blank, got '" + root + "'");
        }
        this.root = root.endsWith("/") && root.length() > 1 ? root.substring(0, root.length() - 1) : root;
        this.settings = Map.copyOf(Objects.requireNonNull(settings, "Hadoop settings must not be null"));
    }

    @Override
    public String location(String file) {
        return file.isEmpty() ? root : root + "/" + file;
    }

    @Override
    public Optional<String> read(String file) throws IOException {
        try (InputStream in = fileSystem().open(path(file))) {
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (FileNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public void writeAtomically(String file, String text) throws IOException {
        FileSystem fs = fileSystem();
        Path target = path(file);
        fs.mkdirs(target.getParent());
        Path temporary = temporary(target);
        try {
            try (OutputStream out = fs.create(temporary, false)) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
            if (!fs.rename(temporary, target)) {
                fs.delete(target, false);
                if (!fs.rename(temporary, target)) {
                    throw new IOException("cannot rename " + temporary + " to " + target);
                }
            }
        } finally {
            fs.delete(temporary, false);
        }
    }

    @Override
    public void delete(String file) throws IOException {
        fileSystem().delete(path(file), false);
    }

    @Override
    public boolean hasFolder(String folder) throws IOException {
        try {
            return fileSystem().getFileStatus(path(folder)).isDirectory();
        } catch (FileNotFoundException e) {
            return false;
        }
    }

    @Override
    public void saveFolder(String folder, FolderWriter writer) throws IOException {
        FileSystem fs = fileSystem();
        Path target = path(folder);
        java.nio.file.Path local = Files.createTempDirectory("transferable-save-");
        Path temporary = temporary(target);
        try {
            writer.write(local);
            if (hasFolder(folder)) {
                return;
            }
            fs.mkdirs(target.getParent());
            fs.copyFromLocalFile(false, true, new Path(local.toUri()), temporary);
            boolean renamed = fs.rename(temporary, target);
            // another task published the folder between the check and the rename: HDFS moves ours inside it
            fs.delete(new Path(target, temporary.getName()), true);
            if (!renamed && !hasFolder(folder)) {
                throw new IOException("cannot rename " + temporary + " to " + target);
            }
        } finally {
            fs.delete(temporary, true);
            deleteLocal(local);
        }
    }

    @Override
    public <T> T readFolder(String folder, FolderReader<T> reader) throws IOException {
        FileSystem fs = fileSystem();
        Path source = fs.makeQualified(path(folder));
        if (fs instanceof RawLocalFileSystem) {
            return reader.read(java.nio.file.Path.of(source.toUri()));
        }
        java.nio.file.Path local = Files.createTempDirectory("transferable-load-");
        try {
            java.nio.file.Path copy = local.resolve(source.getName());
            fs.copyToLocalFile(false, source, new Path(copy.toUri()), true);
            return reader.read(copy);
        } finally {
            deleteLocal(local);
        }
    }

    @Override
    public void removeTemporaryFolders(String parent) throws IOException {
        FileSystem fs = fileSystem();
        FileStatus[] entries;
        try {
            entries = fs.listStatus(path(parent));
        } catch (FileNotFoundException e) {
            return;
        }
        for (FileStatus entry : entries) {
            String name = entry.getPath().getName();
            if (name.startsWith(".") && name.contains(TEMPORARY)) {
                fs.delete(entry.getPath(), true);
            }
        }
    }

    @Override
    public String toString() {
        return root;
    }

    private Path path(String file) {
        return new Path(location(file));
    }

    private static Path temporary(Path target) {
        return new Path(target.getParent(), "." + target.getName() + TEMPORARY + UUID.randomUUID());
    }

    /** The file system, opened on first use in this JVM; the raw one for local paths (no checksum files). */
    private synchronized FileSystem fileSystem() throws IOException {
        if (fileSystem == null) {
            Configuration configuration = new Configuration();
            settings.forEach(configuration::set);
            FileSystem fs = new Path(root).getFileSystem(configuration);
            fileSystem = fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
        }
        return fileSystem;
    }

    private static void deleteLocal(java.nio.file.Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<java.nio.file.Path> walk = Files.walk(folder)) {
            for (java.nio.file.Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
