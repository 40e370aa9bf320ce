package dev.pullthrough.cdktf.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.TerraformOutput;
import com.hashicorp.cdktf.TerraformStack;
import dev.pullthrough.cdktf.aws.AwsProvider;
import dev.pullthrough.cdktf.aws.TerraformBlock;
import dev.pullthrough.json.Json;
import dev.pullthrough.testing.cdktf.Synth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The renderer on schema fragments: one made-up resource with every attribute kind, nesting and flag, rendered,
 * compiled into the bindings package and synthesized; plus the text details (sensitive, deprecated, names).
 */
class BindingRendererTest {
    /** Shaped like `terraform providers schema -json`; keys in Terraform's (sorted) order. */
    static final String FRAGMENT = """
            {"block": {
              "description": "A made-up resource with every kind. It closes */ comments & <tags>.",
              "attributes": {
                "arn": {"type": "string", "computed": true},
                "node": {"type": "number", "optional": true},
                "default": {"type": "bool", "optional": true},
                "enabled": {"type": "bool", "optional": true},
                "flags": {"type": ["map", "bool"], "computed": true},
                "id": {"type": "string", "optional": true, "computed": true},
                "legacy_name": {"type": "string", "optional": true, "deprecated": true},
                "name": {"type": "string", "required": true, "description": "The name."},
                "ports": {"type": ["set", "number"], "optional": true},
                "rule": {"type": ["list", ["object", {"cidr": "string", "port": "number", "self": "bool"}]],
                         "optional": true, "computed": true},
                "secret": {"type": "string", "optional": true, "sensitive": true},
                "settings": {"nested_type": {"nesting_mode": "single", "attributes": {
                    "level": {"type": "number", "required": true},
                    "token": {"type": "string", "optional": true, "sensitive": true}}}, "optional": true},
                "subnets": {"type": ["list", "string"], "required": true},
                "tags": {"type": ["map", "string"], "optional": true},
                "weights": {"type": ["map", "number"], "optional": true}
              },
              "block_types": {
                "listener": {"nesting_mode": "list", "min_items": 1, "block": {
                    "attributes": {"port": {"type": "number", "required": true},
                                   "protocol": {"type": "string", "optional": true}},
                    "block_types": {"action": {"nesting_mode": "set", "block": {"attributes": {
                        "type": {"type": "string", "required": true}}}}}}},
                "logging": {"nesting_mode": "list", "max_items": 1, "block": {"attributes": {
                    "bucket": {"type": "string", "required": true}}}},
                "timeouts": {"nesting_mode": "single", "block": {"attributes": {
                    "create": {"type": "string", "optional": true}}}}
              }
            }}
            """;
    private static final BindingSpec SPEC = new BindingSpec(false, "aws_kitchen_sink");

    private static String source;
    private static Class<?> binding;

    @BeforeAll
    static void renderAndCompile() throws Exception {
        SchemaBlock schema = SchemaBlock.parse(Json.STRICT.readTree(FRAGMENT).path("block"), SPEC.terraformType());
        source = new BindingRenderer(BindingsGenerator.PACKAGE, AwsProvider.CHECKED_VERSION).render(SPEC, schema);
        binding = InPackageCompiler.compile(BindingsGenerator.PACKAGE + "." + SPEC.className(), source);
    }

    @Test
    void build_everyKindSet_synthesizesTypedTerraformJson() {
        TerraformStack stack = new TerraformStack(Synth.app(), "fragment");
        AwsProvider.Builder.create(stack, "aws").region("eu-west-1").build();
        Reflect builder = Reflect.call(binding.getName() + "$Builder", "create", stack, "sink");
        builder.with("name", "web").with("node", 2).with("defaultValue", (Object) Boolean.TRUE)
                .with("enabled", (Object) Boolean.FALSE).with("ports", List.of(443, 80))
                .with("subnets", List.of("subnet-1")).with("tags", Map.of("b", "2", "a", "1"))
                .with("weights", Map.of("x", 1.5)).with("secret", "s3cr3t")
                .with("rule", List.of(record("Rule", "cidr", "10.0.0.0/8", "port", 22)))
                .with("settings", record("Settings", "level", 3))
                .with("listener", List.of(record("Listener", "port", 80,
                        "action", List.of(record("Listener$Action", "type", "forward")))))
                .with("logging", record("Logging", "bucket", "logs"))
                .with("timeouts", record("Timeouts", "create", "5m"));
        Object resource = builder.call("build").target();
        TerraformOutput.Builder.create(stack, "arn").value(Reflect.of(resource).call("getArn").target()).build();
        TerraformOutput.Builder.create(stack, "node").value(Reflect.of(resource).call("getNodeAttribute").target())
                .build();

        JsonNode json = Synth.stack(stack);
        JsonNode expected = Synth.parse(Json.compact(Map.ofEntries(
                Map.entry("name", "web"), Map.entry("node", 2), Map.entry("default", true),
                Map.entry("enabled", false), Map.entry("ports", List.of(443, 80)),
                Map.entry("subnets", List.of("subnet-1")), Map.entry("tags", Map.of("a", "1", "b", "2")),
                Map.entry("weights", Map.of("x", 1.5)), Map.entry("secret", "s3cr3t"),
                Map.entry("rule", List.of(Map.of("cidr", "10.0.0.0/8", "port", 22))),
                Map.entry("settings", Map.of("level", 3)),
                Map.entry("listener", List.of(Map.of("port", 80, "action", List.of(Map.of("type", "forward"))))),
                Map.entry("logging", List.of(Map.of("bucket", "logs"))),
                Map.entry("timeouts", Map.of("create", "5m")))));
        assertThat(json.path("resource").path("aws_kitchen_sink").path("sink")).as(Synth.pretty(json))
                .isEqualTo(expected);
        assertThat(json.path("output").path("arn").path("value").asText()).isEqualTo("${aws_kitchen_sink.sink.arn}");
        assertThat(json.path("output").path("node").path("value").asText()).isEqualTo("${aws_kitchen_sink.sink.node}");
    }

    @Test
    void build_requiredAttributeOrBlockMissing_throwsNamingIt() {
        TerraformStack stack = new TerraformStack(Synth.app(), "missing");
        Reflect builder = Reflect.call(binding.getName() + "$Builder", "create", stack, "sink")
                .with("name", "web").with("subnets", List.of("s"));
        assertThatThrownBy(() -> builder.call("build"))
                .hasMessage("aws_kitchen_sink \"sink\": required argument listener is not set");
        builder.with("listener", List.of(record("Listener", "port", 80))).with("subnets", List.of());
        assertThatThrownBy(() -> builder.call("build")).hasMessageContaining("required argument subnets");
        assertThatThrownBy(() -> record("Logging"))
                .hasMessage("aws_kitchen_sink block logging: required argument bucket is not set");
    }

    @Test
    void record_sensitiveValue_isNotPrinted() {
        Object settings = record("Settings", "level", 3, "token", "t0ps3cr3t");
        assertThat(settings).isInstanceOf(TerraformBlock.class);
        assertThat(settings.toString()).isEqualTo("Settings[level=3, token=***]").doesNotContain("t0ps3cr3t");
    }

    @Test
    void render_flags_becomeJavadocAndAnnotations() {
        assertThat(source)
                .contains("@Deprecated\n        public Builder legacyName(String value)")
                .contains("Sensitive: Terraform hides it in plans; never log it.")
                .contains("/** Required. The name. */")
                .contains("It closes *&#47; comments &amp; &lt;tags&gt;.")
                .contains("public Map<String, Boolean> getFlags()")
                .contains("public IResolvable getRule()")           // objects: a whole-value token
                .contains("public List<Number> getPorts()")
                .doesNotContain("public Builder id(")                 // the SDK's legacy optional id is not an input
                .contains("public String getId()")
                .contains("public Builder enabled(IResolvable value)");
    }

    @Test
    void parse_unsupportedShapes_failNamingWhere() {
        assertThatThrownBy(() -> SchemaBlock.parse(Json.STRICT.readTree("""
                {"attributes": {"m": {"type": ["map", ["object", {"a": "string"}]], "optional": true}}}"""), "aws_x"))
                .hasMessageStartingWith("aws_x.m: unsupported in bindings: map of objects");
        assertThatThrownBy(() -> SchemaBlock.parse(Json.STRICT.readTree("""
                {"attributes": {"t": {"type": ["tuple", ["string"]], "optional": true}}}"""), "aws_x"))
                .hasMessageStartingWith("aws_x.t: unsupported Terraform type");
    }

    @Test
    void parseList_namesAndBadLines() {
        assertThat(BindingSpec.parseList("# c\nresource aws_iam_policy\n\ndata aws_region # x\n"))
                .extracting(BindingSpec::className).containsExactly("IamPolicy", "DataAwsRegion");
        assertThatThrownBy(() -> BindingSpec.parseList("resource aws_iam_policy\nresourse aws_vpc\n"))
                .hasMessage("bindings list line 2: 'resourse aws_vpc' is not 'resource aws_TYPE' or 'data aws_TYPE'");
    }

    /** Builds a record of the compiled binding through its builder: name/value pairs are setter calls. */
    private static Object record(String name, Object... setters) {
        Reflect builder = Reflect.call(binding.getName() + "$" + name, "builder");
        for (int i = 0; i < setters.length; i += 2) {
            builder.with(JavaNames.camel((String) setters[i]), setters[i + 1]);
        }
        return builder.call("build").target();
    }
}
