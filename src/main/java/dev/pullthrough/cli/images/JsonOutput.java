package dev.pullthrough.cli.images;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pullthrough.model.MirrorReach;
import java.util.Optional;

/**
 * The JSON form of a report: a contract for scripts (docs/IMAGES.md, "JSON output"). Fields are never removed or
 * renamed within {@link #SCHEMA_VERSION}; absent values are {@code null}, never missing.
 */
public final class JsonOutput {
    public static final int SCHEMA_VERSION = 1;

    private JsonOutput() {
    }

    public static String render(ImagesReport report) {
        return render(report, Optional.empty());
    }

    /** With {@code warm}: the {@code warm} object, else {@code "warm": null}. */
    public static String render(ImagesReport report, Optional<WarmReport> warm) {
        ObjectNode root = PrettyJson.object();
        root.put("schema_version", SCHEMA_VERSION);
        putOptional(root, "registry", report.registry());
        ArrayNode refs = root.putArray("references");
        for (ImageRow row : report.rows()) {
            refs.add(reference(row));
        }
        ObjectNode summary = root.putObject("summary");
        summary.put("files_scanned", report.filesScanned());
        summary.put("files_with_references", report.filesWithReferences());
        summary.put("references", report.rows().size());
        for (Coverage c : Coverage.values()) {
            summary.put(c.id().replace('-', '_'), report.count(c));
        }
        ArrayNode groups = summary.putArray("uncovered_by_registry");
        for (UncoveredGroup g : report.uncoveredByRegistry()) {
            ObjectNode group = groups.addObject();
            group.put("registry", g.registry());
            group.put("count", g.count());
            if (g.suggestedRule().isPresent()) {
                group.put("suggested_rule_key", g.suggestedRule().get().key());
                group.set("suggested_rule", SuggestedRules.ruleJson(g.suggestedRule().get()));
            } else {
                group.putNull("suggested_rule_key");
                group.putNull("suggested_rule");
            }
        }
        if (warm.isPresent()) {
            root.set("warm", warm(warm.get()));
        } else {
            root.putNull("warm");
        }
        ArrayNode skipped = root.putArray("skipped");
        for (SkippedFile s : report.skipped()) {
            skipped.addObject().put("file", s.file()).put("reason", s.reason());
        }
        return PrettyJson.write(root);
    }

    private static ObjectNode warm(WarmReport warm) {
        ObjectNode node = PrettyJson.object();
        node.put("through", warm.through());
        for (WarmOutcome.Status s : WarmOutcome.Status.values()) {
            node.put(s.id(), warm.count(s));
        }
        ArrayNode images = node.putArray("images");
        for (WarmOutcome o : warm.outcomes()) {
            ObjectNode image = images.addObject();
            image.put("image", o.image());
            image.put("mirror_reference", o.mirrorReference());
            image.put("status", o.status().id());
            image.put("manifests", o.manifests());
            putOptional(image, "error", o.error());
        }
        return node;
    }

    private static ObjectNode reference(ImageRow row) {
        FoundImage f = row.found();
        ObjectNode node = PrettyJson.object();
        node.put("file", f.file());
        node.put("line", f.line());
        node.put("kind", f.kind().id());
        node.put("where", f.where());
        node.put("written", f.written());
        putOptional(node, "platform", f.platform());
        node.put("status", row.coverage().id());
        putOptional(node, "image", row.image().map(Object::toString));
        putOptional(node, "registry", row.image().map(i -> i.registry()));
        putOptional(node, "upstream", row.upstream());
        putOptional(node, "rule", row.rule());
        if (row.coverage() == Coverage.COVERED) {
            node.put("via", row.via());
        } else {
            node.putNull("via");
        }
        if (row.reach().isPresent()) {
            MirrorReach r = row.reach().get();
            ObjectNode reach = node.putObject("transparent");
            reach.put("dockerd", r.dockerd());
            reach.put("containerd", r.containerd());
            reach.put("buildkit", r.buildkit());
        } else {
            node.putNull("transparent");
        }
        putOptional(node, "mirror_reference", row.mirrorReference());
        putOptional(node, "reason", row.reason());
        return node;
    }

    private static void putOptional(ObjectNode node, String field, Optional<String> value) {
        if (value.isPresent()) {
            node.put(field, value.get());
        } else {
            node.putNull(field);
        }
    }
}
