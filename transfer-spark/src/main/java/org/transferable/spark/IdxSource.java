package org.transferable.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.transferable.data.IdxDataset;
import org.transferable.data.Task;

/**
 * A data set in a folder of IDX files, loaded by each task (see {@link DatasetSource#idx}).
 *
 * @param folder the folder, on the local file system of every executor
 * @param name the data set's name
 * @param classNames the class names, index = label
 */
record IdxSource(String folder, String name, List<String> classNames) implements DatasetSource {
    private static final long serialVersionUID = 1L;

    IdxSource {
        Objects.requireNonNull(folder, "data folder must not be null");
        Objects.requireNonNull(name, "data set name must not be null");
        classNames = List.copyOf(classNames);
    }

    @Override
    public Task load() throws IOException {
        return IdxDataset.load(Path.of(folder), name, classNames);
    }
}
