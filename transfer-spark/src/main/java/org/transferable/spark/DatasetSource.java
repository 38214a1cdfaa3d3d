package org.transferable.spark;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import org.transferable.data.Task;

/**
 * How a Spark task gets the study's data set: each task loads it where it runs, so the data set travels as this
 * small description rather than as its images. An IDX folder ({@link #idx}) must be readable at the same path on
 * every executor (a shared or copied folder); IDX files shipped in the application's jar are {@link #resources}; any
 * other source is a serializable lambda: {@code DatasetSource data = MyData::load;}. An executor loads the data set
 * of an IDX folder or of resources once and keeps it for its next tasks (a lambda's, every task).
 */
@FunctionalInterface
public interface DatasetSource extends Serializable {
    /**
     * Loads the whole data set.
     *
     * @return the data set as one task, named as the plan's {@code dataset}
     */
    Task load() throws IOException;

    /**
     * The four IDX files of a folder ({@code train-images-idx3-ubyte[.gz]} and so on), as
     * {@link org.transferable.data.IdxDataset#load} reads them.
     *
     * @param folder the folder, on the local file system of every executor
     * @param name the data set's name, e.g. {@code fashion-mnist}
     * @param classNames the class names, index = label
     * @return the source
     */
    static DatasetSource idx(String folder, String name, List<String> classNames) {
        return new IdxSource(folder, name, classNames);
    }

    /**
     * The four IDX files in a resource folder of the application's jar, as
     * {@link org.transferable.data.IdxDataset#loadResources} reads them.
     *
     * @param anchor a class of the jar; the folder is relative to its package
     * @param folder the resource folder, e.g. {@code fashion-mnist}
     * @param name the data set's name
     * @param classNames the class names, index = label
     * @return the source
     */
    static DatasetSource resources(Class<?> anchor, String folder, String name, List<String> classNames) {
        return new ResourceSource(anchor, folder, name, classNames);
    }
}
