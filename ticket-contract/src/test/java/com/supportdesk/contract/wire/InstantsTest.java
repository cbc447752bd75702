package com.supportdesk.contract.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InstantsTest {

    @Test
    void readsWhatInstantToStringWritesAsInstantParseDoes() {
        Random random = new Random(20261205);
        long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 200_000; i++) {
            long second = i % 2 == 0
                    ? min + (long) (random.nextDouble() * (max - min))
                    : 1_700_000_000L + random.nextInt(400_000_000); // around now, where the events are
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            String text = Instant.ofEpochSecond(second, nano).toString();
            assertThat(Instants.plain(text)).as(text).isNotNull().isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void anyFractionLengthAndTheEdgesOfTheCalendar() {
        for (String text : List.of(
                "2026-12-05T13:47:29.3Z",
                "2026-12-05T13:47:29.38Z",
                "2026-12-05T13:47:29.3851Z",
                "2026-12-05T13:47:29.38518Z",
                "2026-12-05T13:47:29.38518900Z",
                "2024-02-29T23:59:59.999999999Z",
                "1970-01-01T00:00:00Z",
                "1969-12-31T23:59:59.5Z",
                "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59.999999999Z")) {
            assertThat(Instants.plain(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void otherFormsGoToTheStandardParserWhichDecidesAsBefore() {
        // accepted by the standard parser, not by the direct reading
        for (String text : List.of(
                "2026-12-05T14:47:29+01:00", "2026-12-05T23:59:60Z", "2026-12-05T24:00:00Z", "2026-12-05T10:00:00.Z")) {
            assertThat(Instants.plain(text)).as(text).isNull();
            assertThat(Instants.parse(text)).isEqualTo(Instant.parse(text));
        }
        // refused by both, with the standard parser's exception
        for (String text : List.of(
                "2026-02-30T10:00:00Z",
                "2026-13-05T10:00:00Z",
                "2026-12-05T10:00:00.1234567890Z",
                "2026-12-05 10:00:00Z",
                "2026-12-05T10:00:0xZ",
                "２026-12-05T10:00:00Z",
                "yesterday")) {
            assertThat(Instants.plain(text)).as(text).isNull();
            assertThatThrownBy(() -> Instants.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
        }
    }

    record Stamp(Instant at) {}

    @Test
    void theContractsMapperReadsInstantsThroughItAndRefusesWhatItRefusedBefore() throws Exception {
        var mapper = CloudEventCodec.mapper();
        assertThat(mapper.readValue("{\"at\":\"2026-12-05T13:47:29.385189002Z\"}", Stamp.class)
                        .at())
                .isEqualTo(Instant.parse("2026-12-05T13:47:29.385189002Z"));
        assertThat(mapper.readValue("{\"at\":\"2026-12-05T14:47:29+01:00\"}", Stamp.class)
                        .at())
                .isEqualTo(Instant.parse("2026-12-05T13:47:29Z"));
        assertThat(mapper.readValue("{\"at\":1764942449.5}", Stamp.class).at())
                .isEqualTo(Instant.ofEpochSecond(1764942449L, 500_000_000));
        assertThat(mapper.readValue("{}", Stamp.class).at()).isNull();
        assertThatThrownBy(() -> mapper.readValue("{\"at\":\"2026-02-30T10:00:00Z\"}", Stamp.class))
                .isInstanceOf(JsonMappingException.class);
    }
}
