package dev.pullthrough.testing.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PlanNormalizerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TerraformPlan plan(String json) {
        return TerraformPlan.parse("t", json.replace('\'', '"'));
    }

    @Test
    void normalize_reorderedResourcesKeysAndEmbeddedJson_equal() {
        TerraformPlan a = plan("""
                {'format_version':'1.2','timestamp':'2026-01-01T00:00:00Z','resource_changes':[
                  {'address':'a.x','change':{'actions':['create'],'after':{'policy':'{\\"Version\\":\\"1\\",\\"Statement\\":[]}','n':1}}},
                  {'address':'b.y','change':{'actions':['create'],'after':{}}}]}""");
        TerraformPlan b = plan("""
                {'timestamp':'2026-02-02T00:00:00Z','format_version':'1.2','resource_changes':[
                  {'change':{'after':{},'actions':['create']},'address':'b.y'},
                  {'address':'a.x','change':{'actions':['create'],'after':{'n':1,'policy':'{\\"Statement\\":[],\\"Version\\":\\"1\\"}'}}}]}""");
        assertThat(PlanNormalizer.normalize(a)).isEqualTo(PlanNormalizer.normalize(b));
    }

    @Test
    void normalize_listOrderWithoutAddresses_kept() {
        // Ordinary list order is meaning (e.g. policy statements), not noise.
        TerraformPlan a = plan("{'format_version':'1.2','variables':{'v':{'value':['x','y']}}}");
        TerraformPlan b = plan("{'format_version':'1.2','variables':{'v':{'value':['y','x']}}}");
        assertThat(PlanNormalizer.normalize(a)).isNotEqualTo(PlanNormalizer.normalize(b));
    }

    @Test
    void differences_changedAttribute_reportsPathAndBothValues() {
        TerraformPlan a = plan("{'format_version':'1.2','resource_changes':[{'address':'r.x','change':{'after':{'name':'one'}}}]}");
        TerraformPlan b = plan("{'format_version':'1.2','resource_changes':[{'address':'r.x','change':{'after':{'name':'two'}}}]}");
        assertThat(PlanNormalizer.differences(PlanNormalizer.normalize(a), PlanNormalizer.normalize(b), "hcl", "json", 10))
                .containsExactly("/resource_changes/r.x/change/after/name: hcl=\"one\" json=\"two\"");
    }

    @Test
    void moduleCallView_twoCallsOfSameModule_equalAfterRelativizing() throws Exception {
        String json = """
                {'format_version':'1.2',
                 'resource_changes':[
                   {'address':'module.hcl_s.aws_x.this[0]','module_address':'module.hcl_s','change':{'after':{'a':1}}},
                   {'address':'module.json_s.aws_x.this[0]','module_address':'module.json_s','change':{'after':{'a':1}}}],
                 'planned_values':{'root_module':{'child_modules':[
                   {'address':'module.json_s','resources':[{'address':'module.json_s.aws_x.this[0]','values':{'a':1}}]},
                   {'address':'module.hcl_s','resources':[{'address':'module.hcl_s.aws_x.this[0]','values':{'a':1}}]}]}},
                 'checks':[{'address':{'kind':'check','module':'module.hcl_s','to_display':'module.hcl_s.check.c'},'status':'pass'},
                           {'address':{'kind':'check','module':'module.json_s','to_display':'module.json_s.check.c'},'status':'pass'}],
                 'output_changes':{'hcl_s':{'after':{'o':'v'},'after_unknown':{'arn':true}},
                                   'json_s':{'after':{'o':'v'},'after_unknown':{'arn':true}}}}""";
        TerraformPlan p = plan(json);
        JsonNode hcl = PlanNormalizer.moduleCallView(p, "hcl_s", "hcl_s");
        JsonNode js = PlanNormalizer.moduleCallView(p, "json_s", "json_s");
        assertThat(hcl).isEqualTo(js);
        assertThat(hcl.path("resource_changes").has("aws_x.this[0]")).isTrue();
        assertThat(hcl.path("checks").path("check.c").path("address").path("module").asText()).isEqualTo("module.<call>");
    }

    @Test
    void moduleCallView_outputDiffers_detected() {
        TerraformPlan p = plan("""
                {'format_version':'1.2','output_changes':{'hcl_s':{'after':{'o':'v'}},'json_s':{'after':{'o':'w'}}}}""");
        assertThat(PlanNormalizer.differences(PlanNormalizer.moduleCallView(p, "hcl_s", "hcl_s"),
                PlanNormalizer.moduleCallView(p, "json_s", "json_s"), "hcl", "json", 5))
                .containsExactly("/output/after/o: hcl=\"v\" json=\"w\"");
    }

    @Test
    void canonical_nonJsonBraceString_leftAlone() throws Exception {
        JsonNode node = JSON.readTree("{\"s\":\"{not json}\"}");
        assertThat(PlanNormalizer.canonical(node).path("s").asText()).isEqualTo("{not json}");
    }
}
