package org.transferable.study;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import org.transferable.Checks;

/**
 * A cell that could not be measured: its training diverged (a non-finite loss or weight), or the base network it
 * copies from did. Written to {@code cells/<id>.failed.json}, listed in the table, the summary and
 * {@code results.json}, never averaged into an estimate; a rerun of the study retries it.
 *
 * @param cell which cell
 * @param reason what went wrong, in words (the training guard's message)
 * @param wallSeconds seconds the attempt took, at least 0
 * @param backend name of the backend that tried it
 */
@JsonIgnoreProperties(value = "id", allowGetters = true)
public record CellFailure(Cell cell, String reason, double wallSeconds, String backend) {
    /** Validates every field. */
    public CellFailure {
        Objects.requireNonNull(cell, "cell must not be null");
        Objects.requireNonNull(reason, "reason must not be null");
        if (!(wallSeconds >= 0.0 && Double.isFinite(wallSeconds))) {
            throw new IllegalArgumentException("wall seconds must be finite and >= 0, got " + wallSeconds);
        }
        Checks.name("backend", backend);
    }

    /** @return the cell's id, e.g. {@code split0-AnB+-3} */
    @JsonProperty("id")
    public String id() {
        return cell.id();
    }
}
