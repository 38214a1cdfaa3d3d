package org.transferable.study;

import java.util.Objects;
import org.transferable.Checks;
import org.transferable.network.Provenance;

/**
 * The measured outcome of one cell, as written to {@code cells/<id>.json} the moment the cell finishes.
 *
 * @param cell which cell
 * @param accuracy top-1 accuracy on the test images of the cell's task (A for baseA, B otherwise), in [0, 1]
 * @param loss mean cross-entropy on those images, at least 0 (may be infinite)
 * @param trainImages training images of the network's task, at least 1 (0 never: every network is trained)
 * @param testImages test images evaluated, at least 1
 * @param wallSeconds seconds spent on the cell in the run that produced it, including training any base it was
 *     the first to need; at least 0
 * @param backend name of the backend that trained it
 * @param provenance the trained network's provenance
 */
public record CellResult(Cell cell, double accuracy, double loss, int trainImages, int testImages,
        double wallSeconds, String backend, Provenance provenance) {

    /**
     * Validates every field.
     *
     * @throws IllegalArgumentException e.g. "accuracy must be in [0.0, 1.0], got 1.5"
     */
    public CellResult {
        Objects.requireNonNull(cell, "cell must not be null");
        Checks.inRange("accuracy", accuracy, 0.0, 1.0);
        if (!(loss >= 0.0)) {
            throw new IllegalArgumentException("loss must be >= 0, got " + loss);
        }
        Checks.inRange("training images", trainImages, 1, Integer.MAX_VALUE);
        Checks.inRange("test images", testImages, 1, Integer.MAX_VALUE);
        if (!(wallSeconds >= 0.0 && Double.isFinite(wallSeconds))) {
            throw new IllegalArgumentException("wall seconds must be finite and >= 0, got " + wallSeconds);
        }
        Checks.name("backend", backend);
        Objects.requireNonNull(provenance, "provenance must not be null");
    }

    /** @return the cell's id, e.g. {@code split0-AnB+-3} */
    public String id() {
        return cell.id();
    }
}
