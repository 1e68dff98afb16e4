package dev.loupe.bench.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcStatusTest {

    /** The start of a real /proc/self/status (Linux 6.1), tabs and padding as the kernel writes them. */
    private static final String SAMPLE = """
            Name:\tjava
            Umask:\t0022
            State:\tS (sleeping)
            Tgid:\t41227
            Pid:\t41227
            VmPeak:\t 7349188 kB
            VmSize:\t 7283652 kB
            VmLck:\t       0 kB
            VmPin:\t       0 kB
            VmHWM:\t  912344 kB
            VmRSS:\t  874112 kB
            RssAnon:\t  801220 kB
            RssFile:\t   72892 kB
            RssShmem:\t       0 kB
            VmData:\t 1650204 kB
            Threads:\t27
            """;

    @Test
    void readsRssAndHighWaterMark() {
        ProcStatus status = ProcStatus.parse(SAMPLE);
        assertThat(status.vmRssKiB()).isEqualTo(874112);
        assertThat(status.vmHwmKiB()).isEqualTo(912344);
    }

    @Test
    void missingLinesAreAnError() {
        assertThatThrownBy(() -> ProcStatus.parse("Name:\tjava\nVmRSS:\t 12 kB\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("VmHWM");
        assertThatThrownBy(() -> ProcStatus.parse("VmRSS:\t 12 MB\nVmHWM:\t 12 kB\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unexpected");
    }

    @Test
    void thisProcessHasAStatusOnLinux() {
        if (System.getProperty("os.name").startsWith("Linux")) {
            ProcStatus self = ProcStatus.readSelf().orElseThrow();
            assertThat(self.vmRssKiB()).isPositive();
            assertThat(self.vmHwmKiB()).isGreaterThanOrEqualTo(self.vmRssKiB());
        }
    }
}
