#!/usr/bin/env python3
"""Whole-process measurements for the Pullthrough benchmarks (standard library only).

  measure.py run RESULTS LABEL [--cwd DIR] [--env K=V ...] -- CMD ...
      Runs CMD once under /usr/bin/time -v and appends one JSON line to RESULTS:
        wall_s       wall time of the whole process tree (monotonic clock around fork .. wait)
        tree_rss_kb  peak of the summed RSS of CMD and all its descendants, sampled every 5 ms
                     (a Java CLI and the Node child jsii starts count together)
        hwm_sum_kb   sum over every process seen in the tree of its own peak RSS (VmHWM): an upper bound
        time_max_kb  /usr/bin/time's "Maximum resident set size": the largest single waited-for process only
        cpu_s        user + system CPU seconds of CMD and its waited-for descendants (/usr/bin/time): less sensitive
                     than wall time to other load on the machine (detached processes are not counted)
        rc           exit status
      CMD's stdout/stderr go to RESULTS.log. A non-zero exit is recorded and makes `run` exit 1.

  measure.py summary RESULTS [--pair A B ...] [--markdown]
      Per label: runs, median, min and max of wall and tree RSS. For each pair, the ratio A/B taken run by run
      (run i of A with run i of B, measured back to back), as median [min-max].

/usr/bin/time reports ru_maxrss of the waited-for children, which is the maximum of single processes, not their
sum: with a JVM and a Node child it under-reports. The sampler closes that gap; both figures are kept.
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time

SAMPLE_INTERVAL_S = 0.005


def descendants(root):
    """All pids below root (children of every thread), breadth first."""
    seen, frontier = [], [root]
    while frontier:
        pid = frontier.pop()
        try:
            tasks = os.listdir(f"/proc/{pid}/task")
        except OSError:
            continue
        for tid in tasks:
            try:
                with open(f"/proc/{pid}/task/{tid}/children") as f:
                    for child in f.read().split():
                        c = int(child)
                        if c not in seen:
                            seen.append(c)
                            frontier.append(c)
            except OSError:
                pass
    return seen


def status_kb(pid):
    """(VmRSS, VmHWM) in kB, or None when the process is gone (or a zombie without memory)."""
    try:
        with open(f"/proc/{pid}/status") as f:
            rss = hwm = None
            for line in f:
                if line.startswith("VmRSS:"):
                    rss = int(line.split()[1])
                elif line.startswith("VmHWM:"):
                    hwm = int(line.split()[1])
            return None if rss is None else (rss, hwm or rss)
    except OSError:
        return None


class TreeSampler(threading.Thread):
    def __init__(self, root_pid):
        super().__init__(daemon=True)
        self.root = root_pid
        self.peak_sum = 0
        self.hwm = {}
        self.stop_flag = threading.Event()

    def run(self):
        while not self.stop_flag.is_set():
            total = 0
            # The root is /usr/bin/time itself (a few hundred kB): measure only what it runs.
            for pid in descendants(self.root):
                s = status_kb(pid)
                if s is None:
                    continue
                total += s[0]
                self.hwm[pid] = max(self.hwm.get(pid, 0), s[1])
            self.peak_sum = max(self.peak_sum, total)
            self.stop_flag.wait(SAMPLE_INTERVAL_S)


def cmd_run(argv):
    results, label = argv[0], argv[1]
    rest = argv[2:]
    cwd, env = None, dict(os.environ)
    while rest and rest[0] != "--":
        opt = rest.pop(0)
        if opt == "--cwd":
            cwd = rest.pop(0)
        elif opt == "--env":
            k, _, v = rest.pop(0).partition("=")
            env[k] = v
        else:
            sys.exit(f"measure.py: unknown option {opt}")
    if not rest:
        sys.exit("measure.py run: missing -- CMD")
    cmd = rest[1:]
    fd, time_out = tempfile.mkstemp(prefix="pt-time-")
    os.close(fd)
    with open(results + ".log", "ab") as log:
        log.write(f"\n=== {label}: {' '.join(cmd)}\n".encode())
        log.flush()
        start = time.monotonic()
        proc = subprocess.Popen(["/usr/bin/time", "-v", "-o", time_out] + cmd, cwd=cwd, env=env,
                                stdout=log, stderr=log, stdin=subprocess.DEVNULL)
        sampler = TreeSampler(proc.pid)
        sampler.start()
        rc = proc.wait()
        wall = time.monotonic() - start
        sampler.stop_flag.set()
        sampler.join()
    time_max, cpu = None, 0.0
    with open(time_out) as f:
        for line in f:
            if "User time (seconds)" in line or "System time (seconds)" in line:
                cpu += float(line.rsplit(":", 1)[1])
            if "Maximum resident set size" in line:
                time_max = int(line.rsplit(":", 1)[1])
            if "Exit status" in line:
                rc = int(line.rsplit(":", 1)[1])
    os.unlink(time_out)
    record = {"label": label, "wall_s": round(wall, 4), "tree_rss_kb": sampler.peak_sum,
              "hwm_sum_kb": sum(sampler.hwm.values()), "processes": len(sampler.hwm),
              "time_max_kb": time_max, "cpu_s": round(cpu, 3), "rc": rc}
    with open(results, "a") as f:
        f.write(json.dumps(record) + "\n")
    print(f"  {label:<28} {wall:7.3f} s  cpu {cpu:6.2f} s  tree RSS {sampler.peak_sum / 1024:7.1f} MiB"
          f"  (largest process {0 if time_max is None else time_max / 1024:.1f} MiB)  rc={rc}", file=sys.stderr)
    return 0 if rc == 0 else 1


def load(results):
    rows = []
    with open(results) as f:
        for line in f:
            line = line.strip()
            if line:
                rows.append(json.loads(line))
    return rows


def fmt(values, unit, scale=1.0, digits=3):
    vals = [v * scale for v in values]
    return (f"{statistics.median(vals):.{digits}f} {unit} [{min(vals):.{digits}f}-{max(vals):.{digits}f}]")


def cmd_summary(argv):
    results = argv[0]
    pairs, markdown, i = [], False, 1
    while i < len(argv):
        if argv[i] == "--pair":
            pairs.append((argv[i + 1], argv[i + 2]))
            i += 3
        elif argv[i] == "--markdown":
            markdown = True
            i += 1
        else:
            sys.exit(f"measure.py summary: unknown option {argv[i]}")
    rows = load(results)
    by_label = {}
    for r in rows:
        by_label.setdefault(r["label"], []).append(r)
    failed = [r for r in rows if r["rc"] != 0]
    if markdown:
        print("| run | n | wall median [min-max] | CPU user+sys median | peak RSS of the process tree, median [min-max] | largest single process (time -v) |")
        print("|---|---|---|---|---|---|")
    for label, rs in by_label.items():
        ok = [r for r in rs if r["rc"] == 0]
        if not ok:
            print(f"{label}: every run failed")
            continue
        wall = fmt([r["wall_s"] for r in ok], "s", digits=2 if markdown else 3)
        rss = fmt([r["tree_rss_kb"] for r in ok], "MiB", 1 / 1024, 0)
        tmax = fmt([r["time_max_kb"] or 0 for r in ok], "MiB", 1 / 1024, 0)
        cpu = f'{statistics.median(r.get("cpu_s", 0) for r in ok):.2f} s'
        if markdown:
            print(f"| {label} | {len(ok)} | {wall} | {cpu} | {rss} | {tmax} |")
        else:
            print(f"{label:<28} n={len(ok):<3} wall {wall:<28} cpu {cpu:<8} tree RSS {rss:<24} largest {tmax}")
    for a, b in pairs:
        ra = [r for r in by_label.get(a, []) if r["rc"] == 0]
        rb = [r for r in by_label.get(b, []) if r["rc"] == 0]
        n = min(len(ra), len(rb))
        if n == 0:
            print(f"ratio {a}/{b}: no paired runs")
            continue
        wall = [ra[k]["wall_s"] / rb[k]["wall_s"] for k in range(n)]
        rss = [ra[k]["tree_rss_kb"] / rb[k]["tree_rss_kb"] for k in range(n) if rb[k]["tree_rss_kb"]]
        line = f"ratio {a} / {b} (n={n}, paired): wall {fmt(wall, 'x')}"
        if rss:
            line += f", tree RSS {fmt(rss, 'x')}"
        print(("- " if markdown else "") + line)
    if failed:
        print(f"FAILED runs: {len(failed)} (see {results}.log)")
        return 1
    return 0


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    verb, argv = sys.argv[1], sys.argv[2:]
    if verb == "run":
        return cmd_run(argv)
    if verb == "summary":
        return cmd_summary(argv)
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main())
