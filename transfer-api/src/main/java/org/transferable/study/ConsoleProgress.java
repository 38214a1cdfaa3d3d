package org.transferable.study;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A console progress bar (me.tongfei:progressbar) over a study's cells, advancing within a cell with the images
 * trained, so its ETA reflects both. Each cell is {@value #UNITS_PER_CELL} units; cells finished by an earlier run
 * count as done from the start and do not distort the ETA. Prefer {@link StudyProgress#auto()}, which uses this
 * class only when a person is watching.
 *
 * <p>Not thread-safe: one instance serves one study at a time, on the study's thread.
 */
public final class ConsoleProgress implements StudyProgress {
    /** Bar units per cell. */
    public static final int UNITS_PER_CELL = 1000;

    private final PrintStream out;
    private ProgressBar bar;
    private long cellStart;
    private long position;

    /**
     * A bar that prints to a stream.
     *
     * @param out usually {@code System.err}
     */
    public ConsoleProgress(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out must not be null");
    }

    @Override
    public void studyStarted(StudyPlan plan, int cellCount, int finishedCount) {
        studyEnded();
        position = (long) finishedCount * UNITS_PER_CELL;
        bar = new ProgressBarBuilder()
                .setTaskName(plan.name())
                .setInitialMax((long) cellCount * UNITS_PER_CELL)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500)
                .setConsumer(new ConsoleProgressBarConsumer(out))
                .startsFrom(position, Duration.ZERO)
                .build();
        bar.setExtraMessage(finishedCount + "/" + cellCount + " cells");
    }

    @Override
    public void cellStarted(Cell cell, int finishedCount, int cellCount) {
        cellStart = (long) finishedCount * UNITS_PER_CELL;
        moveTo(cellStart);
        message(cell.id() + " (" + (finishedCount + 1) + "/" + cellCount + ")");
    }

    @Override
    public void training(Cell cell, String network, long images, long totalImages) {
        if (totalImages > 0) {
            moveTo(cellStart + Math.min(UNITS_PER_CELL - 1, UNITS_PER_CELL * images / totalImages));
        }
    }

    @Override
    public void epoch(Cell cell, String network, int epoch, double meanLoss) {
        message(String.format(Locale.ROOT, "%s epoch %d loss %.4f", network, epoch, meanLoss));
    }

    @Override
    public void cellFinished(CellResult result, int finishedCount, int cellCount) {
        moveTo((long) finishedCount * UNITS_PER_CELL);
        message(String.format(Locale.ROOT, "%s %.4f (%d/%d)", result.id(), result.accuracy(), finishedCount,
                cellCount));
    }

    @Override
    public void studyEnded() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    private void moveTo(long units) {
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
