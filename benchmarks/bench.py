"""Time claimlint against grep on a generated corpus, in one run, so the ratio is visible.

    python benchmarks/bench.py [--files 2000] [--size-kb 10] [--workdir /tmp/claimlint-bench] [--profile]

Prints: corpus throughput (MB/s) and peak memory for claimlint with the full default
rulesets and for `grep -c -i -E -f benchmarks/grep-patterns.txt`; the start-to-finish
time of one ~7 kB file against `python -c "import click, regex"`; and a warm re-run.
--profile writes a cProfile of one in-process corpus run and prints the top functions.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def timed(command: list[str], repeat: int = 1, **kwargs: object) -> tuple[float, float]:
    """Best wall time of repeat runs, and the peak RSS (MB) of the children so far."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, **kwargs)  # type: ignore[call-overload]
        times.append(time.perf_counter() - start)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return min(times), peak


def peak_of(command: list[str]) -> tuple[float, float]:
    """Wall time and peak RSS (MB) of one command, measured in a fresh child."""
    probe = (
        "import resource, subprocess, sys, time; t = time.perf_counter(); "
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)"
    )
    out = subprocess.run([sys.executable, "-c", probe, *command], capture_output=True, text=True, check=True).stdout
    seconds, peak = out.split()
    return float(seconds), float(peak)


def corpus_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--size-kb", type=float, default=10.0)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/claimlint-bench"))
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()

    corpus = args.workdir / f"corpus-{args.files}-{args.size_kb:g}"
    if not corpus.exists():
        subprocess.run([sys.executable, str(HERE / "generate_corpus.py"), str(corpus), "--files", str(args.files),
                        "--size-kb", str(args.size_kb)], check=True)
    size_mb = corpus_size(corpus) / 1e6
    claimlint = shutil.which("claimlint") or sys.exit("claimlint is not installed")
    cache = args.workdir / "cache"
    shutil.rmtree(cache, ignore_errors=True)

    base = [claimlint, "--no-config", "--format", "json", "-q"]
    print(f"corpus: {args.files} files, {size_mb:.1f} MB ({corpus})")
    lint_s, lint_mb = peak_of([*base, "--no-cache", str(corpus)]) if _has_option("--no-cache") else peak_of([*base, str(corpus)])
    grep_s, grep_mb = peak_of(["grep", "-r", "-c", "-i", "-E", "-f", str(HERE / "grep-patterns.txt"), str(corpus)])
    print(f"claimlint  {lint_s:7.2f} s  {size_mb / lint_s:7.2f} MB/s  peak {lint_mb:6.0f} MB")
    print(f"grep       {grep_s:7.2f} s  {size_mb / grep_s:7.2f} MB/s  peak {grep_mb:6.0f} MB")
    print(f"ratio      claimlint takes {lint_s / grep_s:.1f}x grep's time")

    one = sorted(corpus.rglob("*.md"), key=lambda p: abs(p.stat().st_size - 7000))[0]
    runs = [peak_of([*base, str(one)])[0] for _ in range(7)]
    imports = [peak_of([sys.executable, "-c", "import click, regex"])[0] for _ in range(7)]
    single, floor = statistics.median(runs), statistics.median(imports)
    print(f"one file   {one.stat().st_size / 1000:.1f} kB: {single * 1000:.0f} ms start to finish "
          f"(python -c 'import click, regex': {floor * 1000:.0f} ms; ratio {single / floor:.2f})")

    if _has_option("--cache-dir"):
        warm_cmd = [*base, "--cache-dir", str(cache), str(corpus)]
        peak_of(warm_cmd)
        victim = next(corpus.rglob("*.txt"))
        original = victim.read_text(encoding="utf-8")
        victim.write_text(original + "\nOne more sentence.\n", encoding="utf-8")
        try:
            warm, _ = peak_of(warm_cmd)
        finally:
            victim.write_text(original, encoding="utf-8")
        print(f"warm re-run with cache, one file changed: {warm:.2f} s")

    if args.profile:
        profile_in_process(corpus)


def _has_option(option: str) -> bool:
    help_text = subprocess.run(["claimlint", "check", "--help"], capture_output=True, text=True).stdout
    return option in help_text


def profile_in_process(corpus: Path) -> None:
    import cProfile
    import pstats

    from click.testing import CliRunner

    from claimlint.cli import main as cli

    out = Path(os.environ.get("TMPDIR", "/tmp")) / "claimlint.prof"
    profiler = cProfile.Profile()
    profiler.enable()
    CliRunner().invoke(cli, ["--no-config", "--format", "json", "-q", str(corpus)])
    profiler.disable()
    profiler.dump_stats(out)
    print(f"\nprofile written to {out} (view with: python -m pstats {out}, or snakeviz)")
    pstats.Stats(str(out)).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
