package dev.pullthrough.cdktf.example;

import com.hashicorp.cdktf.App;

/**
 * Entry point the top-level cdktf.json runs ({@code cdktf synth} from the project root): synthesizes
 * {@link ExampleStack} with its example settings into cdktf.out/stacks/pullthrough-example.
 */
public final class ExampleApp {
    public static final String STACK_NAME = "pullthrough-example";

    private ExampleApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        new ExampleStack(app, STACK_NAME, ExampleStack.Settings.example());
        app.synth();
    }
}
