package org.transferable.study;

import java.util.Map;

/**
 * Hears a study's progress: cells starting and finishing, and the training inside a cell (forwarded from
 * {@link org.transferable.train.TrainingListener}). Called on the study's thread, or, when a study runs several
 * workers ({@link Study#withWorkers}), on each worker's thread: an implementation must then be thread-safe. Keep it
 * cheap. Every method does nothing by default.
 */
public interface StudyProgress {
    /** Hears nothing: for tests, CI and programs that log only. */
    StudyProgress SILENT = new StudyProgress() {
    };

    /**
     * The console progress bar when a person is watching, silence otherwise: {@link #SILENT} when the
     * environment variable {@code CI} is set or {@link System#console()} is null (tests, pipes, CI), a
     * {@link ConsoleProgress} on standard error otherwise.
     *
     * @return the progress listener
     */
    static StudyProgress auto() {
        return forEnvironment(System.getenv(), System.console() != null);
    }

    /**
     * The choice {@link #auto()} makes, for a given environment.
     *
     * @param environment environment variables
     * @param interactiveConsole whether a console is attached
     * @return {@link #SILENT} or a {@link ConsoleProgress} on standard error
     */
    static StudyProgress forEnvironment(Map<String, String> environment, boolean interactiveConsole) {
        return environment.containsKey("CI") || !interactiveConsole ? SILENT : new ConsoleProgress(System.err);
    }

    /**
     * Before the first cell.
     *
     * @param plan the plan
     * @param cellCount cells in the plan
     * @param finishedCount cells already finished by an earlier run (skipped)
     */
    default void studyStarted(StudyPlan plan, int cellCount, int finishedCount) {
    }

    /**
     * A cell starts.
     *
     * @param cell the cell
     * @param finishedCount cells finished so far
     * @param cellCount cells in the plan
     */
    default void cellStarted(Cell cell, int finishedCount, int cellCount) {
    }

    /**
     * After a training step inside a cell: of the cell's own network, or of a base the cell is the first to need.
     *
     * @param cell the running cell
     * @param network what is training, e.g. {@code split0-baseA} or {@code split0-AnB-3}
     * @param images images processed so far in this training run
     * @param totalImages images the whole run will process
     */
    default void training(Cell cell, String network, long images, long totalImages) {
    }

    /**
     * After a training epoch inside a cell.
     *
     * @param network what is training
     * @param epoch 1-based epoch just finished
     * @param meanLoss mean training loss of the epoch
     */
    default void epoch(Cell cell, String network, int epoch, double meanLoss) {
    }

    /**
     * A cell finished and was written to disk.
     *
     * @param finishedCount cells finished so far, this one included
     * @param cellCount cells in the plan
     */
    default void cellFinished(CellResult result, int finishedCount, int cellCount) {
    }

    /**
     * A cell could not be measured (its training, or its base's, diverged); the study goes on with the next.
     *
     * @param failure the cell and the reason
     * @param finishedCount cells finished so far
     * @param cellCount cells in the plan
     */
    default void cellFailed(CellFailure failure, int finishedCount, int cellCount) {
    }

    /**
     * The study's estimate of its wall time, made after each cell from the cells measured so far (see
     * {@code WallTimeEstimate}); may be called from any worker.
     *
     * @param elapsedSeconds seconds since the run started
     * @param remainingSeconds seconds expected until it ends
     */
    default void estimated(double elapsedSeconds, double remainingSeconds) {
    }

    /** The study ended, completely or by an exception; release the console. */
    default void studyEnded() {
    }
}
