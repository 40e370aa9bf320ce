package dev.pullthrough.module;

import static dev.pullthrough.module.Expression.ref;
import static dev.pullthrough.module.Expression.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonRendererTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode render(Block... blocks) throws Exception {
        String json = JsonRenderer.render(new TerraformFile("t", List.of(blocks)), "generated");
        assertThat(json).endsWith("}\n").doesNotContain("\r");
        return JSON.readTree(json);
    }

    @Test
    void render_expressions_becomeInterpolationsAndLiteralsStayJson() throws Exception {
        JsonNode root = render(Block.of("resource", "aws_x", "this")
                .attr("count", ref("var.create ? 1 : 0"))
                .attr("name", string("a ${b}"))
                .attr("port", Expression.number(443))
                .attr("enabled", Expression.bool(true))
                .attr("ids", Expression.tuple(ref("var.a"), string("b")))
                .attr("arn", Expression.template("arn:${local.partition}:ecr"))
                .build());

        JsonNode body = root.at("/resource/aws_x/this");
        assertThat(body.get("count").asText()).isEqualTo("${var.create ? 1 : 0}");
        assertThat(body.get("name").asText()).as("literal ${ is escaped").isEqualTo("a $${b}");
        assertThat(body.get("port").isInt()).isTrue();
        assertThat(body.get("enabled").isBoolean()).isTrue();
        assertThat(body.get("ids").get(0).asText()).isEqualTo("${var.a}");
        assertThat(body.get("arn").asText()).isEqualTo("arn:${local.partition}:ecr");
        assertThat(root.get("//").asText()).isEqualTo("generated");
    }

    @Test
    void render_exactText_numbersAsWrittenAndTheProjectsPrettyForm() {
        String json = JsonRenderer.render(new TerraformFile("t", List.of(Block.of("variable", "v")
                .attr("default", Expression.object().put("ratio", new Expression.Num("1.50")).put("none",
                        Expression.tuple()).put("quote", string("a\"b\tc")).build())
                .build())), null);

        assertThat(json).isEqualTo("""
                {
                  "variable": {
                    "v": {
                      "default": {
                        "ratio": 1.50,
                        "none": [],
                        "quote": "a\\"b\\tc"
                      }
                    }
                  }
                }
                """);
    }

    @Test
    void render_variable_typeIsAStringAndDefaultAndDescriptionAreLiteral() throws Exception {
        JsonNode root = render(Block.of("variable", "rules")
                .attr("description", string("uses ${RUNS_ON_ECR_PULL_THROUGH_CACHE}"))
                .attr("type", TypeConstraint.map(TypeConstraint.object(
                        TypeConstraint.required("p", TypeConstraint.STRING),
                        TypeConstraint.optional("d", TypeConstraint.NUMBER, Expression.number(30)))))
                .attr("default", Expression.object().put("k", "${x}").build())
                .block(new Validation(ref("length(var.rules) <= 50"), string("too many"), "s").toBlock())
                .block(new Validation(ref("true"), string("never"), "s").toBlock())
                .build());

        JsonNode v = root.at("/variable/rules");
        assertThat(v.get("type").asText()).isEqualTo("map(object({p = string, d = optional(number, 30)}))");
        assertThat(v.get("description").asText()).isEqualTo("uses ${RUNS_ON_ECR_PULL_THROUGH_CACHE}");
        assertThat(v.at("/default/k").asText()).isEqualTo("${x}");
        assertThat(v.get("validation").isArray()).as("repeated blocks become an array").isTrue();
        assertThat(v.at("/validation/0/condition").asText()).isEqualTo("${length(var.rules) <= 50}");
    }

    @Test
    void render_labelledNestedBlocks_areKeyedByLabel() throws Exception {
        JsonNode root = render(Block.of("data", "aws_iam_policy_document", "this")
                .block(Block.of("dynamic", "statement")
                        .attr("for_each", ref("local.statements"))
                        .block(Block.of("content").attr("sid", ref("statement.value.sid")).build())
                        .build())
                .build());

        assertThat(root.at("/data/aws_iam_policy_document/this/dynamic/statement/content/sid").asText())
                .isEqualTo("${statement.value.sid}");
    }

    @Test
    void render_multiLineExpressions_areWrittenOnOneLineInsideTheInterpolation() throws Exception {
        JsonNode root = render(Block.of("locals")
                .attr("p", Expression.call("jsonencode", Expression.object().put("a", ref("1")).put("b", string("x")).build()))
                .build());

        assertThat(root.at("/locals/p").asText()).isEqualTo("${jsonencode({ a = 1, b = \"x\" })}");
    }

    @Test
    void render_commentedAttributes_becomeLinesOfTheBlocksCommentProperty() throws Exception {
        String json = JsonRenderer.render(new TerraformFile("v", List.of(Block.of("locals").comment("Constants.")
                .attr("a", string("^a$"), "What a matches.")
                .attr("b", string("x"))
                .attr("c", string("^c$"), "What c matches.")
                .build())));

        JsonNode locals = new ObjectMapper().readTree(json).get("locals");
        assertThat(locals.get("//").asText()).isEqualTo("Constants.\na: What a matches.\nc: What c matches.");
        assertThat(locals.get("a").asText()).isEqualTo("^a$");
        assertThat(locals.get("b").asText()).isEqualTo("x");
    }

    @Test
    void render_terraformBlock_isLiteral() throws Exception {
        JsonNode root = JSON.readTree(JsonRenderer.render(Versions.file(), null));

        assertThat(root.at("/terraform/required_version").asText()).isEqualTo(">= 1.9");
        assertThat(root.at("/terraform/required_providers/aws/source").asText()).isEqualTo("hashicorp/aws");
    }

    @Test
    void render_dependsOn_isAListOfReferencesNotTemplates() throws Exception {
        JsonNode root = render(Block.of("resource", "aws_x", "a").attr("depends_on", Expression.tuple(ref("aws_y.b"))).build());

        assertThat(root.at("/resource/aws_x/a/depends_on/0").asText()).isEqualTo("aws_y.b");
    }

    @Test
    void render_literalPositionWithExpression_isRejected() {
        assertThatThrownBy(() -> JsonRenderer.render(new TerraformFile("t", List.of(
                Block.of("variable", "x").attr("type", TypeConstraint.STRING).attr("default", ref("var.y")).build())), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("var.y");
    }
}
