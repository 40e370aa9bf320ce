package dev.pullthrough.testing.terraform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The provider settings that let the real AWS provider plan without credentials or network: written as an override
 * file into the copy only (never into the project), so the configuration under test stays exactly what users run.
 * Any AWS call a configuration still makes then fails fast ("no such host"), which is the point: examples and
 * modules must plan with given account_id/region/partition.
 */
public final class OfflineProvider {
    public static final String FILE_NAME = "zz_offline_override.tf.json";
    /** Obviously fake; the provider only needs non-empty static keys so it never looks for real ones. */
    static final String FAKE_ACCESS_KEY = "mock-access-key-pullthrough-tests";
    static final String FAKE_SECRET_KEY = "mock-secret-key-pullthrough-tests";
    private static final Pattern HCL_AWS_PROVIDER = Pattern.compile("(?m)^\\s*provider\\s+\"aws\"\\s*\\{");
    private static final ObjectMapper JSON = new ObjectMapper();

    private OfflineProvider() {
    }

    /**
     * Renders the override. The region is set only when the configuration has no {@code provider "aws"} block of its
     * own, so an example's {@code region = var.region} stays in force.
     */
    public static String render(String region, boolean configurationDeclaresProvider) {
        ObjectNode aws = JSON.createObjectNode();
        if (!configurationDeclaresProvider) {
            aws.put("region", region);
        }
        aws.put("access_key", FAKE_ACCESS_KEY);
        aws.put("secret_key", FAKE_SECRET_KEY);
        aws.put("skip_credentials_validation", true);
        aws.put("skip_requesting_account_id", true);
        aws.put("skip_metadata_api_check", true);
        // One attempt: an unintended AWS call should fail in seconds, not back off for minutes.
        aws.put("max_retries", 1);
        ObjectNode root = JSON.createObjectNode();
        root.putObject("provider").set("aws", aws);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the override into {@code configDir}, a copy. */
    static void writeInto(Path configDir, String region) {
        try {
            Files.writeString(configDir.resolve(FILE_NAME), render(region, declaresAwsProvider(configDir)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write offline provider override into " + configDir, e);
        }
    }

    static boolean declaresAwsProvider(Path configDir) {
        try (Stream<Path> files = Files.list(configDir)) {
            return files.filter(Files::isRegularFile).anyMatch(f -> {
                String name = f.getFileName().toString();
                if (name.equals(FILE_NAME)) {
                    return false;
                }
                try {
                    if (name.endsWith(".tf")) {
                        return HCL_AWS_PROVIDER.matcher(Files.readString(f)).find();
                    }
                    if (name.endsWith(".tf.json")) {
                        return JSON.readTree(f.toFile()).path("provider").findValue("aws") != null;
                    }
                    return false;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
