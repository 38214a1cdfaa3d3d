package org.transferable.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.transferable.data.Task;
import org.transferable.examples.PaperNetworks;
import org.transferable.network.Backends;
import org.transferable.network.Network;
import org.transferable.transfer.Transfer;

/** The cost of a transfer itself: building the target network and copying layers 1..n (milliseconds). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class TransferBenchmark {
    /** Copied layers. */
    @Param({"1", "2", "4"})
    public int n;

    /** Backend name. */
    @Param({"dl4j"})
    public String backend;

    private Network baseA;
    private Task taskB;

    /** An initialised reference network as the source. */
    @Setup(Level.Trial)
    public void setUp() {
        baseA = Backends.load(backend).initialise(PaperNetworks.reference(), ReferenceData.tasks().a(), 1);
        taskB = ReferenceData.head(ReferenceData.tasks().b(), 64);
    }

    /** @return the prepared target */
    @Benchmark
    public Network copyAndFreeze() {
        return Transfer.from(baseA).copy(n).freeze().prepare(taskB, 3);
    }
}
