package org.transferable.djl;

import org.transferable.backend.Backend;
import org.transferable.testkit.BackendContractTest;
import org.transferable.testkit.FashionMnistFixture;
import org.transferable.data.Task;

/** Runs the backend contract suite from transfer-api's test-jar against the DJL backend. */
class DjlBackendContractTest extends BackendContractTest {
    @Override
    protected Backend backend() {
        return new DjlBackend();
    }

    @Override
    protected Task fashionMnist() {
        return FashionMnistFixture.load();
    }
}
