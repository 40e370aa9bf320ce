package dev.pullthrough.bench.baseline;

import com.hashicorp.cdktf.App;
import com.hashicorp.cdktf.AppConfig;

/**
 * The benchmark baseline: the four Pullthrough modules written as a cdktf app on the prebuilt cdktf-provider-aws
 * 18.0.3 bindings, the way a platform team would without Pullthrough.
 *
 * <p>Usage: {@code BaselineApp OUTDIR [RULES]}. Without RULES (or 0) the cache stack is generic like the generated
 * module ({@code for_each} over a {@code rules} variable); with RULES = N it declares N concrete rules, like a
 * platform repo's stack built with the Pullthrough constructs.
 */
public final class BaselineApp {
    private BaselineApp() {
    }

    public static void main(String[] args) {
        String outdir = args.length > 0 ? args[0] : "cdktf.out";
        int rules = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        App app = new App(AppConfig.builder().outdir(outdir).build());
        new CacheStack(app, "ecr-pull-through-cache", rules);
        new AccessStack(app, "ecr-pull-through-access");
        new RunnerStack(app, "runner-ecr-pull-through");
        new EndpointsStack(app, "ecr-private-endpoints");
        app.synth();
    }
}
