package dev.authdoctor.io;

import dev.authdoctor.incident.ReadResult;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract bounds the device clock's skew to ten years either way; beyond that, the reader names the field. */
class ClockSkewBoundTest {

    private final IncidentReader reader = new IncidentReader();

    @ParameterizedTest
    @CsvSource({
            "-2147483648, device.clockSkewSeconds: -2147483648 is below the minimum -315576000",
            "-315576001, device.clockSkewSeconds: -315576001 is below the minimum -315576000",
            "315576001, device.clockSkewSeconds: 315576001 is above the maximum 315576000",
            "2147483647, device.clockSkewSeconds: 2147483647 is above the maximum 315576000"})
    void aSkewBeyondTenYearsIsRejectedNamingTheField(long skew, String error) {
        ReadResult r = reader.read("{\"id\":\"s\",\"device\":{\"clockSkewSeconds\":" + skew + "}}");
        assertThat(r).isInstanceOf(ReadResult.Rejected.class);
        assertThat(((ReadResult.Rejected) r).errors()).containsExactly(error);
    }

    @ParameterizedTest
    @ValueSource(ints = {-315576000, -420, 0, 420, 315576000})
    void aSkewWithinTenYearsIsAccepted(int skew) {
        ReadResult r = reader.read("{\"id\":\"s\",\"device\":{\"clockSkewSeconds\":" + skew + "}}");
        assertThat(r).isInstanceOf(ReadResult.Accepted.class);
        assertThat(((ReadResult.Accepted) r).incident().device().clockSkewSeconds()).isEqualTo(skew);
    }
}
