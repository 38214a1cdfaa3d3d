package org.transferable.dl4j;

import org.transferable.engine.Engine;
import org.transferable.testkit.BackendContractTest;

/** Runs the test kit's {@link BackendContractTest} on the DL4J engine. */
class Dl4jBackendContractTest extends BackendContractTest {
    @Override
    protected Engine engine() {
        return new Dl4jEngine();
    }
}
