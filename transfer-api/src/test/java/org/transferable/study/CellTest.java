package org.transferable.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.transferable.json.Json;

class CellTest {
    @Test
    void id_baseHasNoN() {
        assertThat(Cell.base(1, Treatment.BASE_A).id()).isEqualTo("split1-baseA");
        assertThat(Cell.base(0, Treatment.BASE_B).id()).isEqualTo("split0-baseB");
    }

    @Test
    void id_copyingTreatmentEndsWithN() {
        assertThat(Cell.copying(0, Treatment.TRANSFER_FINE_TUNED, 3).id()).isEqualTo("split0-AnB+-3");
        assertThat(Cell.copying(2, Treatment.RANDOM_FROZEN, 1).id()).isEqualTo("split2-RnB-1");
    }

    @Test
    void constructor_baseWithN_throws() {
        assertThatThrownBy(() -> new Cell(0, Treatment.BASE_A, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("n of baseA must be 0 (a base copies no layers), got 3");
    }

    @Test
    void constructor_copyingWithZeroN_throws() {
        assertThatThrownBy(() -> Cell.copying(0, Treatment.TRANSFER, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("n of AnB must be in [1, 10000], got 0");
    }

    @Test
    void constructor_negativeSplit_throws() {
        assertThatThrownBy(() -> Cell.base(-1, Treatment.BASE_B))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("split index must be in [0, 2147483647], got -1");
    }

    @Test
    void constructor_nullTreatment_throws() {
        assertThatThrownBy(() -> new Cell(0, null, 0))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("treatment must not be null");
    }

    @Test
    void compareTo_splitThenNThenTreatment() {
        List<Cell> cells = new ArrayList<>(List.of(
                Cell.copying(1, Treatment.TRANSFER, 1),
                Cell.copying(0, Treatment.TRANSFER, 2),
                Cell.copying(0, Treatment.SELFFER, 2),
                Cell.base(1, Treatment.BASE_A),
                Cell.copying(0, Treatment.TRANSFER_FINE_TUNED, 1),
                Cell.base(0, Treatment.BASE_B),
                Cell.base(0, Treatment.BASE_A)));
        Collections.sort(cells);

        assertThat(cells).extracting(Cell::id).containsExactly("split0-baseA", "split0-baseB", "split0-AnB+-1",
                "split0-BnB-2", "split0-AnB-2", "split1-baseA", "split1-AnB-1");
    }

    @Test
    void json_writesIdAndRoundTrips() {
        Cell cell = Cell.copying(1, Treatment.SELFFER_FINE_TUNED, 2);
        String json = Json.write(cell);

        assertThat(json).contains("\"id\" : \"split1-BnB+-2\"").contains("\"treatment\" : \"BnB+\"");
        assertThat(Json.read(json, Cell.class)).isEqualTo(cell);
    }
}
