package dev.pullthrough.hook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleTraceTest {
    @Test
    void traceOrigin_epochMilliseconds_countsFromThatInstant() {
        assertThat(Console.traceOrigin("1796220674097")).isEqualTo(1796220674097L);
    }

    @Test
    void traceOrigin_anyOtherValue_countsFromThisProcessStart() {
        long started = ProcessHandle.current().info().startInstant().orElseThrow().toEpochMilli();

        assertThat(Console.traceOrigin("1")).isEqualTo(started);
        assertThat(Console.traceOrigin("17962206740970")).as("not 13 digits").isEqualTo(started);
    }

    @Test
    void trace_unsetInTests_printsNothing() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Console console = new Console(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true));

        console.trace("step");

        assertThat(System.getenv("PULLTHROUGH_HOOK_TRACE")).isNull();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
