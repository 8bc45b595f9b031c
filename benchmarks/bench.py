"""Time claimlint against grep (and proselint, when installed) on a generated corpus, in one
run, so that the ratios are visible; print every figure the performance issue asks for.

    python benchmarks/bench.py [--files 2000] [--size-kb 10] [--workdir /tmp/claimlint-bench]
                               [--scale 4] [--memory-mb 80] [--jobs 0] [--peers] [--profile]

Sections (each prints its target beside its figure):
  corpus   claimlint with the full default rulesets (no cache) vs `grep -r -c -i -E -f
           benchmarks/grep-patterns.txt`, and proselint's default checks with --peers
  one file one ~7 kB article, start to finish, vs `python -c "import click, regex"`
  growth   the same for a corpus --scale times larger (--scale 0 skips it)
  memory   peak resident memory on a corpus of --memory-mb megabytes (0 skips it)
  warm     a re-run with the cache, nothing changed and after one file changed
  hook     a pre-commit run: one staged file, compared with the corpus from the cache
--profile writes a cProfile of one in-process run over the corpus and prints the top.
Nothing is asserted: the figures are printed, for the README and for comparison.
"""
from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def peak_of(command: list[str]) -> tuple[float, float]:
    """Wall time and peak resident memory (MB) of one command and its workers, measured
    from a fresh child (so that earlier commands' peaks do not count)."""
    probe = (
        "import resource, subprocess, sys, time; t = time.perf_counter(); "
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)"
    )
    out = subprocess.run([sys.executable, "-c", probe, *command], capture_output=True, text=True, check=True).stdout
    seconds, peak = out.split()
    return float(seconds), float(peak)


def corpus(workdir: Path, files: int, size_kb: float, clean: bool = False) -> tuple[Path, float]:
    folder = workdir / f"corpus-{files}-{size_kb:g}{'-clean' if clean else ''}"
    if not folder.exists():
        subprocess.run([sys.executable, str(HERE / "generate_corpus.py"), str(folder), "--files", str(files),
                        "--size-kb", str(size_kb), *(["--claim-share", "0"] if clean else [])], check=True)
    return folder, sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def line(label: str, seconds: float, size_mb: float | None = None, peak: float | None = None, note: str = "") -> None:
    rate = f"{size_mb / seconds:8.2f} MB/s" if size_mb else " " * 13
    memory = f"  peak {peak:5.0f} MB" if peak is not None else ""
    print(f"  {label:<34} {seconds:8.2f} s {rate}{memory}  {note}".rstrip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--size-kb", type=float, default=10.0)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/claimlint-bench"))
    parser.add_argument("--scale", type=int, default=4, help="growth: also time a corpus this many times larger (0: skip)")
    parser.add_argument("--memory-mb", type=float, default=0, help="peak memory on a corpus this large (0: skip)")
    parser.add_argument("--jobs", type=int, default=0, help="claimlint --jobs (0: its default, one worker per core)")
    parser.add_argument("--peers", action="store_true", help="also time proselint (if installed) on the corpus")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()

    claimlint = shutil.which("claimlint") or sys.exit("claimlint is not installed (pip install .)")
    args.workdir.mkdir(parents=True, exist_ok=True)
    base = [claimlint, "--no-config", "--format", "json", "-q", "--jobs", str(args.jobs)]
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"machine: {platform.machine()}, {cores} cores, Python {platform.python_version()}, {time.strftime('%Y-%m-%d')}")

    folder, size_mb = corpus(args.workdir, args.files, args.size_kb)
    print(f"\ncorpus: {args.files} files, {size_mb:.1f} MB ({folder})")
    lint_s, lint_mb = peak_of([*base, "--no-cache", str(folder)])
    grep_s, grep_mb = peak_of(["grep", "-r", "-c", "-i", "-E", "-f", str(HERE / "grep-patterns.txt"), str(folder)])
    line("claimlint, all default rules", lint_s, size_mb, lint_mb)
    line("grep -c -i -E -f (50 patterns)", grep_s, size_mb, grep_mb)
    print(f"  claimlint takes {lint_s / grep_s:.0f}x grep's time (target: at most 10x)")
    proselint = shutil.which("proselint")
    if args.peers and proselint:
        prose_s, prose_mb = peak_of([proselint, "check", "-o", "compact", str(folder)])
        line("proselint check (default checks)", prose_s, size_mb, prose_mb)
        print(f"  claimlint is {prose_s / lint_s:.1f}x faster than proselint (target: at least 30x)")
    elif args.peers:
        print("  proselint is not installed (pip install proselint) -- skipped")

    one = sorted(folder.rglob("*.md"), key=lambda p: abs(p.stat().st_size - 7000))[0]
    runs = [peak_of([*base, "--no-cache", str(one)])[0] for _ in range(7)]
    floor = [peak_of([sys.executable, "-c", "import click, regex"])[0] for _ in range(7)]
    single, imports = statistics.median(runs), statistics.median(floor)
    print(f"\none file ({one.stat().st_size / 1000:.1f} kB), median of 7 runs")
    line("claimlint, start to finish", single)
    line('python -c "import click, regex"', imports)
    print(f"  ratio {single / imports:.2f} (target: at most 1.5)")

    if args.scale > 1:
        big, big_mb = corpus(args.workdir, args.files * args.scale, args.size_kb)
        big_s, big_peak = peak_of([*base, "--no-cache", str(big)])
        print(f"\ngrowth: {args.files * args.scale} files, {big_mb:.1f} MB ({args.scale}x the corpus)")
        line("claimlint", big_s, big_mb, big_peak)
        print(f"  {big_s / lint_s:.2f}x the time for {big_mb / size_mb:.2f}x the text (target: at most {args.scale * 1.1:.1f}x)")

    if args.memory_mb:
        files = max(1, round(args.memory_mb * 1000 / args.size_kb))
        huge, huge_mb = corpus(args.workdir, files, args.size_kb)
        if args.scale > 1 and files == args.files * args.scale:
            huge_s, huge_peak = big_s, big_peak  # the growth run was this corpus
        else:
            huge_s, huge_peak = peak_of([*base, "--no-cache", str(huge)])
        print(f"\nmemory: {files} files, {huge_mb:.1f} MB")
        line("claimlint", huge_s, huge_mb, huge_peak, "(target: peak under 300 MB)")

    # The claim-dense corpus reports ~40 findings per article, so a re-run is mostly
    # printing them; the clean one (no claim sentences) is a repository after adoption.
    for label, clean in (("claim-dense", False), ("clean", True)):
        target, _ = corpus(args.workdir, args.files, args.size_kb, clean)
        cold_s, warm_s, warm_peak, changed_s = cache_runs(base, args.workdir / f"cache-{label}", target)
        print(f"\ncache: {args.files} files, {label}")
        line("first run (cache empty)", cold_s)
        line("re-run, nothing changed", warm_s, peak=warm_peak, note="(median of 3)")
        line("re-run, one file changed", changed_s, note="(median of 5; target: under 0.5 s)")

    clean, _ = corpus(args.workdir, args.files, args.size_kb, True)
    print(f"\npre-commit hook: one staged file of the clean corpus, compared with all {args.files} (configured corpus)")
    line("one file changed", hook_runs(claimlint, args.workdir, clean), note="(median of 5)")

    if args.profile:
        profile_in_process(folder)


def cache_runs(base: list[str], cache: Path, folder: Path) -> tuple[float, float, float, float]:
    """First run, re-run (median of 3) and re-run after one file changed (median of 5,
    a different edit each time): single runs of half a second vary by a third here."""
    shutil.rmtree(cache, ignore_errors=True)
    command = [*base, "--cache-dir", str(cache), str(folder)]
    settle(folder)
    cold_s, _ = peak_of(command)
    time.sleep(2.1)  # the cache trusts size and mtime only for files older than 2 s when read
    warm = [peak_of(command) for _ in range(3)]
    warm_s, warm_peak = statistics.median(t for t, _ in warm), max(m for _, m in warm)
    changed_s = statistics.median(edited_runs(command, sorted(folder.rglob("*.txt"))[0]))
    return cold_s, warm_s, warm_peak, changed_s


def settle(folder: Path) -> None:
    """Wait until every file is over 2 s old: the cache re-reads a file modified within 2 s
    of being read (a freshly generated corpus), which is not what a warm run measures."""
    newest = max(p.stat().st_mtime for p in folder.rglob("*") if p.is_file())
    time.sleep(max(0.0, newest + 2.1 - time.time()))


def edited_runs(command: list[str], victim: Path, runs: int = 5) -> list[float]:
    """The command's time after each of `runs` edits of victim (restored afterwards)."""
    original = victim.read_bytes()
    times = []
    try:
        for i in range(runs):
            victim.write_bytes(original + f"\nOne more sentence about zinc ({i}).\n".encode())
            times.append(peak_of(command)[0])
    finally:
        victim.write_bytes(original)
    return times


def hook_runs(claimlint: str, workdir: Path, folder: Path) -> float:
    """As a pre-commit hook runs it: the staged file alone, compared with a configured
    corpus (the whole folder) whose records come from the cache; median of 5 edits."""
    config = workdir / "hook-claimlint.toml"
    globs = [str(folder / "**" / f"*.{ext}") for ext in ("md", "txt")]
    config.write_text(f"corpus = [{', '.join(repr(g) for g in globs)}]\n", encoding="utf-8")
    cache = workdir / "cache-hook"
    shutil.rmtree(cache, ignore_errors=True)
    victim = sorted(folder.rglob("*.txt"))[0]
    command = [claimlint, "--config", str(config), "--format", "json", "-q", "--cache-dir", str(cache), str(victim)]
    settle(folder)
    peak_of(command)  # fills the corpus cache
    time.sleep(2.1)
    return statistics.median(edited_runs(command, victim))


def profile_in_process(folder: Path) -> None:
    import cProfile
    import pstats

    from click.testing import CliRunner

    from claimlint.cli import main as cli

    out = Path(os.environ.get("TMPDIR", "/tmp")) / "claimlint.prof"
    profiler = cProfile.Profile()
    profiler.enable()
    CliRunner().invoke(cli, ["--no-config", "--format", "json", "-q", "--no-cache", "--jobs", "1", str(folder)])
    profiler.disable()
    profiler.dump_stats(out)
    print(f"\nprofile written to {out} (view with: python -m pstats {out}, or snakeviz)")
    pstats.Stats(str(out)).sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    main()
