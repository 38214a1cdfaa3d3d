package org.transferable.examples;

/** The paper's baseA: the network trained from scratch on task A (saved and reused by the transfer programs). */
public final class BaseA {
    private BaseA() {
    }

    /**
     * Trains (or loads) baseA and prints its test accuracy.
     *
     * @param args options of {@link ExampleSetup}
     */
    public static void main(String[] args) {
        ExampleSetup setup = ExampleSetup.parse(args);
        setup.report("baseA", setup.base(setup.tasks.a()), setup.tasks.a());
    }
}
