package org.transferable.examples;

/** The paper's baseB: the network trained from scratch on task B (saved and reused by the transfer programs). */
public final class BaseB {
    private BaseB() {
    }

    /**
     * Trains (or loads) baseB and prints its test accuracy.
     *
     * @param args options of {@link ExampleSetup}
     */
    public static void main(String[] args) {
        ExampleSetup setup = ExampleSetup.parse(args);
        setup.report("baseB", setup.base(setup.tasks.b()), setup.tasks.b());
    }
}
