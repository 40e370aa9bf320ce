package dev.pullthrough.parity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pullthrough.testing.terraform.TerraformOptions;
import dev.pullthrough.testing.terraform.TerraformResult;
import dev.pullthrough.testing.terraform.TerraformWorkspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The generated modules' decision, from {@code terraform plan} with the real AWS provider (offline). Every case is a
 * module block in its own file {@code case_<name>.tf.json}, sourcing its own copy of the module
 * {@code m_<name>/}, so one plan decides them all: a variable validation's diagnostic points into the case's file, a
 * precondition's into {@code m_<name>/}. Terraform
 * stops before preconditions when any variable is invalid, so the cases it refused are removed and the rest planned
 * again, until a plan passes: those cases are accepted. Two or three plans in all.
 */
final class ModuleFace {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Where a diagnostic names its case: the case's file, its module link, or a resource address in it. */
    private static final Pattern OWNER =
            Pattern.compile("(?:^|/)case_([a-z0-9_]+)\\.tf\\.json|(?:^|/)m_([a-z0-9_]+)/|module\\.case_([a-z0-9_]+)\\.");
    private static final String CACHE = "ecr-pull-through-cache";
    private static final String ACCESS = "ecr-pull-through-access";
    private static final int MAX_PLANS = 4;

    private int plans;

    private ModuleFace() {
    }

    /** Decisions by case name, and how many plans it took (for the table's footer). */
    record Result(Map<String, Decision> decisions, int plans) {
    }

    static Result decideAll(List<ParityCase> cases) {
        ModuleFace face = new ModuleFace();
        return new Result(face.run(cases), face.plans);
    }

    private Map<String, Decision> run(List<ParityCase> cases) {
        // The anchors bring both modules into the copy (and plan nothing); each case then gets its own link to one.
        TerraformOptions options = TerraformOptions.builder(TerraformOptions.projectDirFromSystemProperty(),
                "scratch/three-face-parity").label("three-face-parity").file("anchors.tf.json", anchors()).build();
        Map<String, Decision> decided = new LinkedHashMap<>();
        Set<String> remaining = new LinkedHashSet<>(cases.stream().map(ParityCase::name).toList());
        try (TerraformWorkspace ws = TerraformWorkspace.create(options)) {
            for (ParityCase c : cases) {
                copyModule(ws, c);
                ws.writeFile(fileName(c), moduleBlock(c));
            }
            ws.init();
            while (!remaining.isEmpty()) {
                if (++plans > MAX_PLANS) {
                    throw new AssertionError("no plan passed after " + MAX_PLANS + " rounds; undecided: " + remaining);
                }
                TerraformResult plan = ws.tryPlan("-json");
                Map<String, List<String>> errors = errorsByCase(plan);
                if (errors.isEmpty()) {
                    if (plan.exitCode() != 0) {
                        throw new AssertionError("plan failed without attributable errors:\n" + plan.combinedOutput());
                    }
                    remaining.forEach(name -> decided.put(name, Decision.accepted("plan " + plans + " passed")));
                    break;
                }
                for (Map.Entry<String, List<String>> e : errors.entrySet()) {
                    decided.put(e.getKey(), Decision.refused(e.getValue(), "plan " + plans));
                    remaining.remove(e.getKey());
                    delete(ws, "case_" + e.getKey() + ".tf.json");
                }
            }
        }
        return decided;
    }

    private static String fileName(ParityCase c) {
        return "case_" + c.name() + ".tf.json";
    }

    private static String moduleOf(ParityCase c) {
        return c.aboutRunnerAccess() ? ACCESS : CACHE;
    }

    /**
     * The case's own copy of its module's {@code .tf} files (Terraform names a precondition's file by the module's
     * real path, so a link would not tell the cases apart).
     */
    private static void copyModule(TerraformWorkspace ws, ParityCase c) {
        Path from = ws.dir().resolve("../../modules-out/hcl/" + moduleOf(c)).normalize();
        Path to = ws.dir().resolve("m_" + c.name());
        try (var files = Files.list(from)) {
            Files.createDirectories(to);
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".tf")).toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Both modules called with nothing to create, so that the workspace copy holds them. */
    private static String anchors() {
        Map<String, Object> location = Map.of("account_id", ParityCases.ACCOUNT, "region", ParityCases.REGION, "partition", "aws");
        Map<String, Object> cache = new LinkedHashMap<>(location);
        cache.put("source", "../../modules-out/hcl/" + CACHE);
        cache.put("rules", Map.of());
        Map<String, Object> access = new LinkedHashMap<>(location);
        access.put("source", "../../modules-out/hcl/" + ACCESS);
        access.put("ecr_pull_through_cache_rules", Map.of());
        access.put("create_policy", false);
        return json(Map.of("module", Map.of("anchor_cache", cache, "anchor_access", access)));
    }

    /** {"module": {"case_x": {source, inputs...}}}: inputs as given, null ones left out. */
    private static String moduleBlock(ParityCase c) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("source", "./m_" + c.name());
        if (c.aboutRunnerAccess()) {
            args.put("ecr_pull_through_cache_rules", c.rules());
            args.put("role_names", c.roleNames());
        } else {
            args.put("rules", c.rules());
            args.putAll(c.settings());
        }
        c.location().forEach((name, value) -> {
            if (value != null) {
                args.put(name, value);
            }
        });
        return json(Map.of("module", Map.of("case_" + c.name(), args)));
    }

    private static String json(Object value) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Error diagnostics by the case they belong to; an error no case owns fails the test. */
    private static Map<String, List<String>> errorsByCase(TerraformResult plan) {
        Map<String, List<String>> byCase = new LinkedHashMap<>();
        for (String line : plan.stdout().split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode event;
            try {
                event = JSON.readTree(line);
            } catch (IOException e) {
                throw new AssertionError("plan -json printed a line that is not JSON: " + line, e);
            }
            JsonNode diagnostic = event.path("diagnostic");
            if (!"diagnostic".equals(event.path("type").asText()) || !"error".equals(diagnostic.path("severity").asText())) {
                continue;
            }
            String file = diagnostic.path("range").path("filename").asText("") + " " + diagnostic.path("address").asText("");
            Matcher m = OWNER.matcher(file);
            String owner = !m.find() ? null : m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            if (owner == null) {
                throw new AssertionError("an error no case owns: " + diagnostic + "\n" + plan.combinedOutput());
            }
            byCase.computeIfAbsent(owner, k -> new ArrayList<>()).addAll(messages(diagnostic));
        }
        return byCase;
    }

    /** The message lines of a diagnostic: its detail without Terraform's "This was checked by" trailer. */
    private static List<String> messages(JsonNode diagnostic) {
        String detail = diagnostic.path("detail").asText();
        int checkedBy = detail.indexOf("\n\nThis was checked by");
        String text = checkedBy < 0 ? detail : detail.substring(0, checkedBy);
        if (text.isBlank()) {
            text = diagnostic.path("summary").asText();
        }
        return List.of(text.split("\n"));
    }

    private static void delete(TerraformWorkspace ws, String file) {
        try {
            Files.delete(ws.dir().resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
