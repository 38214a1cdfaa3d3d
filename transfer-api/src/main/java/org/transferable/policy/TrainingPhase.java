package org.transferable.policy;

import java.util.List;
import org.transferable.Checks;
import org.transferable.engine.LayerTraining;

/**
 * A phase of a policy resolved for one network and n: its epochs and, per layer 1..L, what the engine applies.
 *
 * @param epochs epochs of the phase, at least 1
 * @param layers per layer 1..L
 * @param resetSolver whether the solver's velocities restart from zero when this phase begins (not used for the
 *     first phase, which starts from zero anyway)
 */
public record TrainingPhase(int epochs, List<LayerTraining> layers, boolean resetSolver) {
    /** Validates and copies. */
    public TrainingPhase {
        Checks.inRange("epochs of a phase", epochs, 1, 10_000);
        layers = List.copyOf(layers);
    }
}
