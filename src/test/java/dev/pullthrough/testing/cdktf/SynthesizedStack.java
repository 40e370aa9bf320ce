package dev.pullthrough.testing.cdktf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pullthrough.testing.terraform.TerraformOptions;
import dev.pullthrough.testing.terraform.TerraformWorkspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A stack cdktf synthesized, prepared for an offline plan in the Terraform harness: the copy gets the offline
 * provider override, and its cdk.tf.json loses the local backend (cdktf writes an absolute state path next to the
 * app; the copy keeps its state in its own temp dir instead).
 */
public final class SynthesizedStack {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SynthesizedStack() {
    }

    /** A workspace over {@code appDir/cdktf.out/stacks/<stack>}; close it (try-with-resources) to tear down. */
    public static TerraformWorkspace workspace(Path appDir, String stack, String region) {
        Path file = CdktfCli.stackFile(appDir, stack);
        TerraformWorkspace ws = TerraformWorkspace.create(TerraformOptions
                .builder(appDir, appDir.relativize(file.getParent()).toString())
                .label("cdktf-" + stack)
                .region(region)
                .build());
        ws.writeFile(file.getFileName().toString(), withoutBackend(file));
        return ws;
    }

    static String withoutBackend(Path file) {
        try {
            JsonNode root = JSON.readTree(file.toFile());
            ((ObjectNode) root.path("terraform")).remove("backend");
            return JSON.writeValueAsString(root);
        } catch (IOException | ClassCastException e) {
            throw new AssertionError("not a synthesized stack: " + file, e);
        }
    }

    public static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
