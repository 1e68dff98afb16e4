package dev.loupe.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpiVersionTest {

    @Test
    void currentIsMajorDotMinor() {
        assertThat(SpiVersion.CURRENT).isEqualTo(SpiVersion.MAJOR + "." + SpiVersion.MINOR);
    }

    @Test
    void theSameOrAnOlderMinorLoads() {
        assertThat(SpiVersion.incompatibility(SpiVersion.CURRENT)).isNull();
        assertThat(SpiVersion.incompatibility(SpiVersion.MAJOR + ".0")).isNull();
    }

    @Test
    void anotherMajorANewerMinorOrGarbageIsRefusedWithAReason() {
        assertThat(SpiVersion.incompatibility((SpiVersion.MAJOR + 1) + ".0")).contains("major versions differ");
        assertThat(SpiVersion.incompatibility(SpiVersion.MAJOR + "." + (SpiVersion.MINOR + 1))).contains("newer than");
        assertThat(SpiVersion.incompatibility("one")).contains("not MAJOR.MINOR");
        assertThat(SpiVersion.incompatibility(null)).contains("not MAJOR.MINOR");
    }
}
