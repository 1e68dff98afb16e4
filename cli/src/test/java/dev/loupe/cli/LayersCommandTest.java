package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.core.testing.Fixtures;
import org.junit.jupiter.api.Test;

class LayersCommandTest {

    /** Every module PyTorch's named_modules() lists, with its type and output shape. */
    @Test
    void resnet18LayersMatchPyTorch() throws Exception {
        CliRun run = CliRun.of("layers", "--model", Fixtures.path("models/resnet18_traced.pt").toString(), "--input-size", "224");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode expected = new ObjectMapper().readTree(Fixtures.path("reference/resnet18/layers.json").toFile());
        for (JsonNode layer : expected) {
            String shape = layer.path("output_shape").toString().replace(",", ", ");
            assertThat(run.out()).containsPattern("(?m)^\\s*" + java.util.regex.Pattern.quote(layer.path("path").asText())
                    + "\\s+" + layer.path("type").asText() + "\\s+" + java.util.regex.Pattern.quote(shape) + "$");
        }
        assertThat(run.out()).contains("auto picks 'layer4'");
        assertThat(run.out()).contains("layer: all-conv selects 20 layers: conv1, layer1.0.conv1,")
                .contains("layer: all-blocks selects 10 layers: conv1, relu, layer1.0, layer1.1, layer2.0, layer2.1,"
                        + " layer3.0, layer3.1, layer4.0, layer4.1");
    }

    @Test
    void notAModel() {
        CliRun run = CliRun.of("layers", "--model", Fixtures.path("bad-input/not_a_model.pt").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    }
}
