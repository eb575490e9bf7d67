package dev.authdoctor.api;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** A Reader's characters as UTF-8 bytes, read one byte at a time or in blocks of any size. */
class Utf8BytesTest {

    @Test
    void oneByteAtATimeGivesEachByteUnsignedThenMinusOne() throws IOException {
        Utf8Bytes in = new Utf8Bytes(new StringReader("aé"));
        assertThat(in.read()).isEqualTo('a');
        assertThat(in.read()).isEqualTo(0xC3); // é's first byte, above 127: not sign-extended
        assertThat(in.read()).isEqualTo(0xA9);
        assertThat(in.read()).isEqualTo(-1);
        assertThat(in.read()).as("and again").isEqualTo(-1);
    }

    @Test
    void aReadOfNothingReturnsZeroAndConsumesNothing() throws IOException {
        Utf8Bytes in = new Utf8Bytes(new StringReader("ab"));
        assertThat(in.read(new byte[4], 0, 0)).isZero();
        byte[] b = new byte[4];
        assertThat(in.read(b, 1, 3)).isEqualTo(2);
        assertThat(new String(b, 1, 2, StandardCharsets.UTF_8)).isEqualTo("ab");
        assertThat(in.read(b, 0, 4)).isEqualTo(-1);
    }

    @Test
    void anUnpairedSurrogateBecomesTheReplacementCharacterAndPairsSurviveEveryBufferEdge() throws IOException {
        // 8191 ASCII characters put the key's high surrogate last in the first 8 KiB of characters
        String text = "x".repeat(8191) + "🔑" + "\uD800" + "end" + "\uDC00";
        assertThat(new String(all(new Utf8Bytes(new StringReader(text))), StandardCharsets.UTF_8))
                .isEqualTo("x".repeat(8191) + "🔑" + "\uFFFD" + "end" + "\uFFFD");
    }

    @Test
    void anEmptyReaderGivesNoBytes() throws IOException {
        assertThat(all(new Utf8Bytes(new StringReader("")))).isEmpty();
    }

    private static byte[] all(Utf8Bytes in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] b = new byte[1000];
        for (int n; (n = in.read(b, 0, b.length)) >= 0; ) {
            out.write(b, 0, n);
        }
        return out.toByteArray();
    }
}
