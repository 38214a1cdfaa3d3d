package org.transferable.djl;

import org.transferable.engine.Engine;
import org.transferable.testkit.BackendContractTest;

/** Runs the test kit's {@link BackendContractTest} on the DJL engine. */
class DjlBackendContractTest extends BackendContractTest {
    @Override
    protected Engine engine() {
        return new DjlEngine();
    }
}
