package org.transferable.djl;

import org.transferable.engine.Engine;
import org.transferable.testkit.FrozenLayersContractTest;

/** Runs the test kit's {@link FrozenLayersContractTest} on the DJL engine. */
class DjlFrozenLayersContractTest extends FrozenLayersContractTest {
    @Override
    protected Engine engine() {
        return new DjlEngine();
    }
}
