package org.transferable.djl;

import org.transferable.engine.Engine;
import org.transferable.testkit.SolverContractTest;

/** Runs the test kit's {@link SolverContractTest} on the DJL engine. */
class DjlSolverContractTest extends SolverContractTest {
    @Override
    protected Engine engine() {
        return new DjlEngine();
    }
}
