package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.explain.Labels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Labels files: text, the three JSON forms, and every malformed file with its file:line. */
class LabelsFileTest {

    private static final List<String> SHAPES = List.of("circle", "square", "triangle", "cross");

    @TempDir
    Path tmp;

    private Path file(String name, String text) throws Exception {
        return Files.writeString(tmp.resolve(name), text);
    }

    private Labels read(String name, String text) throws Exception {
        return LabelsFile.read(file(name, text));
    }

    private LoupeException failure(String name, String text) throws Exception {
        Path path = file(name, text);
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> LabelsFile.read(path));
        assertThat(thrown).isInstanceOf(LoupeException.class);
        LoupeException e = (LoupeException) thrown;
        assertThat(e.kind()).isEqualTo(ErrorKind.INPUT);
        assertThat(e.getMessage()).startsWith(path.toString());
        return e;
    }

    @Test
    void textOneLabelPerLine() throws Exception {
        assertThat(read("labels.txt", "circle\nsquare\n triangle \ncross\n\n").names()).isEqualTo(SHAPES);
    }

    @Test
    void jsonList() throws Exception {
        assertThat(read("labels.json", "[\"circle\", \"square\", \"triangle\", \"cross\"]").names()).isEqualTo(SHAPES);
    }

    @Test
    void jsonObjectByIndexInAnyOrder() throws Exception {
        Labels labels = read("labels.json", "{\"2\": \"triangle\", \"0\": \"circle\",\n \"1\": \"square\", \"3\": \"cross\"}");
        assertThat(labels.names()).isEqualTo(SHAPES);
    }

    @Test
    void imagenetStyleTakesTheLastString() throws Exception {
        Labels labels = read("imagenet_class_index.json", """
                {"0": ["n01440764", "tench"], "1": ["n01443537", "goldfish"]}
                """);
        assertThat(labels.names()).containsExactly("tench", "goldfish");
        assertThat(labels.indexOf("goldfish")).isEqualTo(1);
    }

    @Test
    void jsonIsRecognisedByItsFirstCharacterWhateverTheName() throws Exception {
        assertThat(read("labels.txt", "\n  [\"circle\", \"square\"]").names()).containsExactly("circle", "square");
    }

    @Test
    void duplicateIndexNamesBothLines() throws Exception {
        assertThat(failure("dup.json", "{\n\"0\": \"circle\",\n\"1\": \"square\",\n\"0\": \"cross\"\n}").getMessage())
                .contains("dup.json:4:").contains("class 0 is given twice").contains("first on line 2");
    }

    @Test
    void missingIndexIsNamed() throws Exception {
        assertThat(failure("gap.json", "{\"0\": \"circle\", \"1\": \"square\", \"3\": \"cross\"}").getMessage())
                .contains("class 2 has no label");
        assertThat(failure("late.json", "{\"1\": \"square\"}").getMessage()).contains("class 0 has no label");
    }

    @Test
    void badKeysValuesAndSyntaxHaveTheirLine() throws Exception {
        assertThat(failure("key.json", "{\n\"zero\": \"circle\"}").getMessage())
                .contains("key.json:2:").contains("\"zero\" is not a class index");
        assertThat(failure("neg.json", "{\"-1\": \"circle\"}").getMessage()).contains("is not a class index");
        assertThat(failure("num.json", "[\"circle\",\n 3]").getMessage())
                .contains("num.json:2:").contains("entry 1: expected a string or a list of strings, got a number");
        assertThat(failure("empty-list.json", "{\"0\": []}").getMessage()).contains("an empty list has no label");
        assertThat(failure("blank.json", "[\"circle\", \" \"]").getMessage()).contains("entry 1: the label is empty");
        assertThat(failure("syntax.json", "[\"circle\",\n\"square\"\n\"triangle\"]").getMessage())
                .contains("syntax.json:3:").contains("not valid JSON");
        assertThat(failure("scalar.json", "\"circle\"").getMessage()).contains("expected a list or an object");
        assertThat(failure("none.json", "[]").getMessage()).contains("no labels");
        assertThat(failure("trailing.json", "[\"circle\"] [\"square\"]").getMessage()).contains("unexpected content");
    }

    @Test
    void blankLineInsideATextFileIsAnError() throws Exception {
        assertThat(failure("gap.txt", "circle\n\nsquare\n").getMessage()).contains("gap.txt:2: empty label");
        assertThat(failure("empty.txt", "\n\n").getMessage()).contains("no labels");
    }

    @Test
    void countMismatchIsAWarningText() throws Exception {
        Labels two = new Labels(List.of("circle", "square"));
        assertThat(LabelsFile.countMismatch(Path.of("l.txt"), two, 4))
                .contains("has 2 labels but the model has 4 classes").contains("classes 2 and up have no label");
        assertThat(LabelsFile.countMismatch(Path.of("l.txt"), two, 2)).isNull();
        assertThat(LabelsFile.countMismatch(null, Labels.none(), 4)).isNull();
    }

    @Test
    void missingFileIsAnInputError() {
        assertThatThrownBy(() -> LabelsFile.read(tmp.resolve("nope.txt"))).isInstanceOf(LoupeException.class)
                .hasMessageContaining("Cannot read labels file");
    }
}
