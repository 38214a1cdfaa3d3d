package org.transferable.spark;

import java.util.List;
import java.util.Optional;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.transferable.engine.ThreadLimit;
import org.transferable.json.Json;
import org.transferable.network.Backend;
import org.transferable.network.Backends;
import org.transferable.study.Cell;
import org.transferable.study.Study;
import org.transferable.study.StudyPlan;
import org.transferable.study.StudyProgress;

/**
 * One Spark task: measures the cell at an index of the plan's cells ({@link Study#runCells}) on its executor, with
 * the data set, the backend and the study's storage opened there, and {@code spark.task.cpus} engine threads. The
 * plan travels as its JSON text, so the task's plan is the driver's, fingerprint and all.
 */
final class CellTask implements Function<Integer, String> {
    private static final long serialVersionUID = 1L;

    private final String plan;
    private final HadoopStudyStorage storage;
    private final DatasetSource data;
    private final String backend;

    CellTask(StudyPlan plan, HadoopStudyStorage storage, DatasetSource data, String backend) {
        this.plan = Json.write(plan);
        this.storage = storage;
        this.data = data;
        this.backend = backend;
    }

    /**
     * @param index the cell's index in the plan's cells
     * @return the cell's id
     */
    @Override
    public String call(Integer index) throws Exception {
        StudyPlan studyPlan = Json.read(plan, StudyPlan.class);
        Cell cell = studyPlan.cells().get(index);
        Backend engine = Backends.load(backend);
        TaskContext context = TaskContext.get();
        int threads = context == null ? 1 : Math.max(1, context.cpus());
        Study study = Study.attach(studyPlan, storage);
        Optional<ThreadLimit> limit = engine.limitThreads(threads);
        try {
            study.runCells(List.of(cell), LoadedData.of(data), engine, StudyProgress.SILENT);
        } finally {
            limit.ifPresent(ThreadLimit::close);
        }
        return cell.id();
    }
}
