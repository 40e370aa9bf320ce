package dev.pullthrough.hook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The local dockerd, found through its pid file. It re-reads {@code registry-mirrors} on SIGHUP (same process, no
 * restart, running containers untouched). The JDK cannot send SIGHUP, so this runs {@code kill -s HUP <pid>}.
 */
public final class DockerDaemon {
    private final Path pidFile;

    public DockerDaemon(Path pidFile) {
        this.pidFile = pidFile;
    }

    public Path pidFile() {
        return pidFile;
    }

    /** The running daemon's pid; fails when the pid file is missing or names no live process. */
    public long runningPid() throws HookException {
        String text;
        try {
            text = Files.readString(pidFile, StandardCharsets.US_ASCII).trim();
        } catch (NoSuchFileException e) {
            throw new HookException("dockerd is not running (no pid file " + pidFile + ")");
        } catch (IOException e) {
            throw new HookException("cannot read dockerd pid file " + pidFile + ": " + e.getMessage());
        }
        long pid;
        try {
            pid = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new HookException("dockerd pid file " + pidFile + " does not hold a pid");
        }
        if (pid <= 1 || !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            throw new HookException("dockerd is not running (pid " + pid + " from " + pidFile + " is not alive)");
        }
        return pid;
    }

    /**
     * Sends SIGHUP and waits until the daemon has read {@code configFile}: the file was just written (atime = mtime),
     * and reading it moves its access time past its modification time (relatime and strictatime mounts). On a
     * noatime mount that never shows, and the wait ends after {@code timeout}.
     *
     * @return whether the read was seen
     */
    public boolean reloadAndAwaitRead(Path configFile, java.time.Duration timeout) throws HookException {
        reload();
        java.time.Instant deadline = java.time.Instant.now().plus(timeout);
        while (java.time.Instant.now().isBefore(deadline)) {
            try {
                java.nio.file.attribute.BasicFileAttributes a =
                        Files.readAttributes(configFile, java.nio.file.attribute.BasicFileAttributes.class);
                if (a.lastAccessTime().compareTo(a.lastModifiedTime()) > 0) {
                    return true;
                }
                Thread.sleep(5);
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** Sends SIGHUP so the daemon reloads its configuration file. */
    public void reload() throws HookException {
        long pid = runningPid();
        try {
            Process kill = new ProcessBuilder("kill", "-s", "HUP", Long.toString(pid))
                    .redirectErrorStream(true).start();
            String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new HookException("could not send SIGHUP to dockerd (pid " + pid + "): " + output);
            }
        } catch (IOException e) {
            throw new HookException("could not run kill to reload dockerd: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HookException("interrupted while reloading dockerd", e);
        }
    }
}
