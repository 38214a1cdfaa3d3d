package org.transferable.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.transferable.data.Task;

/** {@link FashionMnistFixture}: found from a module directory (where Surefire runs), read whole. */
class FashionMnistFixtureTest {
    @Test
    void directory_fromModuleDirectory_findsTheExamplesCopy() {
        assertThat(FashionMnistFixture.directory()).isAbsolute().isDirectory()
                .endsWith(java.nio.file.Path.of(FashionMnistFixture.RELATIVE_DIR));
    }

    @Test
    void load_calledTwice_givesTheWholeDataSetOnce() {
        Task data = FashionMnistFixture.load();

        assertThat(FashionMnistFixture.load()).isSameAs(data);
        assertThat(data.name()).isEqualTo("fashion-mnist");
        assertThat(data.classNames()).isEqualTo(FashionMnistFixture.CLASS_NAMES);
        assertThat(data.train().size()).isEqualTo(60_000);
        assertThat(data.test().size()).isEqualTo(10_000);
    }
}
