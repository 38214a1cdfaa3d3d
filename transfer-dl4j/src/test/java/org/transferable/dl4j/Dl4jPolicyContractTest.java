package org.transferable.dl4j;

import org.transferable.engine.Engine;
import org.transferable.testkit.PolicyContractTest;

/** Runs the test kit's {@link PolicyContractTest} on the DL4J engine. */
class Dl4jPolicyContractTest extends PolicyContractTest {
    @Override
    protected Engine engine() {
        return new Dl4jEngine();
    }
}
