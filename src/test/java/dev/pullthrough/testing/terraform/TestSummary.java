package dev.pullthrough.testing.terraform;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The tally line of {@code terraform test} ("Success! 3 passed, 0 failed." / "Failure! 1 passed, 1 failed, 1 skipped."). */
public record TestSummary(boolean success, int passed, int failed, int skipped) {
    private static final Pattern TALLY =
            Pattern.compile("(Success|Failure)! (\\d+) passed, (\\d+) failed(?:, (\\d+) skipped)?\\.");

    public static TestSummary parse(String output) {
        Matcher m = TALLY.matcher(output);
        TestSummary last = null;
        while (m.find()) {
            last = new TestSummary(m.group(1).equals("Success"), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), m.group(4) == null ? 0 : Integer.parseInt(m.group(4)));
        }
        if (last == null) {
            throw new IllegalArgumentException("no `terraform test` tally in output:\n" + output);
        }
        return last;
    }

    public int total() {
        return passed + failed + skipped;
    }
}
