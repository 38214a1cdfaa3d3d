package org.transferable.dl4j;

import org.transferable.engine.Engine;
import org.transferable.testkit.StudyContractTest;

/** Runs the test kit's {@link StudyContractTest} on the DL4J engine. */
class Dl4jStudyContractTest extends StudyContractTest {
    @Override
    protected Engine engine() {
        return new Dl4jEngine();
    }
}
