#!/usr/bin/env python3
"""Benchmark py2rust against CPython and the hand-written Rust references.

Usage (from anywhere; paths are resolved from this file):

    python3 bench/run.py [-r N] [--net] [--no-build] [--no-hyperfine] [NAME ...]

See bench/README.md. Standard library only. Progress goes to stderr, the markdown report to
stdout. Not part of CI's pass/fail: a benchmark py2rust cannot build yet is reported as
"unsupported", and the script still exits 0 unless it was misused or nothing could be built at all.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("PY2RUST_SHARED") or (REPO.parent / "shared")).resolve()
BENCH = SHARED / "bench"
PY_DIR = BENCH / "py"
TARGET = REPO / "target"
REF_DIR = TARGET / "bench-ref"  # cargo --target-dir of shared/bench/rust
NET_DIR = TARGET / "bench-net"  # cargo --target-dir of shared/bench/rust-net
OUT_DIR = TARGET / "bench-py2rust"  # py2rust-built benchmark binaries
RESULTS_DIR = TARGET / "bench-results"  # hyperfine JSON exports, net_server.url
PY2RUST = TARGET / "release" / "py2rust"

# shared/bench/README.md, "Which reference to hold against": benchmark -> [(binary, label)].
# The first is the reference of the main row (and of the py2rust/reference ratio); further ones
# get a row of their own under it. Benchmarks not listed use the binary of the same name.
REFERENCES: dict[str, list[tuple[str, Optional[str]]]] = {
    "genexpr_sum": [("genexpr_sum_checked", None)],
    "iter_class": [("iter_class_checked", None)],
    "yield_from_tree": [("yield_from_tree_boxed", "naive recursive boxing"),
                        ("yield_from_tree", "explicit stack")],
    "cpu_pool_proc": [("cpu_pool", None)],
    "cpu_pool_thread": [("cpu_pool", None)],
    "net_aiohttp": [("net_aiohttp", "reqwest"), ("net_aiohttp_hyper", "hyper-util pooled client")],
    "net_requests_threads": [("net_requests_threads", "ureq, fresh connections"),
                             ("net_requests_threads_pooled", "ureq, one keep-alive Agent")],
}


def log(msg: str) -> None:
    print(f"[bench] {msg}", file=sys.stderr, flush=True)


def is_net(name: str) -> bool:
    return name.startswith("net_")


def ref_binary(bench: str, binary: str) -> Path:
    base = NET_DIR if is_net(bench) else REF_DIR
    return base / "release" / binary


def md_cell(text: str, limit: int = 160) -> str:
    """One line of text made safe for a markdown table cell."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text.replace("|", "\\|")


def first_message_line(out: str, py_path: Optional[Path] = None) -> str:
    """The most telling line of a failed py2rust build: its own `py2rust: error` line, else the
    first line naming an error or an unsupported construct, else the first non-empty line."""
    lines = [ln.strip() for ln in out.splitlines() if ln.strip()]
    if not lines:
        return "(no message)"
    pick = next((ln for ln in lines if ln.startswith("py2rust: error")), None)
    if pick is None:
        pick = next((ln for ln in lines if re.search(r"error|unsupported", ln, re.I)), lines[0])
    if py_path is not None:  # shorten `/long/path/to/NAME.py:14:17: ...` to `NAME.py:14:17: ...`
        for p in {str(py_path), os.path.relpath(py_path, REPO)}:
            pick = pick.replace(p, py_path.name)
    return pick


def last_message_line(out: str) -> str:
    """The most telling line of a failed run (a Python traceback's last line)."""
    lines = [ln.strip() for ln in out.splitlines() if ln.strip()]
    return lines[-1] if lines else "(no message)"


def cargo_build(args: list[str], what: str) -> tuple[bool, str]:
    """Run `cargo build ...` from the repo root, capturing its output. Returns (ok, tail)."""
    log(f"building {what}: cargo {' '.join(args)} (this can take minutes) ...")
    t0 = time.monotonic()
    try:
        p = subprocess.run(["cargo", *args], cwd=REPO, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True, errors="replace")
    except FileNotFoundError:
        return False, "cargo not found on PATH"
    dt = time.monotonic() - t0
    if p.returncode != 0:
        tail = "\n".join(p.stdout.splitlines()[-30:])
        log(f"building {what} FAILED (exit {p.returncode}, {dt:.0f} s); last lines:\n{tail}")
        errs = [ln for ln in p.stdout.splitlines() if ln.startswith("error")]
        return False, errs[0] if errs else last_message_line(p.stdout)
    log(f"built {what} in {dt:.0f} s")
    return True, ""


def real_python() -> str:
    """The interpreter itself, not a pyenv/asdf shim script (a shim adds ~0.2 s a run here)."""
    exe = os.environ.get("PYTHON") or shutil.which("python3") or sys.executable
    try:
        p = subprocess.run([exe, "-c", "import sys; print(sys.executable)"],
                           stdout=subprocess.PIPE, text=True, timeout=60)
        real = p.stdout.strip()
        if p.returncode == 0 and real and os.access(real, os.X_OK):
            return real
    except (OSError, subprocess.TimeoutExpired):
        pass
    return exe


@dataclass
class Cmd:
    key: str  # "cpython", "py2rust", "ref:BINARY"
    argv: list[str]
    ok: bool = False  # the check run exited 0
    stdout: str = ""
    error: str = ""  # why it could not be timed
    median: Optional[float] = None
    times: list[float] = field(default_factory=list)


@dataclass
class Result:
    name: str
    cpython: Cmd
    py2rust: Optional[Cmd]  # None: no binary (see py2rust_status)
    py2rust_status: str  # "" when built, else "unsupported: ..." / "n/a: ..."
    refs: list[tuple[str, Optional[str], Cmd]]  # (binary, label, cmd)
    timing: str = ""  # "hyperfine" or "self"


def check_run(cmd: Cmd, timeout: float) -> None:
    """One untimed run: records its stdout (for the output comparison) and whether it worked."""
    if not Path(cmd.argv[0]).exists():
        cmd.error = f"missing binary {os.path.relpath(cmd.argv[0], REPO)}"
        return
    try:
        p = subprocess.run(cmd.argv, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True, errors="replace", timeout=timeout)
    except subprocess.TimeoutExpired:
        cmd.error = f"timed out after {timeout:.0f} s"
        return
    except OSError as e:
        cmd.error = f"could not start: {e}"
        return
    cmd.stdout = p.stdout
    if p.returncode != 0:
        cmd.error = f"exit {p.returncode}: {last_message_line(p.stderr or p.stdout)}"
        return
    cmd.ok = True


def time_self(cmds: list[Cmd], runs: int, timeout: float) -> None:
    """Wall-clock medians, runs interleaved round-robin so drift on a noisy machine hits all alike
    (the check run before served as warm-up)."""
    for _ in range(runs):
        for c in cmds:
            if c.error:
                continue
            t0 = time.perf_counter()
            try:
                p = subprocess.run(c.argv, cwd=REPO, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, timeout=timeout)
            except subprocess.TimeoutExpired:
                c.error = f"timed out after {timeout:.0f} s"
                continue
            dt = time.perf_counter() - t0
            if p.returncode != 0:
                c.error = f"exit {p.returncode} in a timed run"
                continue
            c.times.append(dt)
    for c in cmds:
        if not c.error and c.times:
            c.median = statistics.median(c.times)


def time_hyperfine(hyperfine: str, name: str, cmds: list[Cmd], runs: int, timeout: float) -> bool:
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    export = RESULTS_DIR / f"{name}.json"
    argv = [hyperfine, "-N", "-w1", "-r", str(runs), "--export-json", str(export), "--style", "basic"]
    for c in cmds:
        argv += ["-n", c.key, " ".join(shlex.quote(a) for a in c.argv)]
    try:
        # hyperfine's own report goes to stderr, to keep stdout for the table
        p = subprocess.run(argv, cwd=REPO, stdout=sys.stderr, stderr=sys.stderr,
                           timeout=timeout * (runs + 1) * len(cmds) + 60)
    except (OSError, subprocess.TimeoutExpired) as e:
        log(f"hyperfine failed for {name} ({e}); timing it myself")
        return False
    if p.returncode != 0:
        log(f"hyperfine exited {p.returncode} for {name}; timing it myself")
        return False
    try:
        data = json.loads(export.read_text())
        by_name = {r["command"]: r for r in data["results"]}
        for c in cmds:
            r = by_name[c.key]
            c.times = [float(t) for t in r.get("times", [])]
            c.median = float(r["median"])
    except (OSError, ValueError, KeyError) as e:
        log(f"could not read {export} ({e}); timing it myself")
        return False
    return True


class NetServer:
    """The README's recipe: `net_server 0 > target/net_server.url &`, TEST_SERVER from its first line."""

    def __init__(self) -> None:
        self.proc: Optional[subprocess.Popen] = None

    def start(self) -> str:
        exe = NET_DIR / "release" / "net_server"
        if not exe.exists():
            return f"missing {os.path.relpath(exe, REPO)}"
        RESULTS_DIR.mkdir(parents=True, exist_ok=True)
        url_file = RESULTS_DIR / "net_server.url"
        with open(url_file, "w") as out:
            self.proc = subprocess.Popen([str(exe), "0"], cwd=REPO, stdout=out,
                                         stderr=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return f"net_server exited at once (exit {self.proc.returncode})"
            line = url_file.read_text().split("\n", 1)[0].strip()
            if line.startswith("http"):
                os.environ["TEST_SERVER"] = line
                log(f"net_server (pid {self.proc.pid}) at {line}; TEST_SERVER exported")
                return ""
            time.sleep(0.1)
        self.stop()
        return "net_server printed no URL within 15 s"

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        log(f"stopping net_server (pid {self.proc.pid})")
        self.proc.send_signal(signal.SIGTERM)  # by its PID only
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def fmt_t(t: Optional[float]) -> str:
    if t is None:
        return ""
    return f"{t:.4f}" if t < 10 else f"{t:.2f}"


def fmt_ratio(a: Optional[float], b: Optional[float]) -> str:
    if a is None or b is None or b <= 0:
        return ""
    r = a / b
    return f"{r:.2f}x" if r < 10 else f"{r:.1f}x" if r < 100 else f"{r:.0f}x"


def time_cell(c: Optional[Cmd], fallback: str = "n/a") -> str:
    if c is None:
        return fallback
    if c.median is not None:
        return fmt_t(c.median)
    return md_cell(f"failed: {c.error}" if c.error else fallback)


def git_describe() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=REPO,
                               text=True, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL).stdout.strip()
        return (head or "?") + (" (+ uncommitted changes)" if dirty else "")
    except OSError:
        return "?"


def report(results: list[Result], header: list[str], notes: list[str]) -> str:
    out = ["## py2rust benchmarks", ""]
    out += [f"- {h}" for h in header]
    out += ["", "| benchmark | CPython s | py2rust s | reference s | py2rust/reference | "
                "CPython/py2rust | output matches |",
            "|---|---:|---:|---:|---:|---:|---|"]
    for r in results:
        py = r.py2rust
        if py is None:
            py_cell = md_cell(r.py2rust_status)
        else:
            py_cell = time_cell(py)
        py_t = py.median if py is not None else None
        cp_t = r.cpython.median
        if py is None:
            match = "—"
        elif not r.cpython.ok:
            match = "? (CPython failed)"
        elif not py.ok:
            match = "**NO** (py2rust run failed)"
        elif py.stdout == r.cpython.stdout:
            match = "yes"
        else:
            match = "**NO** (stdout differs)"
        for i, (binary, label, c) in enumerate(r.refs):
            ref_cell = time_cell(c)
            if i == 0:
                name = r.name if binary == r.name else f"{r.name} (vs `{binary}`)"
                out.append(f"| {name} | {time_cell(r.cpython)} | {py_cell} | {ref_cell} | "
                           f"{fmt_ratio(py_t, c.median)} | {fmt_ratio(cp_t, py_t)} | {match} |")
            else:
                what = f"`{binary}`" + (f", {label}" if label else "")
                out.append(f"| ↳ {r.name} (vs {what}) |  |  | {ref_cell} | "
                           f"{fmt_ratio(py_t, c.median)} |  |  |")
    if notes:
        out += ["", "Notes:", ""] + [f"- {n}" for n in notes]
    return "\n".join(out) + "\n"


def main() -> int:
    all_names = sorted(p.stem for p in PY_DIR.glob("*.py")) if PY_DIR.is_dir() else []
    ap = argparse.ArgumentParser(
        description="Time CPython, py2rust's binary and the hand-written Rust reference side by "
                    "side; print a markdown table (stdout). See bench/README.md.")
    ap.add_argument("names", nargs="*", metavar="NAME",
                    help="benchmarks to run (default: all but net_*). Known: " + " ".join(all_names))
    ap.add_argument("-r", "--runs", type=int, default=5, help="timed runs per command (default 5, at least 3)")
    ap.add_argument("--net", action="store_true",
                    help="also run the net_* benchmarks (builds rust-net, starts net_server)")
    ap.add_argument("--no-build", action="store_true",
                    help="skip the cargo builds and py2rust builds; use the binaries already in target/")
    ap.add_argument("--no-hyperfine", action="store_true", help="time without hyperfine even if it is installed")
    ap.add_argument("--timeout", type=float, default=300, help="seconds allowed for one run (default 300)")
    ap.add_argument("--json", metavar="FILE", help="also write the raw results as JSON to FILE")
    args = ap.parse_args()

    if not all_names:
        log(f"no benchmark programs in {PY_DIR} (set PY2RUST_SHARED to the shared folder)")
        return 2
    unknown = [n for n in args.names if n not in all_names]
    if unknown:
        log(f"unknown benchmark(s): {' '.join(unknown)}; known: {' '.join(all_names)}")
        return 2
    if args.names:
        names = list(dict.fromkeys(args.names))
        if any(is_net(n) for n in names) and not args.net:
            log("a net_* benchmark was named: running the network recipe as with --net")
            args.net = True
    else:
        names = [n for n in all_names if args.net or not is_net(n)]
    runs = args.runs
    if runs < 3:
        log(f"-r {runs} is below the minimum: using 3 runs")
        runs = 3
    want_net = any(is_net(n) for n in names)
    notes: list[str] = []

    # 1. references
    ref_ok, net_ok = True, True
    if not args.no_build:
        if any(not is_net(n) for n in names):
            ref_ok, why = cargo_build(["build", "--release", "--manifest-path",
                                       str(BENCH / "rust" / "Cargo.toml"), "--target-dir", str(REF_DIR)],
                                      "the Rust references")
            if not ref_ok:
                notes.append(md_cell(f"the Rust references did not build: {why}", 300))
        if want_net:
            net_ok, why = cargo_build(["build", "--release", "--manifest-path",
                                       str(BENCH / "rust-net" / "Cargo.toml"), "--target-dir", str(NET_DIR)],
                                      "the network references and net_server")
            if not net_ok:
                notes.append(md_cell(f"rust-net did not build: {why}", 300))

    # 2. py2rust itself, then each benchmark program with it
    py2rust_ok = True
    if not args.no_build:
        py2rust_ok, why = cargo_build(["build", "--release", "-p", "py2rust"], "py2rust")
        if not py2rust_ok:
            notes.append(md_cell(f"py2rust itself did not build (`cargo build --release -p py2rust`): {why}", 300))
    if py2rust_ok and not PY2RUST.exists():
        py2rust_ok = False
        notes.append(f"no py2rust binary at {os.path.relpath(PY2RUST, REPO)}")
    py2rust_status: dict[str, str] = {}
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for n in names:
        out_bin = OUT_DIR / n
        py = PY_DIR / f"{n}.py"
        if not py2rust_ok:
            py2rust_status[n] = "n/a: py2rust did not build"
            continue
        if args.no_build:
            py2rust_status[n] = "" if out_bin.exists() else "n/a: not built (--no-build)"
            continue
        if out_bin.exists():
            out_bin.unlink()  # never time a stale binary from an earlier build
        log(f"py2rust build {n}.py ...")
        try:
            p = subprocess.run([str(PY2RUST), "build", str(py), "-o", str(out_bin)], cwd=REPO,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               errors="replace", timeout=max(args.timeout, 900))
            code, msg = p.returncode, p.stdout
        except subprocess.TimeoutExpired:
            code, msg = -1, "py2rust build timed out"
        if code == 0 and out_bin.exists():
            py2rust_status[n] = ""
        else:
            line = first_message_line(msg, py)
            if code == 0:
                line = "py2rust build exited 0 but wrote no binary"
            suffix = "" if code == 2 else f" (exit {code})"
            py2rust_status[n] = f"unsupported{suffix}: {line}"
            log(f"  {n}: {py2rust_status[n]}")

    # 3. run and time, one benchmark at a time, its commands side by side
    python = real_python()
    hyperfine = None if args.no_hyperfine else shutil.which("hyperfine")
    server = NetServer()
    results: list[Result] = []

    def on_term(signum, frame):  # a plain `kill` of this script still stops net_server
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_term)
    try:
        if want_net:
            why = server.start()  # if rust-net did not build, the net_* rows say what is missing
            if why:
                notes.append(md_cell(f"net_server not started: {why}", 300))
        for n in names:
            log(f"running {n} ...")
            cp = Cmd("cpython", [python, str(PY_DIR / f"{n}.py")])
            pyc = None if py2rust_status[n] else Cmd("py2rust", [str(OUT_DIR / n)])
            refs = [(b, label, Cmd(f"ref:{b}", [str(ref_binary(n, b))]))
                    for b, label in REFERENCES.get(n, [(n, None)])]
            cmds = [cp] + ([pyc] if pyc else []) + [c for _, _, c in refs]
            for c in cmds:
                check_run(c, args.timeout)
                if c.error:
                    log(f"  {c.key}: {c.error}")
            for b, _, c in refs:
                if c.ok and cp.ok and c.stdout != cp.stdout:
                    notes.append(md_cell(f"{n}: reference `{b}` prints something else than CPython: "
                                         f"{c.stdout.strip()!r} vs {cp.stdout.strip()!r}", 400))
            timed = [c for c in cmds if c.ok]
            res = Result(n, cp, pyc, py2rust_status[n], refs)
            if timed:
                if hyperfine and time_hyperfine(hyperfine, n, timed, runs, args.timeout):
                    res.timing = "hyperfine"
                else:
                    time_self(timed, runs, args.timeout)
                    res.timing = "self"
            results.append(res)
    except KeyboardInterrupt:
        log("interrupted; reporting what was measured")
    finally:
        server.stop()

    # 4. report
    methods = sorted({r.timing for r in results if r.timing})
    how = {"hyperfine": f"hyperfine -N -w1 -r {runs}",
           "self": f"own timer, wall clock, {runs} runs interleaved after one untimed check run"}
    header = [
        f"py2rust: {git_describe()}; shared: {os.path.relpath(SHARED, REPO)}",
        f"CPython: {python}; timing: {', '.join(how[m] for m in methods) or 'nothing timed'}; "
        f"{os.cpu_count()} cores",
        "times are medians in seconds; ratios: py2rust/reference (lower is better, 1.00x = the "
        "hand-written Rust), CPython/py2rust (py2rust's speed-up over CPython)",
    ]
    sys.stdout.write(report(results, header, notes))
    sys.stdout.flush()

    if args.json:
        def cmd_json(c: Optional[Cmd]) -> Optional[dict]:
            if c is None:
                return None
            return {"argv": c.argv, "ok": c.ok, "error": c.error, "median": c.median,
                    "times": c.times, "stdout": c.stdout}
        data = [{"name": r.name, "timing": r.timing, "cpython": cmd_json(r.cpython),
                 "py2rust": cmd_json(r.py2rust), "py2rust_status": r.py2rust_status,
                 "references": [{"binary": b, "label": lb, **(cmd_json(c) or {})} for b, lb, c in r.refs]}
                for r in results]
        Path(args.json).write_text(json.dumps({"runs": runs, "benchmarks": data}, indent=2) + "\n")
        log(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
