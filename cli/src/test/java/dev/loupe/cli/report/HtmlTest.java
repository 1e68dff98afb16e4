package dev.loupe.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void textEscapesMarkupAndQuotes() {
        assertThat(Html.text("<script>alert(1)</script>")).isEqualTo("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(Html.text("tom & <jerry>.png")).isEqualTo("tom &amp; &lt;jerry&gt;.png");
        assertThat(Html.text("a \"b\" 'c'")).isEqualTo("a &quot;b&quot; &#39;c&#39;");
        // already-escaped text is escaped again: it is data, not markup
        assertThat(Html.text("&amp;")).isEqualTo("&amp;amp;");
        assertThat(Html.text(null)).isEmpty();
        assertThat(Html.text("plain é ✓")).isEqualTo("plain é ✓");
    }

    @Test
    void hrefEncodesEachSegmentAndKeepsSlashes() {
        assertThat(Html.href("images/tom & <jerry>/index.html")).isEqualTo("images/tom%20%26%20%3Cjerry%3E/index.html");
        // '#', '?' and '%' would otherwise end the path or start an escape
        assertThat(Html.href("a#b?c%d.png")).isEqualTo("a%23b%3Fc%25d.png");
        assertThat(Html.href("../x/été.png")).isEqualTo("../x/%C3%A9t%C3%A9.png");
        assertThat(Html.href("a\"b'c")).isEqualTo("a%22b%27c");
        assertThat(Html.href("grad-cam@layer4.1_x~y.png")).isEqualTo("grad-cam%40layer4.1_x~y.png");
    }

    @Test
    void numbersUseAPointAndReadableUnits() {
        assertThat(Html.number(6.21853, 2)).isEqualTo("6.22");
        assertThat(Html.percent(0.998599)).isEqualTo("99.9 %");
        assertThat(Html.percent(0.0001)).isEqualTo("<0.1 %");
        assertThat(Html.percent(0)).isEqualTo("0.0 %");
        assertThat(Html.seconds(0.0677)).isEqualTo("0.068 s");
        assertThat(Html.seconds(3.149)).isEqualTo("3.1 s");
        assertThat(Html.seconds(125.4)).isEqualTo("2 min 05 s");
    }
}
