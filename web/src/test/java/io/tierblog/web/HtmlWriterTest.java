package io.tierblog.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlWriterTest {

    @Test
    void keepsEverythingWrittenInOrderAndGrowsAsNeeded() {
        HtmlWriter out = new HtmlWriter(4);
        out.write('<');
        out.write("p>Grüße ");
        out.write("xx中文 \uD83D\uDE00yy", 2, 6);
        out.write(new char[] {'a', 'b', 'c', 'd'}, 1, 2);
        out.append("</p>").append('\n').append("-ok-", 1, 3).append(null);

        assertThat(out.toString()).isEqualTo("<p>Grüße 中文 \uD83D\uDE00ybc</p>\noknull");
        assertThat(out.length()).isEqualTo(out.toString().length());
        assertThat(out.capacity()).isGreaterThanOrEqualTo(out.length());
    }

    @Test
    void clearingEmptiesItAndKeepsItsRoom() {
        HtmlWriter out = new HtmlWriter(16);
        out.write("x".repeat(1000));
        int grown = out.capacity();

        out.clear();
        out.write("second page");

        assertThat(out.toString()).isEqualTo("second page");
        assertThat(out.capacity()).isEqualTo(grown);
    }
}
