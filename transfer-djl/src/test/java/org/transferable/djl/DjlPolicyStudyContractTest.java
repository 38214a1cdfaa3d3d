package org.transferable.djl;

import org.transferable.engine.Engine;
import org.transferable.testkit.PolicyStudyContractTest;

/** Runs the test kit's {@link PolicyStudyContractTest} on the DJL engine. */
class DjlPolicyStudyContractTest extends PolicyStudyContractTest {
    @Override
    protected Engine engine() {
        return new DjlEngine();
    }
}
