package dev.pullthrough.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShareWithTest {
    static final RuleSet NAMED = RuleSet.of(PullThroughRule.builder("quay").ecrRepositoryPrefix("quay")
            .upstreamRegistryUrl("quay.io").build());

    @Test
    void problems_validIds_none() {
        ShareWith share = ShareWith.of(List.of("o-a1b2c3d4e5"),
                List.of("o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*", "o-a1b2c3d4e5/r-ab12/"), List.of("123456789012"));

        assertThat(share.problems(NAMED)).isEmpty();
    }

    @Test
    void problems_badOrganizationId_namesFieldIndexValueAndFix() {
        assertThat(ShareWith.of(List.of("o-a1b2c3d4e5", "o-short"), List.of(), List.of()).problems(NAMED))
                .containsExactly("share_with.organization_ids[1] = \"o-short\": is not an AWS Organizations id "
                        + "(\"o-\" and 10 to 32 lowercase letters or digits). Use the id shown by 'aws organizations "
                        + "describe-organization', e.g. \"o-a1b2c3d4e5\".");
    }

    @Test
    void problems_badPathAndAccount_oneLineEach() {
        List<String> problems = ShareWith.of(List.of(), List.of("ou-ab12-11111111"), List.of("12345"))
                .problems(NAMED);

        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).startsWith("share_with.organizational_unit_paths[0] = \"ou-ab12-11111111\"");
        assertThat(problems.get(1)).startsWith("share_with.account_ids[0] = \"12345\": is not an AWS account id");
    }

    @Test
    void problems_rootRule_refusedBecauseItWouldShareEveryRepository() {
        RuleSet root = RuleSet.of(PullThroughRule.builder("q").ecrRepositoryPrefix("ROOT")
                .upstreamRegistryUrl("quay.io").build());

        assertThat(ShareWith.of(List.of(), List.of(), List.of("123456789012")).problems(root))
                .singleElement().asString().startsWith("share_with: cannot share a cache that has a ROOT rule");
        assertThat(ShareWith.nobody().problems(root)).isEmpty();
    }

    @Test
    void constructor_trimsAndTreatsNullListsAsEmpty() {
        ShareWith share = new ShareWith(null, null, List.of(" 123456789012 "));

        assertThat(share.accountIds()).containsExactly("123456789012");
        assertThat(share.isNobody()).isFalse();
        assertThat(ShareWith.nobody().isNobody()).isTrue();
    }

    @Test
    void problems_sharedWithoutCreationTemplates_refusedBecauseOthersCouldNeverPull() {
        ShareWith share = ShareWith.of(List.of("o-a1b2c3d4e5"), List.of(), List.of());

        assertThat(share.problems(NAMED, false, v -> true)).containsExactly(ShareWith.NEEDS_TEMPLATES_PROBLEM);
        assertThat(ShareWith.nobody().problems(NAMED, false, v -> true)).isEmpty();
    }

    @Test
    void problems_entriesNotCheckable_skippedButIndicesOfTheOthersKept() {
        ShareWith share = ShareWith.of(List.of(), List.of(), List.of("${TfToken[TOKEN.1]}", "12345"));

        assertThat(share.problems(NAMED, true, v -> !v.startsWith("${"))).singleElement().asString()
                .startsWith("share_with.account_ids[1] = \"12345\"");
    }

    @Test
    void fieldMessage_takesInterpolationsForTheGeneratedValidation() {
        assertThat(ShareWith.Field.ACCOUNT_IDS.message("${index}", "${value}"))
                .startsWith("share_with.account_ids[${index}] = \"${value}\": is not an AWS account id");
    }
}
