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
import org.transferable.data.LabelledImages;
import org.transferable.examples.PaperNetworks;
import org.transferable.network.Backends;
import org.transferable.network.Network;
import org.transferable.train.Evaluation;

/** Inference throughput (images per second): evaluating the reference network on 1,000 test images. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
public class InferenceBenchmark {
    static final int IMAGES = 1000;

    /** Backend name, e.g. {@code dl4j}. */
    @Param({"dl4j"})
    public String backend;

    private Network network;
    private LabelledImages images;

    /** Builds an initialised reference network and picks 1,000 test images. */
    @Setup(Level.Trial)
    public void setUp() {
        var taskA = ReferenceData.tasks().a();
        network = Backends.load(backend).initialise(PaperNetworks.reference(), taskA, 1);
        images = taskA.test().head(IMAGES);
    }

    /** @return the evaluation */
    @Benchmark
    @OperationsPerInvocation(IMAGES)
    public Evaluation evaluate1000() {
        return network.evaluate(images);
    }
}
