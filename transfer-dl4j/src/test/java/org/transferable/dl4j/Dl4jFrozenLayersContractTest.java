package org.transferable.dl4j;

import org.transferable.engine.Engine;
import org.transferable.testkit.FrozenLayersContractTest;

/** Runs the test kit's {@link FrozenLayersContractTest} on the DL4J engine. */
class Dl4jFrozenLayersContractTest extends FrozenLayersContractTest {
    @Override
    protected Engine engine() {
        return new Dl4jEngine();
    }
}
