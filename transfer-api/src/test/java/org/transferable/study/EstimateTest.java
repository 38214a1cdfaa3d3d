package org.transferable.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.transferable.json.Json;

class EstimateTest {
    private static final double EPS = 1e-12;

    @Test
    void of_threeValues_matchesHandComputedMeanSdAndInterval() {
        Estimate e = Estimate.of(0.60, 0.62, 0.64);

        double half = 0.02 * 4.303 / Math.sqrt(3); // 0.0496868 (8.606 / 173.205)
        assertThat(e.count()).isEqualTo(3);
        assertThat(e.mean()).isCloseTo(0.62, within(EPS));
        assertThat(e.standardDeviation()).isCloseTo(0.02, within(EPS));
        assertThat(e.halfWidth()).isCloseTo(half, within(EPS)).isCloseTo(0.0496868, within(1e-7));
        assertThat(e.lower()).isCloseTo(0.62 - half, within(EPS));
        assertThat(e.upper()).isCloseTo(0.62 + half, within(EPS));
    }

    @Test
    void of_twoValues_usesTWithOneDegreeOfFreedom() {
        Estimate e = Estimate.of(0.5, 0.7);

        // sd = sqrt(((-0.1)^2 + 0.1^2) / 1) = sqrt(0.02); half = 12.706 * sqrt(0.02) / sqrt(2) = 1.2706
        assertThat(e.mean()).isCloseTo(0.6, within(EPS));
        assertThat(e.standardDeviation()).isCloseTo(Math.sqrt(0.02), within(EPS));
        assertThat(e.halfWidth()).isCloseTo(1.2706, within(EPS));
    }

    @Test
    void of_fortyValues_usesTheNormalQuantile() {
        double[] values = new double[40];
        for (int i = 0; i < values.length; i++) {
            values[i] = i % 2 == 0 ? 1.0 : 0.0;
        }
        Estimate e = Estimate.of(values);

        double sd = Math.sqrt(40 * 0.25 / 39);
        assertThat(e.mean()).isCloseTo(0.5, within(EPS));
        assertThat(e.standardDeviation()).isCloseTo(sd, within(EPS));
        assertThat(e.halfWidth()).isCloseTo(1.960 * sd / Math.sqrt(40), within(EPS));
    }

    @Test
    void of_equalValues_hasZeroWidthInterval() {
        Estimate e = Estimate.of(0.25, 0.25, 0.25);

        assertThat(e.standardDeviation()).isZero();
        assertThat(e.lower()).isEqualTo(0.25);
        assertThat(e.upper()).isEqualTo(0.25);
    }

    @Test
    void of_singleValue_hasNaNSpreadAndNoInterval() {
        Estimate e = Estimate.of(0.7);

        assertThat(e.mean()).isEqualTo(0.7);
        assertThat(e.count()).isEqualTo(1);
        assertThat(e.standardDeviation()).isNaN();
        assertThat(e.lower()).isNaN();
        assertThat(e.upper()).isNaN();
        assertThat(e.halfWidth()).isNaN();
        assertThat(e.above(0.0)).isFalse();
        assertThat(e.below(1.0)).isFalse();
    }

    @Test
    void of_noValues_throws() {
        assertThatThrownBy(() -> Estimate.of(Collections.emptyList()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an estimate needs at least 1 value, got none");
    }

    @Test
    void of_nonFiniteValue_throws() {
        assertThatThrownBy(() -> Estimate.of(0.5, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("values must be finite, got NaN at index 1");
    }

    @Test
    void tQuantile975_coversTableAndNormalBeyond() {
        assertThat(Estimate.tQuantile975(1)).isEqualTo(12.706);
        assertThat(Estimate.tQuantile975(2)).isEqualTo(4.303);
        assertThat(Estimate.tQuantile975(10)).isEqualTo(2.228);
        assertThat(Estimate.tQuantile975(30)).isEqualTo(2.042);
        assertThat(Estimate.tQuantile975(31)).isEqualTo(1.960);
    }

    @Test
    void tQuantile975_zeroDegrees_throws() {
        assertThatThrownBy(() -> Estimate.tQuantile975(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("degrees of freedom must be in [1, 2147483647], got 0");
    }

    @Test
    void constructor_singleValueWithZeroSd_throws() {
        assertThatThrownBy(() -> new Estimate(0.5, 0.0, 0.5, 0.5, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a single value has standard deviation and interval NaN, got sd 0.0 and [0.5, 0.5]");
    }

    @Test
    void constructor_intervalWithoutMean_throws() {
        assertThatThrownBy(() -> new Estimate(0.5, 0.1, 0.6, 0.7, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("standard deviation must be >= 0 and the interval [0.6, 0.7] must contain the mean 0.5, "
                        + "got sd 0.1");
    }

    @Test
    void constructor_nonFiniteMean_throws() {
        assertThatThrownBy(() -> new Estimate(Double.NaN, 0.1, 0.6, 0.7, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mean must be finite, got NaN");
    }

    @Test
    void aboveAndBelow_compareTheWholeInterval() {
        Estimate e = Estimate.of(0.60, 0.62, 0.64); // [0.5703, 0.6697]

        assertThat(e.above(0.5)).isTrue();
        assertThat(e.above(0.6)).isFalse();
        assertThat(e.below(0.7)).isTrue();
        assertThat(e.below(0.65)).isFalse();
    }

    @Test
    void describe_showsMeanIntervalAndCount() {
        assertThat(Estimate.of(0.60, 0.62, 0.64).describe()).isEqualTo("0.620 [0.570, 0.670] (3 splits)");
        assertThat(Estimate.of(0.6).describe()).isEqualTo("0.600 (1 split)");
    }

    @Test
    void json_roundTrip_keepsValuesIncludingNaN() {
        for (Estimate e : List.of(Estimate.of(0.60, 0.62, 0.64), Estimate.of(0.7))) {
            assertThat(Json.read(Json.write(e), Estimate.class)).isEqualTo(e);
        }
    }

    @Test
    void json_singleValue_writesNullNotNaNAndReadsOlderNaNText() {
        String json = Json.write(Estimate.of(0.7));

        assertThat(json).doesNotContain("NaN").contains("\"standardDeviation\" : null", "\"lower\" : null",
                "\"upper\" : null");
        String older = "{\"mean\":0.7,\"standardDeviation\":\"NaN\",\"lower\":\"NaN\",\"upper\":\"NaN\",\"count\":1}";
        assertThat(Json.read(older, Estimate.class)).isEqualTo(Estimate.of(0.7));
        assertThat(Json.write(Estimate.of(0.60, 0.62, 0.64))).doesNotContain("null");
    }
}
