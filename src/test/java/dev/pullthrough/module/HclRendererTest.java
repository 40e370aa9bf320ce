package dev.pullthrough.module;

import static dev.pullthrough.module.Expression.ref;
import static dev.pullthrough.module.Expression.string;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pullthrough.testing.process.ProcessResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HclRendererTest {

    private static String render(Block... blocks) {
        return HclRenderer.render(new TerraformFile("t", List.of(blocks)));
    }

    @Test
    void render_consecutiveOneLineAttributes_alignsEqualsSigns() {
        String hcl = render(Block.of("resource", "aws_x", "this")
                .attr("a", string("1"))
                .attr("longer_name", ref("var.x"))
                .build());

        assertThat(hcl).isEqualTo("""
                resource "aws_x" "this" {
                  a           = "1"
                  longer_name = var.x
                }
                """);
    }

    @Test
    void render_multiLineValue_endsTheAlignmentRun() {
        String hcl = render(Block.of("locals")
                .attr("a", ref("1"))
                .attr("policy", Expression.call("jsonencode", Expression.object().put("Version", "2012-10-17").build()))
                .attr("much_longer", ref("2"))
                .attr("b", ref("3"))
                .build());

        assertThat(hcl).isEqualTo("""
                locals {
                  a = 1
                  policy = jsonencode({
                    Version = "2012-10-17"
                  })
                  much_longer = 2
                  b           = 3
                }
                """);
    }

    @Test
    void render_blankLine_endsTheAlignmentRun() {
        String hcl = render(Block.of("resource", "aws_x", "this")
                .attr("count", ref("1"))
                .blank()
                .attr("name_prefix", string("x"))
                .build());

        assertThat(hcl).contains("  count = 1\n\n  name_prefix = \"x\"\n");
    }

    @Test
    void render_heredoc_joinsTheAlignmentRunLikeFmt() {
        String hcl = render(Block.of("variable", "x")
                .attr("description", Expression.heredoc("first\n  second\n"))
                .attr("type", TypeConstraint.STRING)
                .build());

        assertThat(hcl).isEqualTo("""
                variable "x" {
                  description = <<-EOT
                    first
                      second
                  EOT
                  type        = string
                }
                """);
    }

    @Test
    void render_literalWithTemplateSequences_escapesThem() {
        String hcl = render(Block.of("locals").attr("a", string("${not} %{this} \"q\" \\ \n")).build());

        assertThat(hcl).contains("a = \"$${not} %%{this} \\\"q\\\" \\\\ \\n\"");
    }

    @Test
    void render_template_keepsInterpolationsAndEscapesLiteralQuotes() {
        String hcl = render(Block.of("locals")
                .attr("a", Expression.template("rule \"${k}\": ${join(\", \", var.x)}"))
                .build());

        assertThat(hcl).contains("a = \"rule \\\"${k}\\\": ${join(\", \", var.x)}\"");
    }

    @Test
    void render_objectKeys_quotedOnlyWhenNotIdentifiers() {
        String hcl = render(Block.of("locals").attr("m", Expression.inlineObject()
                .put("aws-cn", "x").put("ecr.api", "y").put("for", "z").build()).build());

        assertThat(hcl).contains("m = { aws-cn = \"x\", \"ecr.api\" = \"y\", \"for\" = \"z\" }");
    }

    @Test
    void render_mapOfObjectType_indentsFieldsAndAlignsThem() {
        String hcl = render(Block.of("variable", "rules")
                .attr("type", TypeConstraint.map(TypeConstraint.object(
                        TypeConstraint.required("ecr_repository_prefix", TypeConstraint.STRING),
                        TypeConstraint.optional("expire", TypeConstraint.NUMBER, Expression.number(30)))))
                .attr("default", Expression.object().build())
                .build());

        assertThat(hcl).isEqualTo("""
                variable "rules" {
                  type = map(object({
                    ecr_repository_prefix = string
                    expire                = optional(number, 30)
                  }))
                  default = {}
                }
                """);
    }

    @Test
    void render_forObjectWithMultiLineValue_putsTheForClauseOnItsOwnLine() {
        String hcl = render(Block.of("locals").attr("rules", Expression.forObject("k", "r", ref("var.rules"), ref("k"),
                Expression.object().put("a", ref("trimspace(r.a)")).put("bb", ref("r.b")).build(), null)).build());

        assertThat(hcl).isEqualTo("""
                locals {
                  rules = {
                    for k, r in var.rules : k => {
                      a  = trimspace(r.a)
                      bb = r.b
                    }
                  }
                }
                """);
    }

    @Test
    void render_severalMultiLineCallArguments_oneArgumentPerLine() {
        String hcl = render(Block.of("locals").attr("x", Expression.call("concat",
                Expression.tupleMultiline(List.of(ref("1"))), Expression.tupleMultiline(List.of(ref("2"))))).build());

        assertThat(hcl).isEqualTo("""
                locals {
                  x = concat(
                    [
                      1,
                    ],
                    [
                      2,
                    ]
                  )
                }
                """);
    }

    @Test
    void render_fileWithHeaderAndBlocks_commentsThenOneBlankLineBetweenBlocksAndOneTrailingNewline() {
        String hcl = HclRenderer.render(new TerraformFile("t", List.of(
                Block.of("data", "aws_region", "current").attr("count", ref("1")).build(),
                Block.of("locals").comment("why").attr("a", ref("1")).build())), "header");

        assertThat(hcl).isEqualTo("""
                # header

                data "aws_region" "current" {
                  count = 1
                }

                # why
                locals {
                  a = 1
                }
                """);
        assertThat(hcl).doesNotContain("\r").endsWith("}\n").doesNotEndWith("\n\n");
    }

    /** The renderer's claim is "byte-identical to terraform fmt": check it on a document using every construct. */
    @Test
    void render_everyConstruct_isAlreadyTerraformFmtFormatted(@TempDir Path dir) {
        String hcl = HclRenderer.render(new TerraformFile("all", List.of(
                Block.of("variable", "rules")
                        .attr("description", Expression.heredoc("Rules.\n\nMore.\n"))
                        .attr("type", TypeConstraint.map(TypeConstraint.object(
                                TypeConstraint.required("p", TypeConstraint.STRING),
                                TypeConstraint.optional("u", TypeConstraint.STRING),
                                TypeConstraint.optional("n", TypeConstraint.list(TypeConstraint.NUMBER), Expression.tuple()))))
                        .attr("default", Expression.object().build())
                        .attr("nullable", Expression.bool(false))
                        .block(new Validation(ref("alltrue([for k, r in var.rules : can(regex(\"^a\\\\.b$\", r.p))])"),
                                Expression.template("rule ${join(\", \", keys(var.rules))}: bad."), "x").toBlock())
                        .build(),
                Block.of("locals")
                        .attr("m", Expression.inlineObject().put("aws-cn", "x").put("ecr.api", ref("var.a")).build())
                        .attr("rules", Expression.forObject("k", "r", ref("var.rules"), ref("k"),
                                Expression.object().put("p", ref("trimspace(r.p)")).put("long_name", ref("r.u")).build(),
                                ref("r.p != \"\"")))
                        .attr("list", Expression.forTuple(null, "r", ref("values(var.rules)"), ref("r.p"), null))
                        .attr("policy", Expression.call("jsonencode", Expression.object()
                                .put("rules", Expression.call("concat",
                                        Expression.raw("var.x == null ? [] : %s", Expression.tupleMultiline(List.of(
                                                Expression.object().put("a", ref("1")).put("bbb", ref("2")).build()))),
                                        Expression.tupleMultiline(List.of(Expression.inlineObject().put("t", "e").build()))))
                                .build()))
                        .attr("x", ref("1"))
                        .attr("pattern", string("^a$"), "What the pattern matches.")
                        .attr("y", ref("2"))
                        .build(),
                Block.of("data", "aws_iam_policy_document", "this")
                        .block(Block.of("dynamic", "statement")
                                .attr("for_each", ref("local.list"))
                                .blank()
                                .block(Block.of("content").attr("sid", ref("statement.value")).attr("actions", Expression.stringList(List.of("ecr:A"))).build())
                                .build())
                        .build(),
                Block.of("check", "root").block(Block.of("assert").attr("condition", ref("true")).attr("error_message", string("m")).build()).build())),
                "header line");

        TerraformCli terraform = TerraformCli.find();
        ProcessResult formatted = terraform.runWithInput(dir, hcl, "fmt", "-").requireSuccess();

        assertThat(formatted.stdout()).as("terraform fmt output of the rendered document").isEqualTo(hcl);
    }
}
