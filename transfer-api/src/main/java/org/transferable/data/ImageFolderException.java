package org.transferable.data;

import java.io.IOException;
import java.nio.file.Path;

/** An image folder that cannot be read as a data set: its layout, or an image that does not decode, named. */
public final class ImageFolderException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /**
     * @param file the folder or image at fault
     * @param message what is wrong, naming it
     */
    public ImageFolderException(Path file, String message) {
        super(message);
        this.file = file;
    }

    /** @return the folder or image at fault */
    public Path file() {
        return file;
    }
}
