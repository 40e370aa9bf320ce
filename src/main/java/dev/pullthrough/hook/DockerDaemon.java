package dev.pullthrough.hook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The local dockerd, found through its pid file. It re-reads {@code registry-mirrors} on SIGHUP (same process, no
 * restart, running containers untouched). The JDK cannot send SIGHUP, so this runs {@code kill -s HUP <pid>}.
 */
public final class DockerDaemon {
    static final String NAME = "dockerd";
    private static final String DELETED = " (deleted)";
    private static final Duration START_SLACK = Duration.ofSeconds(2);
    /** How long a reload may take to read the config before the hook goes on without seeing it. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(15);
    /** The wait after a reload when reads cannot be seen ({@code noatime}). */
    static final Duration UNTRACKED_READ_WAIT = Duration.ofSeconds(3);

    private final Path pidFile;

    public DockerDaemon(Path pidFile) {
        this.pidFile = pidFile;
    }

    public Path pidFile() {
        return pidFile;
    }

    /**
     * The running daemon's pid; fails when the pid file is missing, names no live process, or names a process that is
     * not the dockerd that wrote it.
     */
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
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (pid <= 1 || process.isEmpty()) {
            throw new HookException("dockerd is not running (pid " + pid + " from " + pidFile + " is not alive)");
        }
        verifyIsDockerd(pid, process.get());
        return pid;
    }

    /**
     * A pid file outlives its daemon (a crash, a stop that did not clean up) and its pid is then reused by any other
     * process: signalling that one would kill it (SIGHUP's default action). So before any signal the process must be
     * dockerd by name ({@code /proc/<pid>/comm}, or the executable's file name) and must have been started before the
     * pid file was last written (dockerd writes it after it starts; a later process got a reused pid).
     *
     * <p>Not checked: which socket the process serves. The hook talks to no dockerd socket (it edits daemon.json and
     * signals the pid), so it has no socket path to compare with; finding a socket's owner would also need another
     * user's {@code /proc/<pid>/fd}. Name and start time are what tell a live dockerd from a recycled pid.
     */
    private void verifyIsDockerd(long pid, ProcessHandle process) throws HookException {
        Path proc = Path.of("/proc", Long.toString(pid));
        String comm = readProc(proc.resolve("comm")).orElse("?");
        Optional<String> exe = executable(proc);
        boolean named = NAME.equals(comm) || exe.map(e -> Path.of(e).getFileName().toString().equals(NAME)).orElse(false);
        String what = "\"" + comm + "\"" + exe.map(e -> " (" + e + ")").orElse("");
        if (!named) {
            throw new HookException("dockerd pid file " + pidFile + " names pid " + pid + ", which is " + what
                    + ", not dockerd: the pid file is stale (dockerd is not running or writes another pid file;"
                    + " see --docker-pid-file); no signal was sent");
        }
        Optional<Instant> started = process.info().startInstant();
        Optional<Instant> written = modified(pidFile);
        // The start time derives from the boot time, which /proc gives in whole seconds: allow for that.
        if (started.isPresent() && written.isPresent() && started.get().isAfter(written.get().plus(START_SLACK))) {
            throw new HookException("dockerd pid file " + pidFile + " (written " + written.get() + ") names pid " + pid
                    + ", a " + what + " started later (" + started.get() + "): the pid file is stale;"
                    + " no signal was sent");
        }
    }

    private static Optional<String> readProc(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> executable(Path proc) {
        try {
            String target = Files.readSymbolicLink(proc.resolve("exe")).toString();
            // A binary replaced by a package upgrade while running shows as "/usr/bin/dockerd (deleted)".
            return Optional.of(target.endsWith(DELETED) ? target.substring(0, target.length() - DELETED.length()) : target);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty(); // another user's process, without root: comm decides
        }
    }

    private static Optional<Instant> modified(Path file) {
        try {
            return Optional.of(Files.getLastModifiedTime(file).toInstant());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Sends SIGHUP and waits until the daemon has read {@code configFile}. Before the signal the file's access time is
     * set a second before its modification time; a read moves it to the present (relatime and strictatime mounts), so
     * the read shows however soon it comes. That is waited for up to {@link #READ_TIMEOUT} (a daemon on a loaded
     * machine may take seconds). On a {@code noatime} mount no read ever shows: the wait is then a fixed
     * {@link #UNTRACKED_READ_WAIT}.
     *
     * @return whether the read was seen
     */
    public boolean reloadAndAwaitRead(Path configFile) throws HookException {
        boolean tracked = AccessTimes.tracked(configFile);
        FileTime sentinel = null;
        try {
            BasicFileAttributeView view = Files.getFileAttributeView(configFile, BasicFileAttributeView.class);
            sentinel = FileTime.from(view.readAttributes().lastModifiedTime().toInstant().minusSeconds(1));
            view.setTimes(null, sentinel, null);
        } catch (IOException e) {
            tracked = false;
        }
        reload();
        Instant deadline = Instant.now().plus(tracked ? READ_TIMEOUT : UNTRACKED_READ_WAIT);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (tracked && Files.readAttributes(configFile, BasicFileAttributes.class).lastAccessTime()
                        .compareTo(sentinel) > 0) {
                    return true;
                }
                Thread.sleep(5); // there is no event for "a file was read" that the JDK can wait on
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
