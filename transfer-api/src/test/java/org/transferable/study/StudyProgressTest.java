package org.transferable.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StudyProgressTest {
    @Test
    void forEnvironment_ciSet_isSilent() {
        assertThat(StudyProgress.forEnvironment(Map.of("CI", "true"), true)).isSameAs(StudyProgress.SILENT);
    }

    @Test
    void forEnvironment_noConsole_isSilent() {
        assertThat(StudyProgress.forEnvironment(Map.of(), false)).isSameAs(StudyProgress.SILENT);
    }

    @Test
    void forEnvironment_personAtAConsole_isTheBar() {
        assertThat(StudyProgress.forEnvironment(Map.of("HOME", "/home/me"), true)).isInstanceOf(ConsoleProgress.class);
    }

    @Test
    void auto_underTests_isSilent() {
        // Surefire runs without a console, so auto() must stay quiet here.
        assertThat(StudyProgress.auto()).isSameAs(StudyProgress.SILENT);
    }

    @Test
    void consoleProgress_drawsTheStudyAndItsLastCell() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleProgress progress = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        StudyPlan plan = StudyFixtures.plan();
        Cell cell = Cell.base(0, Treatment.BASE_A);

        progress.studyStarted(plan, 4, 1);
        progress.cellStarted(cell, 1, 4);
        progress.training(cell, "split0-baseA", 50, 100);
        progress.epoch(cell, "split0-baseA", 1, 0.5);
        progress.cellFinished(StudyFixtures.result(cell, 0.875), 2, 4);
        progress.studyEnded();

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("quick").contains("50%").contains("split0-baseA 0.8750 (2/4)");
    }

    @Test
    void consoleProgress_eventsWithoutAStudy_areIgnored() {
        ConsoleProgress progress = new ConsoleProgress(new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8));
        Cell cell = Cell.base(0, Treatment.BASE_B);

        assertThatCode(() -> {
            progress.cellStarted(cell, 0, 1);
            progress.training(cell, "split0-baseB", 1, 2);
            progress.studyEnded();
        }).doesNotThrowAnyException();
    }

    @Test
    void consoleProgress_twoCellsRunningAtOnce_advancesByBothAndShowsTheStudysEstimate() {
        ConsoleProgress progress = new ConsoleProgress(new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8));
        Cell a = Cell.base(0, Treatment.BASE_A);
        Cell b = Cell.base(0, Treatment.BASE_B);
        progress.studyStarted(StudyFixtures.plan(), 4, 0);
        assertThat(progress.eta()).isEmpty();

        progress.cellStarted(a, 0, 4);
        progress.cellStarted(b, 0, 4);
        progress.training(a, "split0-baseA", 50, 100);
        progress.training(b, "split0-baseB", 25, 100);
        progress.cellFinished(StudyFixtures.result(a, 0.875), 1, 4);
        progress.estimated(10.0, 600.0);

        assertThat(progress.position()).isEqualTo(1000 + 250);
        assertThat(progress.eta()).hasValueSatisfying(eta -> assertThat(eta.toSeconds()).isBetween(590L, 600L));
        progress.studyEnded();
    }
}
