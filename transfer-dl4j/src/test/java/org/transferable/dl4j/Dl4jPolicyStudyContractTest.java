package org.transferable.dl4j;

import org.transferable.engine.Engine;
import org.transferable.testkit.PolicyStudyContractTest;

/** Runs the test kit's {@link PolicyStudyContractTest} on the DL4J engine. */
class Dl4jPolicyStudyContractTest extends PolicyStudyContractTest {
    @Override
    protected Engine engine() {
        return new Dl4jEngine();
    }
}
