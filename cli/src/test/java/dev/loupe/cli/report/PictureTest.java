package dev.loupe.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PictureTest {

    private static Picture picture(int w, int h) {
        return new Picture(Path.of("p.png"), w, h, null, 0, 0);
    }

    @Test
    void smallPicturesAreMagnifiedByAWholeFactor() {
        assertThat(picture(80, 80).inBox(160)).isEqualTo(new Picture.Shown(160, 160, true));
        assertThat(picture(60, 30).inBox(160)).isEqualTo(new Picture.Shown(120, 60, true));
        assertThat(picture(100, 100).inBox(160)).isEqualTo(new Picture.Shown(100, 100, false));
        assertThat(picture(80, 80).full(240)).isEqualTo(new Picture.Shown(240, 240, true));
        assertThat(picture(224, 224).full(240)).isEqualTo(new Picture.Shown(224, 224, false));
    }

    @Test
    void largePicturesShrinkToTheBoxKeepingTheirShape() {
        assertThat(picture(640, 480).inBox(160)).isEqualTo(new Picture.Shown(160, 120, false));
        assertThat(picture(224, 896).inBox(160)).isEqualTo(new Picture.Shown(40, 160, false));
        assertThat(picture(1000, 700).full(240)).isEqualTo(new Picture.Shown(1000, 700, false));
    }
}
