package org.transferable.dl4j;

import org.transferable.engine.Engine;
import org.transferable.testkit.SolverContractTest;

/** Runs the test kit's {@link SolverContractTest} on the DL4J engine. */
class Dl4jSolverContractTest extends SolverContractTest {
    @Override
    protected Engine engine() {
        return new Dl4jEngine();
    }
}
