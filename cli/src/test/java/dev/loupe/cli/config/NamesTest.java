package dev.loupe.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NamesTest {

    @Test
    void kebabCase() {
        assertEquals("overlay-alpha", Names.kebab("overlayAlpha"));
        assertEquals("center-crop", Names.kebab("centerCrop"));
        assertEquals("path", Names.kebab("path"));
        assertEquals("use-gpu", Names.kebab("useGPU"));
        assertEquals("gpu-device", Names.kebab("GPUDevice"));
        assertEquals("layer2-name", Names.kebab("layer2Name"));
        assertEquals("overlay-alpha", Names.kebab("overlay_alpha"));
        assertEquals("grad-cam", Names.kebab("GRAD_CAM"));
    }

    @Test
    void suggestions() {
        List<String> keys = List.of("path", "backend", "device", "labels", "overlay-alpha", "center-crop");
        assertEquals(Optional.of("device"), Names.suggest("devcie", keys), "distance 2");
        assertEquals(Optional.of("labels"), Names.suggest("label", keys), "distance 1");
        assertEquals(Optional.of("overlay-alpha"), Names.suggest("overlayAlpha", keys), "other spelling");
        assertEquals(Optional.of("overlay-alpha"), Names.suggest("overlay", keys), "prefix");
        assertEquals(Optional.of("center-crop"), Names.suggest("center", keys), "prefix");
        assertEquals(Optional.of("backend"), Names.suggest("backend-name", keys), "the key is a prefix");
        assertEquals(Optional.of("path"), Names.suggest("pth", keys));
        assertEquals(Optional.empty(), Names.suggest("weights", keys));
        assertEquals(Optional.empty(), Names.suggest("ba", keys), "two letters are too short for a prefix");
    }

    @Test
    void levenshtein() {
        assertEquals(0, Names.distance("a", "a"));
        assertEquals(3, Names.distance("kitten", "sitting"));
        assertEquals(4, Names.distance("", "abcd"));
    }
}
