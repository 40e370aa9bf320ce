package dev.pullthrough.cli.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpansionTest {
    private static final Map<String, String> VARS = new HashMap<>();

    static {
        VARS.put("TAG", "22");
        VARS.put("EMPTY", "");
        VARS.put("DECLARED", null);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "node:$TAG|node:22",
        "node:${TAG}-slim|node:22-slim",
        "node:${MISSING:-20}|node:20",
        "node:${EMPTY:-20}|node:20",
        "node:${EMPTY-20}|node:",
        "node:${DECLARED:-18}|node:18",
        "node${TAG:+:lts}|node:lts",
        "node${MISSING:+:lts}|node",
        "price $$5|price $5",
    })
    void expand_knownValuesAndDefaults_resolved(String input, String expected) {
        assertThat(Expansion.expand(input, VARS).text()).contains(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "$BASE|no value for $BASE",
        "${REGISTRY}/app|no value for ${REGISTRY}",
        "node:${DECLARED}|no value for ${DECLARED}",
        "node:${TAG|unterminated",
    })
    void expand_unknownValue_unresolvedNamingIt(String input, String why) {
        Expansion e = Expansion.expand(input, VARS);

        assertThat(e.isResolved()).isFalse();
        assertThat(e.unresolved().orElseThrow()).contains(why);
    }
}
