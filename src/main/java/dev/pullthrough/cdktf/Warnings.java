package dev.pullthrough.cdktf;

import com.hashicorp.cdktf.Annotations;
import dev.pullthrough.model.Problem;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import software.constructs.Construct;

/** Hands model warnings (e.g. ROOT breadth) to cdktf's annotations, once each, so `cdktf synth` prints them. */
final class Warnings {
    private Warnings() {
    }

    static void annotate(Construct scope, Collection<Problem> warnings) {
        Set<String> messages = new LinkedHashSet<>();
        warnings.forEach(p -> messages.add(p.message()));
        messages.forEach(m -> Annotations.of(scope).addWarning(m));
    }
}
