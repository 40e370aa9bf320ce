package dev.pullthrough.parity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One model, three faces that agree: every input of {@link ParityCases} goes through the cdktf constructs (build and
 * synth), the generated modules ({@code terraform plan} with the real provider) and {@code pullthrough validate};
 * each face that can express the input must decide what the model decides, with the same message texts. A face that
 * cannot express an input says why in the table (never skipped silently). The table is printed and written to
 * {@code target/three-face-parity.txt}.
 */
class ThreeFaceParityTest {
    @TempDir
    Path tmp;

    @Test
    void everyCase_constructsModulesAndCli_decideTheSameWithTheSameMessages() throws IOException {
        List<ParityCase> cases = ParityCases.all();
        ModuleFace.Result modules = ModuleFace.decideAll(cases);
        Map<String, List<Decision>> table = new LinkedHashMap<>();
        for (ParityCase c : cases) {
            table.put(c.name(), List.of(ConstructFace.decide(c), modules.decisions().get(c.name()), CliFace.decide(c, tmp)));
        }
        String rendered = render(cases, table, modules.plans());
        System.out.println(rendered);
        Path out = Path.of(System.getProperty("pt.project.dir", System.getProperty("user.dir")), "target");
        Files.createDirectories(out);
        Files.writeString(out.resolve("three-face-parity.txt"), rendered);

        SoftAssertions soft = new SoftAssertions();
        for (ParityCase c : cases) {
            List<Decision> faces = table.get(c.name());
            assertThat(faces.get(1)).as("module decision of %s", c.name()).isNotNull();
            List<Decision> expressible = faces.stream().filter(Decision::expressible).toList();
            // A case only the module can express is compared with the model's own messages instead.
            soft.assertThat(expressible.size() + (c.modelMessages().isEmpty() ? 0 : 1))
                    .as("%s: faces that can express it (and the model's stated messages)", c.name()).isGreaterThanOrEqualTo(2);
            if (!c.modelMessages().isEmpty()) {
                soft.assertThat(faces.get(1).verdict()).as("%s: the module says what the model says", c.name())
                        .isEqualTo(Decision.refused(c.modelMessages(), "model").verdict());
            }
            for (Decision d : expressible) {
                soft.assertThat(d.kind() == Decision.Kind.ACCEPTED).as("%s: %s (%s)", c.name(), c.about(), d.cell())
                        .isEqualTo(c.accepted());
                soft.assertThat(d.verdict()).as("%s: every face decides as the module does", c.name())
                        .isEqualTo(faces.get(1).verdict());
            }
        }
        soft.assertAll();
    }

    private static String render(List<ParityCase> cases, Map<String, List<Decision>> table, int plans) {
        StringBuilder b = new StringBuilder("three-face parity table: case | constructs | modules | cli validate | model\n");
        int notExpressible = 0;
        int accepted = 0;
        for (ParityCase c : cases) {
            List<Decision> faces = table.get(c.name());
            List<String> cells = new ArrayList<>();
            faces.forEach(d -> cells.add(d.cell()));
            notExpressible += (int) faces.stream().filter(d -> !d.expressible()).count();
            accepted += c.accepted() ? 1 : 0;
            b.append(c.name()).append(" | ").append(String.join(" | ", cells)).append(" | ")
                    .append(c.accepted() ? "accept" : "refuse").append('\n');
            faces.stream().filter(d -> d.kind() == Decision.Kind.REFUSED).findFirst()
                    .ifPresent(d -> d.messages().forEach(m -> b.append("    ").append(m).append('\n')));
        }
        b.append(cases.size()).append(" cases (").append(accepted).append(" accepted, ")
                .append(cases.size() - accepted).append(" refused), ").append(3 * cases.size() - notExpressible)
                .append(" face decisions, ").append(notExpressible).append(" not expressible on a face; ")
                .append(plans).append(" terraform plans\n");
        return b.toString();
    }
}
