package org.transferable.study;

import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A console progress bar (me.tongfei:progressbar) over a study's cells, advancing within each running cell with the
 * images trained. Its ETA is the study's own estimate ({@link StudyProgress#estimated}), from the measured cost of
 * each kind of cell, counting down between cells; before the first cell finishes it shows none. Each cell is
 * {@value #UNITS_PER_CELL} units; cells finished by an earlier run count as done from the start. Prefer
 * {@link StudyProgress#auto()}, which uses this class only when a person is watching.
 *
 * <p>Thread-safe: a study's workers report several running cells at once.
 */
public final class ConsoleProgress implements StudyProgress {
    /** Bar units per cell. */
    public static final int UNITS_PER_CELL = 1000;

    private final PrintStream out;
    private final Map<Cell, Long> running = new HashMap<>();
    private ProgressBar bar;
    private long finishedUnits;
    private long position;
    private volatile Duration remaining;
    private volatile long estimatedAtNanos;

    /**
     * A bar that prints to a stream.
     *
     * @param out usually {@code System.err}
     */
    public ConsoleProgress(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out must not be null");
    }

    @Override
    public synchronized void studyStarted(StudyPlan plan, int cellCount, int finishedCount) {
        studyEnded();
        running.clear();
        remaining = null;
        finishedUnits = (long) finishedCount * UNITS_PER_CELL;
        position = finishedUnits;
        bar = new ProgressBarBuilder()
                .setTaskName(plan.name())
                .setInitialMax((long) cellCount * UNITS_PER_CELL)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500)
                .setConsumer(new ConsoleProgressBarConsumer(out))
                .setEtaFunction(state -> eta())
                .startsFrom(position, Duration.ZERO)
                .build();
        bar.setExtraMessage(finishedCount + "/" + cellCount + " cells");
    }

    @Override
    public synchronized void cellStarted(Cell cell, int finishedCount, int cellCount) {
        running.put(cell, 0L);
        message(cell.id() + " (" + (finishedCount + 1) + "/" + cellCount + ")");
    }

    @Override
    public synchronized void training(Cell cell, String network, long images, long totalImages) {
        if (totalImages > 0 && running.containsKey(cell)) {
            running.put(cell, Math.min(UNITS_PER_CELL - 1, UNITS_PER_CELL * images / totalImages));
            move();
        }
    }

    @Override
    public synchronized void epoch(Cell cell, String network, int epoch, double meanLoss) {
        message(String.format(Locale.ROOT, "%s epoch %d loss %.4f", network, epoch, meanLoss));
    }

    @Override
    public synchronized void cellFinished(CellResult result, int finishedCount, int cellCount) {
        done(result.cell());
        message(String.format(Locale.ROOT, "%s %.4f (%d/%d)", result.id(), result.accuracy(), finishedCount,
                cellCount));
    }

    @Override
    public synchronized void cellFailed(CellFailure failure, int finishedCount, int cellCount) {
        done(failure.cell());
        message(failure.cell().id() + " failed (" + finishedCount + "/" + cellCount + ")");
    }

    @Override
    public void estimated(double elapsedSeconds, double remainingSeconds) {
        estimatedAtNanos = System.nanoTime();
        remaining = Duration.ofMillis(Math.round(1000 * Math.max(0.0, remainingSeconds)));
    }

    @Override
    public synchronized void studyEnded() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    /** @return the latest estimate, less the time since it was made; empty before the first */
    Optional<Duration> eta() {
        Duration left = remaining;
        if (left == null) {
            return Optional.empty();
        }
        Duration since = Duration.ofNanos(System.nanoTime() - estimatedAtNanos);
        return Optional.of(left.compareTo(since) > 0 ? left.minus(since) : Duration.ZERO);
    }

    /** @return the bar's position in units */
    synchronized long position() {
        return position;
    }

    private void done(Cell cell) {
        running.remove(cell);
        finishedUnits += UNITS_PER_CELL;
        move();
    }

    private void move() {
        long units = finishedUnits;
        for (long u : running.values()) {
            units += u;
        }
        position = Math.max(position, units);
        if (bar != null) {
            bar.stepTo(position);
        }
    }

    private void message(String text) {
        if (bar != null) {
            bar.setExtraMessage(text);
        }
    }
}
