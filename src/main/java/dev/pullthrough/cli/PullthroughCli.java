package dev.pullthrough.cli;

public final class PullthroughCli {
    public static void main(String[] args) {
        System.out.println("pullthrough");
    }
}
