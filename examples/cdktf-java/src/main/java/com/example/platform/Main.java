package com.example.platform;

import com.hashicorp.cdktf.App;

/** The app `cdktf synth` runs: one stack for the CI runners' image cache. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        App app = new App();
        new RunnerCacheStack(app, "ci-runner-cache");
        app.synth();
    }
}
