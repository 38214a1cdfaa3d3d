package org.transferable.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class WallTimeEstimateTest {
    private static final List<Cell> CELLS = List.of(Cell.base(0, Treatment.BASE_A), Cell.base(0, Treatment.BASE_B),
            new Cell(0, Treatment.SELFFER, 1), new Cell(0, Treatment.SELFFER_FINE_TUNED, 1),
            new Cell(0, Treatment.SELFFER, 2), new Cell(0, Treatment.TRANSFER, 2));

    @Test
    void finished_onlyAFullCellMeasured_costsFrozenCellsAtTheirUnmeasuredShare() {
        WallTimeEstimate estimate = new WallTimeEstimate(1);
        estimate.started(CELLS);

        WallTimeEstimate.Value value = estimate.finished(CELLS.get(0), 10.0).orElseThrow();

        // baseB and BnB+-1 at 10 s; BnB-1, BnB-2, AnB-2 at 0.3 x 10 s
        assertThat(value.remaining()).isCloseTo(2 * 10.0 + 3 * 3.0, within(1e-9));
        assertThat(value.worthLogging()).isTrue();
    }

    @Test
    void finished_frozenCellMeasured_costsItsNAtItsTimeAndOtherNsAtTheFrozenMean() {
        WallTimeEstimate estimate = new WallTimeEstimate(1);
        estimate.started(CELLS);
        estimate.finished(CELLS.get(0), 10.0);
        estimate.finished(CELLS.get(1), 12.0);

        WallTimeEstimate.Value value = estimate.finished(CELLS.get(2), 2.0).orElseThrow();

        // BnB+-1 at the full mean 11 s; BnB-2 and AnB-2 at the frozen mean 2 s
        assertThat(value.remaining()).isCloseTo(11.0 + 2 * 2.0, within(1e-9));
    }

    @Test
    void finished_estimateWithinAQuarterOfTheLastLogged_isNotWorthLogging() {
        long[] now = {0L};
        WallTimeEstimate estimate = new WallTimeEstimate(1, () -> now[0]);
        estimate.started(CELLS);
        now[0] = 10_000_000_000L;
        assertThat(estimate.finished(CELLS.get(0), 10.0).orElseThrow().worthLogging()).isTrue();

        // 10 s + 29 s left before; now 20 s + 19 s left (baseB took 10 s as expected), then 25 s + 13 s
        now[0] = 20_000_000_000L;
        assertThat(estimate.finished(CELLS.get(1), 10.0).orElseThrow().worthLogging()).isFalse();
        now[0] = 25_000_000_000L;
        WallTimeEstimate.Value value = estimate.finished(CELLS.get(3), 5.0).orElseThrow();

        // full cells average 25/3 s, so the three frozen cells left cost 0.3 x 25/3 s each
        assertThat(value.total()).isCloseTo(25.0 + 3 * 0.3 * 25.0 / 3, within(1e-9));
        assertThat(value.worthLogging()).isFalse();
    }

    @Test
    void finished_twoWorkers_halveTheTimeLeft() {
        WallTimeEstimate estimate = new WallTimeEstimate(2);
        estimate.started(CELLS);

        WallTimeEstimate.Value value = estimate.finished(CELLS.get(0), 10.0).orElseThrow();

        assertThat(value.remaining()).isCloseTo((2 * 10.0 + 3 * 3.0) / 2, within(1e-9));
    }

    @Test
    void format_secondsMinutesHours_readAsAPersonWould() {
        assertThat(WallTimeEstimate.format(44.6)).isEqualTo("45 s");
        assertThat(WallTimeEstimate.format(425)).isEqualTo("7 min 5 s");
        assertThat(WallTimeEstimate.format(2 * 3600 + 14 * 60 + 59)).isEqualTo("2 h 14 min");
        assertThat(WallTimeEstimate.format(-3)).isEqualTo("0 s");
    }
}
