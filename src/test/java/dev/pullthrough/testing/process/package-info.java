/**
 * The test code's one way to run an external command to completion: {@link dev.pullthrough.testing.process.ProcessRunner}
 * (environment inherited or exact, working directory, stdin, timeout that kills the whole process tree, both streams
 * drained on their own threads) and its {@link dev.pullthrough.testing.process.ProcessResult}. The docker, terraform
 * and cdktf harnesses and the tests that run scripts or CLIs all use it. Long-running daemons a test starts and stops
 * itself (dockerd, registries, the fake dockerd) are started with {@code ProcessBuilder} where they are managed, and
 * stopped with {@link dev.pullthrough.testing.process.ProcessRunner#stop}.
 */
package dev.pullthrough.testing.process;
