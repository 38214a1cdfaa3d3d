package org.transferable.spark;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.transferable.network.Backends;
import org.transferable.network.Network;
import org.transferable.study.Cell;
import org.transferable.study.CellResult;
import org.transferable.study.Study;
import org.transferable.study.StudyPlan;
import org.transferable.study.StudyProgress;
import org.transferable.study.StudyResult;
import scala.Tuple2;

/**
 * A study whose cells run as Spark tasks, one task per cell, with the same directory, files and numbers as
 * {@link Study#run}: a first stage measures one cell per source network of each split (baseA, baseB, the random
 * weights of RnB), which trains and saves that source under {@code bases/}; a second stage measures every other
 * cell, each task loading its source from there; then the driver writes {@code results.json} and
 * {@code results.csv} from the cells on disk, as a serial run does.
 *
 * <pre>{@code
 * try (JavaSparkContext spark = SparkStudy.context("local[2]")) {  // or a cluster's master URL
 *     StudyResult result = SparkStudy.open(plan, "hdfs://namenode/studies/quick", spark)
 *             .run(DatasetSource.idx("/data/fashion-mnist", "fashion-mnist", classNames), "djl");
 * }
 * }</pre>
 *
 * <p>Each task loads the data set ({@link DatasetSource}) and the backend by name on its executor, and trains with
 * {@code spark.task.cpus} engine threads. Every cell's seeds come from the plan, so the numbers do not depend on
 * where or in which order cells run: with {@code spark.task.cpus=1} they equal a serial run's with one engine thread
 * per worker ({@link Study#withWorkers(int, int)}). A rerun, or a retried task, skips the finished cells; a
 * directory that holds another plan is refused before anything runs.
 */
public final class SparkStudy {
    private static final Logger LOG = LoggerFactory.getLogger(SparkStudy.class);
    private static final String HADOOP_PREFIX = "spark.hadoop.";

    private final StudyPlan plan;
    private final HadoopStudyStorage storage;
    private final JavaSparkContext spark;
    private final Study study;

    private SparkStudy(StudyPlan plan, HadoopStudyStorage storage, JavaSparkContext spark, Study study) {
        this.plan = plan;
        this.storage = storage;
        this.spark = spark;
        this.study = study;
    }

    /**
     * A Spark context for studies: the given master, no speculative execution (a speculative copy of a task would
     * train its cell twice), and in local mode no web UI and the driver on the loopback address.
     *
     * @param master e.g. {@code local[2]}, {@code spark://host:7077} or {@code yarn}
     * @return the context; close it when the studies are done
     */
    public static JavaSparkContext context(String master) {
        Objects.requireNonNull(master, "Spark master must not be null");
        SparkConf conf = new SparkConf().setMaster(master).setAppName("transferable").set("spark.speculation", "false");
        if (master.startsWith("local")) {
            conf.set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                    .set("spark.driver.bindAddress", "127.0.0.1");
        }
        return new JavaSparkContext(conf);
    }

    /**
     * Binds a plan to a study directory on a Hadoop file system, as {@link Study#open} binds it to a local one:
     * writes {@code plan.json} into a new or empty directory and removes half-saved bases left by a kill.
     *
     * @param directory the study's directory: a local path, {@code hdfs://...}, {@code s3a://...}; the Hadoop
     *     settings are the context's {@code spark.hadoop.*} ones
     * @param spark the context that runs the tasks
     * @return the study
     * @throws IllegalStateException when the directory holds another plan, or the context runs speculative tasks:
     *     "spark.speculation must be false for a study (a speculative copy of a task trains its cell twice), got true"
     */
    public static SparkStudy open(StudyPlan plan, String directory, JavaSparkContext spark) throws IOException {
        Objects.requireNonNull(plan, "plan must not be null");
        Objects.requireNonNull(spark, "Spark context must not be null");
        String speculation = spark.getConf().get("spark.speculation", "false");
        if (!speculation.trim().equalsIgnoreCase("false")) {
            throw new IllegalStateException("spark.speculation must be false for a study (a speculative copy of a "
                    + "task trains its cell twice), got " + speculation);
        }
        HadoopStudyStorage storage = new HadoopStudyStorage(directory, hadoopSettings(spark.getConf()));
        return new SparkStudy(plan, storage, spark, Study.open(plan, storage));
    }

    /** @return the {@code spark.hadoop.*} settings, without the prefix */
    static Map<String, String> hadoopSettings(SparkConf conf) {
        Map<String, String> settings = new HashMap<>();
        for (Tuple2<String, String> entry : conf.getAllWithPrefix(HADOOP_PREFIX)) {
            settings.put(entry._1(), entry._2());
        }
        return settings;
    }

    /**
     * The same study with a network trained elsewhere as one split's baseA ({@link Study#withBaseA}): the driver
     * measures the first cell that needs it (saving it in the study's directory), and the tasks load it from there.
     *
     * @param split the split, in [0, splits - 1]
     * @param network the base: the plan's spec and as many classes as the split's half A
     * @return the study with that base
     * @throws IllegalArgumentException naming the split and what does not match the plan
     */
    public SparkStudy withBaseA(int split, Network network) {
        return new SparkStudy(plan, storage, spark, study.withBaseA(split, network));
    }

    /** @return the plan */
    public StudyPlan plan() {
        return plan;
    }

    /** @return the study's storage */
    public HadoopStudyStorage storage() {
        return storage;
    }

    /**
     * Measures every cell not yet in the directory, one Spark task each, then writes {@code results.json} and
     * {@code results.csv}. The driver first checks the data set against the plan (loading it once).
     *
     * @param data how each task loads the data set
     * @param backend name of the backend every task trains with, e.g. {@code djl}
     * @return the complete result
     * @throws IllegalArgumentException when the data set's name or classes do not match the plan, or no backend has
     *     the name
     * @throws IllegalStateException when finished cells in the directory were trained by another backend
     */
    public StudyResult run(DatasetSource data, String backend) throws IOException {
        Objects.requireNonNull(data, "data source must not be null");
        Objects.requireNonNull(backend, "backend must not be null");
        // the driver checks the data against the plan and measures the cells of given bases, which saves them
        study.runCells(study.givenSourceCells(), LoadedData.of(data), Backends.load(backend), StudyProgress.SILENT);
        List<CellResult> done = study.finishedCells();
        List<Cell> finished = done.stream().map(CellResult::cell).toList();
        for (CellResult r : done) {
            if (!r.backend().equals(backend)) {
                throw new IllegalStateException("output directory " + storage.location("") + " holds cell " + r.id()
                        + " trained by backend " + r.backend() + "; this run uses backend " + backend);
            }
        }
        List<Cell> cells = plan.cells();
        List<Cell> sources = study.sourceCells().stream().filter(c -> !finished.contains(c)).toList();
        List<Cell> rest = cells.stream().filter(c -> !finished.contains(c) && !sources.contains(c)).toList();
        LOG.info("study {} on Spark {}: {} of {} cells finished; {} source cell(s), then {} cell(s)", plan.name(),
                spark.master(), finished.size(), cells.size(), sources.size(), rest.size());
        CellTask task = new CellTask(study.plan(), storage, data, backend);
        stage("source networks", sources, task);
        stage("cells", rest, task);
        return study.writeResult(backend);
    }

    private void stage(String what, List<Cell> todo, CellTask task) {
        if (todo.isEmpty()) {
            return;
        }
        List<Cell> cells = plan.cells();
        List<Integer> indices = todo.stream().map(cells::indexOf).toList();
        spark.setJobDescription("study " + plan.name() + ": " + what + ", " + todo.size() + " task(s)");
        long start = System.nanoTime();
        List<String> done = spark.parallelize(indices, indices.size()).map(task).collect();
        LOG.info("study {}: {} measured in {} s: {}", plan.name(), what,
                String.format(Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9), done);
    }
}
