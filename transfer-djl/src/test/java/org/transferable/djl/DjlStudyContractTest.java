package org.transferable.djl;

import org.transferable.engine.Engine;
import org.transferable.testkit.StudyContractTest;

/** Runs the test kit's {@link StudyContractTest} on the DJL engine. */
class DjlStudyContractTest extends StudyContractTest {
    @Override
    protected Engine engine() {
        return new DjlEngine();
    }
}
