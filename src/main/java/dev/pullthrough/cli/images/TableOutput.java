package dev.pullthrough.cli.images;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/** The human form of a report: one aligned row per reference, then the summary and the rules to add. */
public final class TableOutput {
    private static final String[] HEADER = {"LOCATION", "STATUS", "IMAGE", "RULE", "VIA", "MIRROR REFERENCE / NOTE"};

    private TableOutput() {
    }

    public static String render(ImagesReport report) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (ImageRow r : report.rows()) {
            FoundImage f = r.found();
            rows.add(new String[] {
                f.file() + ":" + f.line(),
                r.coverage().id(),
                r.image().map(Object::toString).orElse(f.written()),
                r.rule().orElse("-"),
                r.via(),
                r.mirrorReference().orElse(r.reason().orElse("")),
            });
        }
        StringBuilder out = new StringBuilder();
        if (!report.rows().isEmpty()) {
            out.append(align(rows));
        }
        out.append(summary(report));
        return out.toString();
    }

    static String summary(ImagesReport report) {
        StringBuilder out = new StringBuilder();
        StringJoiner counts = new StringJoiner(", ");
        for (Coverage c : Coverage.values()) {
            long n = report.count(c);
            if (n > 0 || c == Coverage.COVERED || c == Coverage.UNCOVERED || c == Coverage.UNRESOLVED) {
                counts.add(n + " " + c.id());
            }
        }
        out.append(report.rows().size()).append(" references in ").append(report.filesWithReferences()).append(" of ")
                .append(report.filesScanned()).append(" files: ").append(counts).append('\n');
        List<UncoveredGroup> groups = report.uncoveredByRegistry();
        if (!groups.isEmpty()) {
            out.append("uncovered by registry:\n");
            for (UncoveredGroup g : groups) {
                out.append("  ").append(g.registry()).append(" (").append(g.count()).append("): ")
                        .append(g.suggestedRule().map(r -> "rule \"" + r.key() + "\" below would cover it")
                                .orElse("ECR pull-through cache has no upstream for this registry"))
                        .append('\n');
            }
            if (groups.stream().anyMatch(g -> g.suggestedRule().isPresent())) {
                boolean credentials = groups.stream().anyMatch(g -> g.suggestedRule()
                        .flatMap(r -> r.credentialArn()).isPresent());
                out.append("rules to add to the rules file").append(credentials
                        ? " (put your Secrets Manager secret's ARN in credential_arn):\n" : ":\n");
                out.append(SuggestedRules.render(groups)).append('\n');
            }
        }
        return out.toString();
    }

    /** {@code warmed through URL: 3 already cached, 2 fetched, 1 failed}, then one line per failure. */
    public static String warmSummary(WarmReport warm) {
        StringBuilder out = new StringBuilder("warmed ").append(warm.outcomes().size()).append(" images through ")
                .append(warm.through()).append(": ").append(warm.count(WarmOutcome.Status.CACHED))
                .append(" already cached, ").append(warm.count(WarmOutcome.Status.FETCHED)).append(" fetched, ")
                .append(warm.count(WarmOutcome.Status.FAILED)).append(" failed\n");
        for (WarmOutcome o : warm.outcomes()) {
            o.error().ifPresent(e -> out.append("  failed ").append(o.image()).append(": ").append(e).append('\n'));
        }
        return out.toString();
    }

    private static String align(List<String[]> rows) {
        int columns = HEADER.length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                line.append(row[c]);
                if (c < columns - 1) {
                    line.append(" ".repeat(widths[c] - row[c].length() + 2));
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
