package dev.pullthrough.testing.terraform;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicySemanticsTest {
    @Test
    void canonical_singleStringVersusListAndReorderedSets_equal() {
        String terraform = """
                {"Version":"2012-10-17","Statement":[
                  {"Sid":"Pull","Effect":"Allow","Action":["ecr:GetDownloadUrlForLayer","ecr:BatchGetImage"],
                   "Resource":"arn:aws:ecr:us-east-1:123456789012:repository/docker-hub/*"},
                  {"Sid":"Auth","Effect":"Allow","Action":"ecr:GetAuthorizationToken","Resource":"*"}]}""";
        String java = """
                {"Version":"2012-10-17","Statement":[
                  {"Sid":"Auth","Effect":"Allow","Action":"ecr:GetAuthorizationToken","Resource":["*"]},
                  {"Effect":"Allow","Sid":"Pull","Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"],
                   "Resource":["arn:aws:ecr:us-east-1:123456789012:repository/docker-hub/*"]}]}""";
        PolicySemantics.assertEquivalent("t", java, terraform);
    }

    @Test
    void assertEquivalent_extraResource_fails() {
        String a = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"P\",\"Effect\":\"Allow\",\"Action\":\"ecr:BatchGetImage\",\"Resource\":\"arn:1\"}]}";
        String b = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"P\",\"Effect\":\"Allow\",\"Action\":\"ecr:BatchGetImage\",\"Resource\":[\"arn:1\",\"arn:2\"]}]}";
        assertThatThrownBy(() -> PolicySemantics.assertEquivalent("access module, rules 'two'", a, b))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("access module, rules 'two'").hasMessageContaining("arn:2");
    }

    @Test
    void canonical_differentSid_notEqual() {
        assertThat(PolicySemantics.canonical("{\"Statement\":[{\"Sid\":\"A\",\"Action\":\"x\"}]}"))
                .isNotEqualTo(PolicySemantics.canonical("{\"Statement\":[{\"Sid\":\"B\",\"Action\":\"x\"}]}"));
    }

    @Test
    void grantsBySid_mixedForms_setsPerSid() {
        var grants = PolicySemantics.grantsBySid("""
                {"Statement":[{"Sid":"Pull","Effect":"Allow","Action":["b","a"],"Resource":"r"},{"Effect":"Deny","Action":"x","Resource":"*"}]}""");
        assertThat(grants.get("Pull").actions()).containsExactly("a", "b");
        assertThat(grants.get("Pull").resources()).containsExactly("r");
        assertThat(grants.get("#1").effect()).isEqualTo("Deny");
    }

    @Test
    void canonical_principalsAndConditionValues_comparedAsSets() {
        String java = "{\"Statement\":{\"Sid\":\"S\",\"Principal\":{\"AWS\":\"*\"},"
                + "\"Condition\":{\"StringEquals\":{\"aws:PrincipalOrgID\":[\"o-b\",\"o-a\"]}}}}";
        String terraform = "{\"Statement\":[{\"Sid\":\"S\",\"Principal\":{\"AWS\":[\"*\"]},"
                + "\"Condition\":{\"StringEquals\":{\"aws:PrincipalOrgID\":[\"o-a\",\"o-b\"]}}}]}";

        assertThat(PolicySemantics.canonical(java)).isEqualTo(PolicySemantics.canonical(terraform));
        assertThat(PolicySemantics.canonical(java)).isNotEqualTo(PolicySemantics.canonical(
                terraform.replace("o-b", "o-c")));
    }
}
