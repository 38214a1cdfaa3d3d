package org.transferable.spark;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.transferable.data.IdxDataset;
import org.transferable.data.Task;

/**
 * A data set in IDX resources of the application's jar, loaded by each executor (see
 * {@link DatasetSource#resources}).
 *
 * @param anchor a class of the jar
 * @param folder the resource folder, relative to the anchor's package
 * @param name the data set's name
 * @param classNames the class names, index = label
 */
record ResourceSource(Class<?> anchor, String folder, String name, List<String> classNames)
        implements DatasetSource {
    private static final long serialVersionUID = 1L;

    ResourceSource {
        Objects.requireNonNull(anchor, "anchor class must not be null");
        Objects.requireNonNull(folder, "resource folder must not be null");
        Objects.requireNonNull(name, "data set name must not be null");
        classNames = List.copyOf(classNames);
    }

    @Override
    public Task load() throws IOException {
        return IdxDataset.loadResources(anchor, folder, name, classNames);
    }
}
