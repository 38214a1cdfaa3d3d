package org.transferable.examples;

import org.transferable.network.Network;
import org.transferable.transfer.Transfer;

/**
 * The paper's transfer AnB (or AnB+ with {@code --fine-tune}): copy the first n layers of baseA into a new network
 * for task B, freeze (or fine-tune) them, re-initialise the layers above, train on B.
 */
public final class AnB {
    private AnB() {
    }

    /**
     * Runs AnB at {@code --n} (default 3) and prints baseB's and AnB's accuracy.
     *
     * @param args options of {@link ExampleSetup}
     */
    public static void main(String[] args) {
        ExampleSetup setup = ExampleSetup.parse(args);
        Network baseA = setup.base(setup.tasks.a());
        Network baseB = setup.base(setup.tasks.b());
        Transfer.Copied copied = Transfer.from(baseA).copy(setup.n());
        Transfer transfer = setup.args.has("fine-tune") ? copied.fineTune() : copied.freeze();
        long start = System.nanoTime();
        Network transferred = transfer.train(setup.tasks.b(), setup.config);
        System.out.printf("%s trained in %.1f s%n", transfer.plan(setup.tasks.b()), (System.nanoTime() - start) / 1e9);
        setup.report("baseA", baseA, setup.tasks.a());
        setup.report("baseB", baseB, setup.tasks.b());
        setup.report(transfer.plan(setup.tasks.b()).toString(), transferred, setup.tasks.b());
    }
}
