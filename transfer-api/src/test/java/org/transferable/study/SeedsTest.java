package org.transferable.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class SeedsTest {
    @Test
    void derive_isDeterministic() {
        assertThat(Seeds.base(42, 1, "baseA")).isEqualTo(Seeds.base(42, 1, "baseA"));
        assertThat(Seeds.transfer(42, 0, 3)).isEqualTo(Seeds.transfer(42, 0, 3));
    }

    @Test
    void derive_differsBySeedSplitAndPurpose() {
        Set<Long> seeds = Set.of(Seeds.base(42, 0, "baseA"), Seeds.base(43, 0, "baseA"), Seeds.base(42, 1, "baseA"),
                Seeds.base(42, 0, "baseB"), Seeds.base(42, 0, "random"), Seeds.transfer(42, 0, 1),
                Seeds.transfer(42, 0, 2), Seeds.data(42, 0, "A-train"), Seeds.data(42, 0, "B-train"));

        assertThat(seeds).hasSize(9);
    }

    @Test
    void derive_knownValue_isStableAcrossReleases() {
        // Changing the derivation changes every study's numbers; this pins it. The value was computed
        // independently with a Python SplitMix64 finaliser: mix(mix(mix(42) + 0) + "n3".hashCode()).
        assertThat(Seeds.derive(42, 0, "n3")).isEqualTo(-4_614_695_710_061_917_044L);
    }
}
