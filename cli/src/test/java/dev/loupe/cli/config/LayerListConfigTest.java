package dev.loupe.cli.config;

import static dev.loupe.cli.config.ConfigErrorsTest.assertErrors;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A layer method's {@code layer:} as a list or a group: spelling mistakes carry line and column. */
class LayerListConfigTest {

    private static final String HEAD = """
            model: {path: m.pt}
            images: [a.png]
            output: {dir: out}
            methods:
              - name: grad-cam
                params:
            """;

    @Test
    void aListAndAGroupBindAsTheyAreWritten() {
        RunConfig config = ConfigLoader.bind(ConfigErrorsTest.FILE, HEAD + "      layer: [layer3, layer4, 0]\n",
                RunConfig.class);
        assertEquals(List.of("layer3", "layer4", 0L), config.methods().get(0).params().get("layer"));
        RunConfig group = ConfigLoader.bind(ConfigErrorsTest.FILE, HEAD + "      layer: all-conv\n", RunConfig.class);
        assertEquals("all-conv", group.methods().get(0).params().get("layer"));
    }

    @Test
    void aNameListedTwiceIsPointedAt() {
        assertErrors(HEAD + "      layer: [layer3, layer4, layer3]\n",
                "run.yaml:7:31: methods[0].params.layer[2]: layer 'layer3' is listed twice");
    }

    @Test
    void aGroupInsideAListIsPointedAt() {
        assertErrors(HEAD + """
                      layer:
                        - layer4
                        - all-blocks
                """, "run.yaml:9:11: methods[0].params.layer[1]: 'all-blocks' selects a whole group of layers;"
                + " give it alone, not in a list");
    }

    @Test
    void emptyListsEmptyNamesAndNonNames() {
        assertErrors(HEAD + "      layer: []\n", "run.yaml:7:14: methods[0].params.layer: no layer named: give a layer"
                + " name, several, or one of all-conv, all-blocks");
        assertErrors(HEAD + "      layer: [layer4, {a: 1}]\n",
                "run.yaml:7:23: methods[0].params.layer[1]: expected a layer name, got a mapping");
        assertErrors(HEAD + "      layer: 'layer3,,layer4'\n",
                "run.yaml:7:14: methods[0].params.layer: empty layer name");
    }

    @Test
    void everyMethodIsCheckedAndAllErrorsAreReportedAtOnce() {
        assertErrors("""
                model: {path: m.pt}
                images: [a.png]
                output: {dir: out}
                methods:
                  - name: grad-cam
                    params: {layer: [a, a]}
                  - name: guided-grad-cam
                    params: {layer: [b, ""]}
                """,
                "run.yaml:6:25: methods[0].params.layer[1]: layer 'a' is listed twice",
                "run.yaml:8:25: methods[1].params.layer[1]: empty layer name");
    }
}
