package org.transferable.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transferable.json.Json;

/** Runs the {@link Generality} example on a tiny base: the table's rows, the figure and the JSON. */
class GeneralityTest {
    @Test
    void main_tinyBaseAndCompare_printsOneRowPerHiddenLayerAndWritesFigureAndJson(@TempDir Path dir)
            throws Exception {
        Path out = dir.resolve("g");
        String printed = capture(() -> Generality.main(new String[] {"--train-per-class", "30", "--epochs", "1",
            "--images", "300", "--out", out.toString()}));
        String compared = capture(() -> Generality.main(new String[] {"--network", out.resolve("baseA").toString(),
            "--compare", out.resolve("baseA").toString(), "--images", "300", "--out", dir.resolve("c").toString()}));

        List<String> rows = printed.lines().filter(l -> l.matches(" *[1-7]  (conv[1-5]|fc[67]) .*")).toList();
        assertThat(rows).hasSize(7);
        assertThat(printed).contains("label CKA", "LogME", "H-score", "LEEP", "NCE", "suggested cut: n = ",
                "profile of 300 images: ");
        assertThat(ImageIO.read(out.resolve("generality.png").toFile()).getWidth()).isEqualTo(1000);
        JsonNode json = Json.mapper().readTree(out.resolve("generality.json").toFile());
        assertThat(json.get("profiles")).hasSize(3);
        assertThat(json.get("profiles").get(1).get("values")).hasSize(7);
        assertThat(json.get("images").asInt()).isEqualTo(300);
        // a network compared with itself: minibatch CKA 1 at every layer
        assertThat(compared).contains("CKA vs compared");
        JsonNode similarity = Json.mapper().readTree(dir.resolve("c").resolve("generality.json").toFile())
                .get("profiles").get(3);
        assertThat(similarity.get("measure").asText()).isEqualTo("minibatch CKA");
        similarity.get("values").forEach(v -> assertThat(v.asDouble()).isCloseTo(1.0,
                within(1e-6)));
    }

    @Test
    void normalise_mapsMinimumToZeroAndMaximumToOne() {
        assertThat(GeneralityFigure.normalise(List.of(2.0, 4.0, 3.0))).containsExactly(0.0, 1.0, 0.5);
        assertThat(GeneralityFigure.normalise(List.of(5.0, 5.0))).containsExactly(1.0, 1.0);
    }

    private static String capture(Runnable run) {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            run.run();
        } finally {
            System.setOut(original);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        original.print(text);
        return text;
    }
}
