package org.transferable.similarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.transferable.json.Json;

class LayerProfileTest {
    private static final LayerProfile PROFILE = new LayerProfile("linear CKA", List.of(0.95, 0.90, 0.55, 0.30), 1.5);

    @Test
    void json_roundTrips() {
        String json = Json.write(PROFILE);

        assertThat(Json.read(json, LayerProfile.class)).isEqualTo(PROFILE);
        assertThat(json).contains("\"measure\" : \"linear CKA\"");
    }

    @Test
    void json_nonFiniteValue_isRejectedWithItsLayer() {
        String json = "{\"measure\": \"LogME\", \"values\": [0.1, \"NaN\"], \"seconds\": 0}";

        assertThatThrownBy(() -> Json.read(json, LayerProfile.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid LayerProfile JSON: layer values must be finite, got NaN at layer 2");
    }

    @Test
    void value_isByLayerFromOne() {
        assertThat(PROFILE.layers()).isEqualTo(4);
        assertThat(PROFILE.value(1)).isEqualTo(0.95);
        assertThat(PROFILE.value(4)).isEqualTo(0.30);
    }

    @Test
    void value_layerOutOfRange_throws() {
        assertThatThrownBy(() -> PROFILE.value(5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layer must be in [1, 4], got 5");
    }

    @Test
    void argmax_isTheBestLayerAndTheFirstOnATie() {
        assertThat(PROFILE.argmax()).isEqualTo(1);
        assertThat(new LayerProfile("LogME", List.of(-1.0, -0.5, -0.5, -2.0), 0).argmax()).isEqualTo(2);
    }

    @Test
    void suggestedCut_isTheLongestPrefixAtOrAboveTheThreshold() {
        assertThat(PROFILE.suggestedCut(0.8)).isEqualTo(2);
        assertThat(PROFILE.suggestedCut(0.9)).isEqualTo(2);
        assertThat(PROFILE.suggestedCut(0.0)).isEqualTo(4);
        assertThat(PROFILE.suggestedCut(0.99)).isZero();
        assertThat(new LayerProfile("x", List.of(0.9, 0.1, 0.9), 0).suggestedCut(0.5)).isEqualTo(1);
    }

    @Test
    void suggestedCut_nanThreshold_throws() {
        assertThatThrownBy(() -> PROFILE.suggestedCut(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("threshold must be finite, got NaN");
    }

    @Test
    void constructor_noValues_throws() {
        assertThatThrownBy(() -> new LayerProfile("LEEP", List.of(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a layer profile needs at least 1 value, got none");
    }

    @Test
    void constructor_infiniteValue_throws() {
        assertThatThrownBy(() -> new LayerProfile("LEEP", Arrays.asList(1.0, Double.NEGATIVE_INFINITY), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layer values must be finite, got -Infinity at layer 2");
    }

    @Test
    void constructor_negativeSeconds_throws() {
        assertThatThrownBy(() -> new LayerProfile("LEEP", List.of(1.0), -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("seconds must be in [0.0, Infinity), got -1.0");
    }

    @Test
    void constructor_blankMeasure_throws() {
        assertThatThrownBy(() -> new LayerProfile(" ", List.of(1.0), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("measure must not be blank");
    }
}
