package org.transferable.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.transferable.json.Json;

class TreatmentTest {
    @Test
    void label_isThePapersNotation() {
        assertThat(Arrays.stream(Treatment.values()).map(Treatment::label))
                .containsExactly("baseA", "baseB", "BnB", "BnB+", "AnB", "AnB+", "RnB");
    }

    @Test
    void copiesLayers_onlyForNonBases() {
        assertThat(Arrays.stream(Treatment.values()).filter(t -> !t.copiesLayers()))
                .containsExactly(Treatment.BASE_A, Treatment.BASE_B);
    }

    @Test
    void fineTuned_onlyForPlusTreatments() {
        assertThat(Arrays.stream(Treatment.values()).filter(Treatment::fineTuned))
                .containsExactly(Treatment.SELFFER_FINE_TUNED, Treatment.TRANSFER_FINE_TUNED);
    }

    @Test
    void onTaskA_onlyForBaseA() {
        assertThat(Arrays.stream(Treatment.values()).filter(Treatment::onTaskA)).containsExactly(Treatment.BASE_A);
    }

    @Test
    void ofLabel_everyLabel_roundTrips() {
        for (Treatment t : Treatment.values()) {
            assertThat(Treatment.ofLabel(t.label())).isSameAs(t);
            assertThat(Json.read(Json.write(t), Treatment.class)).isSameAs(t);
        }
        assertThat(Json.write(Treatment.TRANSFER_FINE_TUNED)).isEqualTo("\"AnB+\"");
    }

    @Test
    void ofLabel_unknown_throws() {
        assertThatThrownBy(() -> Treatment.ofLabel("A3B"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("treatment must be one of [baseA, baseB, BnB, BnB+, AnB, AnB+, RnB], got 'A3B'");
    }
}
