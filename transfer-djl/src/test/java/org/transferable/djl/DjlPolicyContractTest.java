package org.transferable.djl;

import org.transferable.engine.Engine;
import org.transferable.testkit.PolicyContractTest;

/** Runs the test kit's {@link PolicyContractTest} on the DJL engine. */
class DjlPolicyContractTest extends PolicyContractTest {
    @Override
    protected Engine engine() {
        return new DjlEngine();
    }
}
