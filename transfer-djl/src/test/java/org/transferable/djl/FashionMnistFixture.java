package org.transferable.djl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.transferable.data.IdxDataset;
import org.transferable.data.Task;

/** The Fashion-MNIST copy that ships in transfer-examples, loaded once per test JVM. */
final class FashionMnistFixture {
    /** Relative to this module's directory, where Surefire runs. */
    static final Path DIR = Path.of("../transfer-examples/src/main/resources/org/transferable/examples/fashion-mnist");
    static final java.util.List<String> CLASS_NAMES = java.util.List.of("T-shirt/top", "Trouser", "Pullover",
            "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private static Task data;

    private FashionMnistFixture() {
    }

    static synchronized Task load() {
        if (data == null) {
            try {
                data = IdxDataset.load(DIR, "fashion-mnist", CLASS_NAMES);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return data;
    }
}
