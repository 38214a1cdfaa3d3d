package org.transferable.study;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a study keeps its files ({@code plan.json}, {@code cells/}, {@code bases/}, the results): the local file
 * system by default ({@link #local}), or another store, such as Hadoop's {@code FileSystem} in transfer-spark, when
 * the cells train on other machines. Files are named by paths relative to the study's root with {@code /} between
 * folders, e.g. {@code cells/split0-baseA.json}.
 *
 * <p>A store makes a kill at any moment leave the study resumable: a file is written whole or not at all
 * ({@link #writeAtomically}), and a folder (a saved network) either does not exist or is complete
 * ({@link #saveFolder}). Several processes may write one study at once, each its own cells.
 */
public interface StudyStorage {
    /**
     * The study's files in a local directory, written as {@link Study#open(StudyPlan, Path)} writes them.
     *
     * @param root the study's directory
     * @return the store
     */
    static StudyStorage local(Path root) {
        return new LocalStudyStorage(root);
    }

    /**
     * How a file or folder of the study is named in messages.
     *
     * @param file relative path; the empty string names the study's root
     * @return e.g. {@code runs/quick/cells/split0-baseA.json} or {@code hdfs://namenode/studies/quick}
     */
    String location(String file);

    /**
     * Reads a file.
     *
     * @return its text, empty when the file does not exist
     */
    Optional<String> read(String file) throws IOException;

    /** Writes a file whole or not at all, replacing any earlier version, creating its folders. */
    void writeAtomically(String file, String text) throws IOException;

    /** Deletes a file if it exists. */
    void delete(String file) throws IOException;

    /** @return whether the folder exists (then it is complete, see {@link #saveFolder}) */
    boolean hasFolder(String folder) throws IOException;

    /**
     * Creates a folder whole or not at all: the writer fills a local temporary folder, which is then published
     * under the name. When another process published the same folder first, this one's copy is discarded.
     *
     * @param folder relative path of the folder, which must not exist yet
     * @param writer fills the local folder it is given
     */
    void saveFolder(String folder, FolderWriter writer) throws IOException;

    /**
     * Reads a folder through a local copy (or the folder itself, when it is local), valid while the reader runs.
     *
     * @param folder relative path of an existing folder
     * @param reader reads the local folder it is given
     * @return what the reader returns
     */
    <T> T readFolder(String folder, FolderReader<T> reader) throws IOException;

    /**
     * Removes the half-written temporary folders that a killed {@link #saveFolder} left inside a folder. Call it only
     * when no other process writes the study.
     *
     * @param parent relative path of the folder that holds them, e.g. {@code bases}
     */
    void removeTemporaryFolders(String parent) throws IOException;

    /** Fills a local folder (e.g. with {@code Network.save}). */
    @FunctionalInterface
    interface FolderWriter {
        /** @param folder an empty local folder */
        void write(Path folder) throws IOException;
    }

    /**
     * Reads a local folder (e.g. with {@code Backend.load}).
     *
     * @param <T> what it reads
     */
    @FunctionalInterface
    interface FolderReader<T> {
        /**
         * @param folder the local folder
         * @return what was read
         */
        T read(Path folder) throws IOException;
    }
}
