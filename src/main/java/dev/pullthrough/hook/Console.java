package dev.pullthrough.hook;

import java.io.PrintStream;

/** Where the hook talks: results on stdout, warnings and progress on stderr, each line prefixed. */
public record Console(PrintStream out, PrintStream err) {
    static final String PREFIX = "pullthrough hook: ";

    public static Console system() {
        return new Console(System.out, System.err);
    }

    public void info(String message) {
        out.println(PREFIX + message);
    }

    public void warn(String message) {
        // SDK messages list every credential provider tried; the first part says what matters in a job log.
        String m = message.length() > 600 ? message.substring(0, 600) + "..." : message;
        err.println(PREFIX + "warning: " + m);
    }

    private static final boolean TRACE = System.getenv("PULLTHROUGH_HOOK_TRACE") != null;
    private static final long T0 = ProcessHandle.current().info().startInstant()
            .map(i -> System.nanoTime() - java.time.Duration.between(i, java.time.Instant.now()).toNanos())
            .orElse(System.nanoTime());

    /** Progress with elapsed milliseconds, only when PULLTHROUGH_HOOK_TRACE is set (for measuring start-up). */
    public void trace(String step) {
        if (TRACE) {
            err.println(PREFIX + "trace +" + (System.nanoTime() - T0) / 1_000_000 + "ms " + step);
        }
    }

    /** A GitHub Actions workflow command; stdout is where the runner reads them. */
    public void command(String line) {
        out.println(line);
    }
}
