package org.transferable.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.transferable.data.Task;
import org.transferable.examples.PaperNetworks;
import org.transferable.network.Backend;
import org.transferable.network.Backends;
import org.transferable.network.Network;
import org.transferable.train.TrainingConfig;
import org.transferable.train.TrainingListener;
import org.transferable.transfer.Transfer;

/**
 * Training throughput of the reference network (images per second, one epoch over 2,048 images per
 * operation): all layers trained; both convolutions frozen on the plain path (the prefix recomputed every
 * step); both convolutions frozen with the prefix computed once (the default).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
public class TrainingBenchmark {
    static final int IMAGES = 2048;

    /** {@code all}, {@code frozen-plain} or {@code frozen-cached}. */
    @Param({"all", "frozen-plain", "frozen-cached"})
    public String mode;

    /** Backend name, e.g. {@code dl4j}. */
    @Param({"dl4j"})
    public String backend;

    private Backend engine;
    private Task taskB;
    private Network prepared;
    private final TrainingConfig config = TrainingConfig.defaults().withEpochs(1).withBatchSize(64);

    /** Builds the network to train: fresh, or with baseA's convolutions copied and frozen. */
    @Setup(Level.Trial)
    public void setUp() {
        if ("frozen-plain".equals(mode)) {
            System.setProperty(Backend.PREFIX_CACHE_PROPERTY, "0");
        }
        engine = Backends.load(backend);
        Task taskA = ReferenceData.head(ReferenceData.tasks().a(), IMAGES);
        taskB = ReferenceData.head(ReferenceData.tasks().b(), IMAGES);
        if ("all".equals(mode)) {
            prepared = engine.initialise(PaperNetworks.reference(), taskB, 1);
        } else {
            Network baseA = engine.initialise(PaperNetworks.reference(), taskA, 1);
            prepared = Transfer.from(baseA).copy(2).freeze().prepare(taskB, 2);
        }
    }

    /** @return the trained copy (so JMH keeps the work) */
    @Benchmark
    @OperationsPerInvocation(IMAGES)
    public Network trainOneEpoch() {
        return engine.fit(prepared, taskB, config, TrainingListener.NONE);
    }
}
