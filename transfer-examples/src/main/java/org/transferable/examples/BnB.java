package org.transferable.examples;

import org.transferable.network.Network;
import org.transferable.transfer.Transfer;

/**
 * The paper's selffer BnB (or BnB+ with {@code --fine-tune}): copy the first n layers of baseB into a new network,
 * freeze (or fine-tune) them, re-initialise the layers above, train on B.
 */
public final class BnB {
    private BnB() {
    }

    /**
     * Runs BnB at {@code --n} (default 3) and prints baseB's and BnB's accuracy.
     *
     * @param args options of {@link ExampleSetup}
     */
    public static void main(String[] args) {
        ExampleSetup setup = ExampleSetup.parse(args);
        Network baseB = setup.base(setup.tasks.b());
        Transfer.Copied copied = Transfer.from(baseB).copy(setup.n());
        Transfer transfer = setup.args.has("fine-tune") ? copied.fineTune() : copied.freeze();
        long start = System.nanoTime();
        Network selffer = transfer.train(setup.tasks.b(), setup.config);
        System.out.printf("%s trained in %.1f s%n", transfer.plan(setup.tasks.b()), (System.nanoTime() - start) / 1e9);
        setup.report("baseB", baseB, setup.tasks.b());
        setup.report(transfer.plan(setup.tasks.b()).toString(), selffer, setup.tasks.b());
    }
}
