package org.transferable.similarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.transferable.json.Json;

/**
 * Every score against an independent NumPy implementation written from the papers' formulas
 * ({@code src/test/resources/similarity/make_fixture.py}, whose output {@code fixture.json} is committed): the
 * inputs are float32 in both, so the scores must agree to rounding, here 1e-6 relative (1e-4 percent).
 */
class SimilarityFixtureTest {
    private static final double PERCENT = 1e-4;
    private static JsonNode fixture;

    @BeforeAll
    static void readFixture() throws IOException {
        try (InputStream in = SimilarityFixtureTest.class.getResourceAsStream("/similarity/fixture.json")) {
            fixture = Json.mapper().readTree(in);
        }
    }

    private static FeatureMatrix matrix(JsonNode node) {
        float[] values = new float[node.get("values").size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) node.get("values").get(i).asDouble();
        }
        return new FeatureMatrix(node.get("rows").asInt(), node.get("cols").asInt(), values);
    }

    private static Labels labels(JsonNode values, JsonNode classes) {
        int[] out = new int[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).asInt();
        }
        return new Labels(out, classes.asInt());
    }

    private static List<FeatureMatrix> matrices(JsonNode array) {
        List<FeatureMatrix> out = new ArrayList<>();
        array.forEach(node -> out.add(matrix(node)));
        return out;
    }

    @Test
    void cka_matchesTheIndependentImplementation() {
        JsonNode cka = fixture.get("cka");
        FeatureMatrix x = matrix(cka.get("x"));
        FeatureMatrix y = matrix(cka.get("y"));

        assertThat(Cka.linear(x, y)).isCloseTo(cka.get("linear").asDouble(), withinPercentage(PERCENT));
        assertThat(Cka.linearGram(x, y)).isCloseTo(cka.get("linear").asDouble(), withinPercentage(PERCENT));
        assertThat(Cka.debiased(x, y)).isCloseTo(cka.get("debiased").asDouble(), withinPercentage(PERCENT));
    }

    @Test
    void minibatchCka_matchesTheIndependentImplementation() {
        JsonNode mb = fixture.get("minibatchCka");
        int k = mb.get("batchSize").asInt();
        List<FeatureMatrix> a = matrices(mb.get("a"));
        List<FeatureMatrix> b = matrices(mb.get("b"));
        MinibatchCka cka = MinibatchCka.of(k, a.size(), b.size());
        for (int start = 0; start < a.get(0).rows(); start += k) {
            cka = cka.add(rows(a, start, k), rows(b, start, k));
        }

        assertThat(cka.batches()).isEqualTo(2);
        for (int i = 0; i < a.size(); i++) {
            for (int j = 0; j < b.size(); j++) {
                assertThat(cka.cka(i, j)).as("a[%d], b[%d]", i, j)
                        .isCloseTo(mb.get("cka").get(i).get(j).asDouble(), withinPercentage(PERCENT));
            }
        }
    }

    @Test
    void logMe_matchesTheIndependentImplementation() {
        for (JsonNode c : fixture.get("logMe")) {
            FeatureMatrix f = matrix(c.get("features"));

            assertThat(LogMe.score(f, labels(c.get("labels"), c.get("classes")))).as("%s", f)
                    .isCloseTo(c.get("score").asDouble(), withinPercentage(PERCENT));
        }
    }

    @Test
    void hScore_matchesTheIndependentImplementation() {
        JsonNode c = fixture.get("hScore");

        assertThat(HScore.score(matrix(c.get("features")), labels(c.get("labels"), c.get("classes"))))
                .isCloseTo(c.get("score").asDouble(), withinPercentage(PERCENT));
    }

    @Test
    void leep_matchesTheIndependentImplementation() {
        JsonNode c = fixture.get("leep");

        assertThat(Leep.score(matrix(c.get("probabilities")), labels(c.get("labels"), c.get("classes"))))
                .isCloseTo(c.get("score").asDouble(), withinPercentage(PERCENT));
    }

    @Test
    void nce_matchesTheIndependentImplementation() {
        JsonNode c = fixture.get("nce");
        Labels source = labels(c.get("sourceLabels"), c.get("sourceClasses"));

        assertThat(Nce.score(source, labels(c.get("labels"), c.get("classes"))))
                .isCloseTo(c.get("score").asDouble(), withinPercentage(PERCENT));
        assertThat(Labels.argmax(matrix(fixture.get("leep").get("probabilities")))).isEqualTo(source);
    }

    private static List<FeatureMatrix> rows(List<FeatureMatrix> layers, int start, int k) {
        List<FeatureMatrix> out = new ArrayList<>();
        for (FeatureMatrix m : layers) {
            float[] values = new float[k * m.cols()];
            System.arraycopy(m.values(), start * m.cols(), values, 0, values.length);
            out.add(new FeatureMatrix(k, m.cols(), values));
        }
        return out;
    }
}
