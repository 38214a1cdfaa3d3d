package org.transferable.dl4j;

import org.transferable.backend.Backend;
import org.transferable.testkit.BackendContractTest;
import org.transferable.testkit.FashionMnistFixture;
import org.transferable.data.Task;

/** Runs the backend contract suite from transfer-api's test-jar against the DL4J backend. */
class Dl4jBackendContractTest extends BackendContractTest {
    @Override
    protected Backend backend() {
        return new Dl4jBackend();
    }

    @Override
    protected Task fashionMnist() {
        return FashionMnistFixture.load();
    }
}
