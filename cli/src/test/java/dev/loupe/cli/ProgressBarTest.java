package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.core.explain.Progress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    private final StringWriter text = new StringWriter();
    private final AtomicLong nanos = new AtomicLong();

    private ProgressBar bar(ProgressBar.Mode mode, long total) {
        return new ProgressBar(new PrintWriter(text), mode, total, nanos::get);
    }

    private void seconds(double s) {
        nanos.addAndGet((long) (s * 1e9));
    }

    @Test
    void aBarRedrawsInPlaceWithRateAndTimeLeftAtMostFiveTimesASecond() {
        ProgressBar bar = bar(ProgressBar.Mode.BAR, 4);
        Progress call = bar.call(2);
        seconds(1);
        call.update(1, 2); // half of a 2-image call: 1 of 4 explanations
        assertThat(text.toString()).isEqualTo("\r[######------------------] 0/4 explanations (25%), 1.00/s, 0:03 left");
        seconds(0.1);
        call.update(2, 2);
        assertThat(text.toString()).doesNotContain("50%"); // within 200 ms of the last draw
        seconds(0.1);
        bar.done(2);
        assertThat(text.toString()).endsWith("\r[############------------] 2/4 explanations (50%), 1.67/s, 0:01 left");
        bar.close();
        assertThat(text.toString()).endsWith("\n");
    }

    @Test
    void logsGetALineEveryTenSecondsAndShortRunsNone() {
        ProgressBar quick = bar(ProgressBar.Mode.LINES, 2);
        seconds(3);
        quick.done(2);
        quick.close();
        assertThat(text.toString()).isEmpty();

        ProgressBar slow = bar(ProgressBar.Mode.LINES, 10);
        Progress call = slow.call(1);
        seconds(11);
        call.update(50, 100);
        slow.done(1);
        seconds(5);
        slow.done(1); // 5 s after the last line: quiet
        assertThat(text.toString()).isEqualTo("progress: 0/10 explanations (5%), 0.05/s, 3:29 left\n");
        seconds(5);
        slow.done(8);
        assertThat(text.toString()).endsWith("progress: 10/10 explanations (100%), 0.48/s, 0:00 left\n");
    }

    @Test
    void offPrintsNothing() {
        ProgressBar bar = bar(ProgressBar.Mode.OFF, 3);
        seconds(60);
        bar.done(3);
        bar.close();
        assertThat(text.toString()).isEmpty();
    }

    @Test
    void partsOfABatchAddUp() {
        StringBuilder seen = new StringBuilder();
        Progress whole = (done, total) -> seen.append(done).append('/').append(total).append(' ');
        whole.part(1, 4).update(3, 10);
        assertThat(seen.toString()).isEqualTo("13/40 ");
    }

    @Test
    void timeLeftReadsAsAClock() {
        assertThat(ProgressBar.clockTime(59.4)).isEqualTo("0:59");
        assertThat(ProgressBar.clockTime(61)).isEqualTo("1:01");
        assertThat(ProgressBar.clockTime(3725)).isEqualTo("1:02:05");
    }
}
