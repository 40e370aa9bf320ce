package dev.pullthrough.cdktf;

import com.hashicorp.cdktf.Annotations;
import dev.pullthrough.model.Problem;
import java.util.Collection;
import software.constructs.Construct;

/** Hands model warnings (e.g. ROOT breadth, raised once by the validation) to cdktf's annotations for `cdktf synth`. */
final class Warnings {
    private Warnings() {
    }

    static void annotate(Construct scope, Collection<Problem> warnings) {
        warnings.forEach(p -> Annotations.of(scope).addWarning(p.message()));
    }
}
