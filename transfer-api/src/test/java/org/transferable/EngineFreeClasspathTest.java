package org.transferable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The API is engine-free: no deep-learning engine class can be loaded and no engine jar is on the test class
 * path. (The enforcer rule in the pom guards declared dependencies; this guards what actually arrives.)
 */
class EngineFreeClasspathTest {
    private static final List<String> ENGINE_JAR_PREFIXES = List.of("nd4j", "deeplearning4j", "javacpp", "openblas",
            "djl");

    @ParameterizedTest
    @ValueSource(strings = {"org.nd4j.linalg.factory.Nd4j", "org.deeplearning4j.nn.multilayer.MultiLayerNetwork",
            "ai.djl.engine.Engine"})
    void forName_engineClass_isNotFound(String className) {
        assertThatThrownBy(() -> Class.forName(className, false, getClass().getClassLoader()))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void classPath_listsTheRealJars() {
        // Guards the next test against passing vacuously on a class path that hides its jars (e.g. a manifest jar).
        assertThat(jarNames()).anyMatch(name -> name.startsWith("jackson-databind"));
    }

    @Test
    void classPath_hasNoEngineJar() {
        assertThat(jarNames())
                .noneMatch(name -> ENGINE_JAR_PREFIXES.stream().anyMatch(name.toLowerCase(Locale.ROOT)::startsWith));
    }

    private static List<String> jarNames() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.endsWith(".jar"))
                .map(entry -> Path.of(entry).getFileName().toString())
                .toList();
    }
}
