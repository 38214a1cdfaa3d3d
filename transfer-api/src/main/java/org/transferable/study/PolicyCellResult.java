package org.transferable.study;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import org.transferable.network.Provenance;

/**
 * What one cell of a policy study measured.
 *
 * @param cell the cell
 * @param accuracy top-1 accuracy on B's test images
 * @param loss mean cross-entropy on them
 * @param trainImages the training images it used (its fraction of B)
 * @param testImages the test images
 * @param epochs epochs trained
 * @param wallSeconds seconds it took, evaluation included
 * @param backend the backend's name
 * @param provenance the trained network's provenance (its plan and policy in {@code origin})
 */
@JsonIgnoreProperties(value = "id", allowGetters = true)
public record PolicyCellResult(PolicyCell cell, double accuracy, double loss, int trainImages, int testImages,
        int epochs, double wallSeconds, String backend, Provenance provenance) {
    /** Checks for null and a finite accuracy. */
    public PolicyCellResult {
        Objects.requireNonNull(cell, "cell");
        if (!(accuracy >= 0.0 && accuracy <= 1.0)) {
            throw new IllegalArgumentException("accuracy of cell " + cell.id() + " must be in [0, 1], got " + accuracy);
        }
        Objects.requireNonNull(backend, "backend");
    }

    /** @return the cell's id */
    @JsonProperty("id")
    public String id() {
        return cell.id();
    }
}
