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

    private static final String TRACE = System.getenv("PULLTHROUGH_HOOK_TRACE");
    /**
     * The trace's origin. {@code PULLTHROUGH_HOOK_TRACE=<epoch milliseconds>} (e.g. {@code $(date +%s%3N)} just
     * before the command) makes every line, in the hook's JVM and in the mirror's, count from that instant: a
     * benchmark can then place both JVMs' steps on its own clock. Any other value counts from this process's start
     * as the kernel reports it, which is only precise to a few hundred milliseconds: compare differences only.
     */
    private static final long ORIGIN_MS = traceOrigin(TRACE);

    static long traceOrigin(String setting) {
        if (setting != null && setting.matches("[0-9]{13}")) {
            return Long.parseLong(setting);
        }
        return ProcessHandle.current().info().startInstant().map(java.time.Instant::toEpochMilli)
                .orElse(System.currentTimeMillis());
    }

    /** Progress with elapsed milliseconds, only when PULLTHROUGH_HOOK_TRACE is set (for measuring start-up). */
    public void trace(String step) {
        if (TRACE != null) {
            err.println(PREFIX + "trace +" + (System.currentTimeMillis() - ORIGIN_MS) + "ms " + step);
        }
    }

    /** A GitHub Actions workflow command; stdout is where the runner reads them. */
    public void command(String line) {
        out.println(line);
    }
}
