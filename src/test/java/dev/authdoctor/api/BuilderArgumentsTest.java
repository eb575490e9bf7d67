package dev.authdoctor.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Wrong arguments to the builder are refused at once, naming the argument, before anything is compiled. */
class BuilderArgumentsTest {

    @Test
    void aWatchIntervalUnderAMillisecondIsRefusedAtOnce() {
        assertThatThrownBy(() -> Troubleshooter.builder().watch(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("watch interval").hasMessageContaining("PT0S");
        assertThatThrownBy(() -> Troubleshooter.builder().watch(Duration.ofMillis(-5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("watch interval");
        assertThatThrownBy(() -> Troubleshooter.builder().watch(Duration.ofNanos(999)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1 ms");
        assertThatThrownBy(() -> Troubleshooter.builder().watch(null))
                .isInstanceOf(NullPointerException.class).hasMessage("interval");
    }

    @Test
    void aPinThatIsNoHashIsRefusedAtOnce(@TempDir Path dir) {
        assertThatThrownBy(() -> Troubleshooter.builder().addPinnedPack(dir, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sha256").hasMessageContaining("null");
        assertThatThrownBy(() -> Troubleshooter.builder().addPinnedPack(dir, "abc"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sha256").hasMessageContaining("64 hexadecimal");
        assertThatThrownBy(() -> Troubleshooter.builder().addPinnedPack(null, "0".repeat(64)))
                .isInstanceOf(NullPointerException.class).hasMessage("folder");
    }
}
