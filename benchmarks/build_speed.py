"""Build speed, memory and incremental rebuilds on generated corpora.

    .venv/bin/python benchmarks/build_speed.py [--sizes 1000 10000] [--work /tmp/dispatches-bench]

For each size N it generates N scrapes (benchmarks/generate.py), then measures, each
in a fresh process:

- bare spaCy: the same pipeline (same batch size) over the same article bodies, nothing
  else, model loading included, with the SAME number of processes as the build
  (`nlp.pipe(n_process=JOBS)`), and in one process for reference;
- full build: `dispatches build --jobs JOBS --timings` from scratch (empty cache), model loading
  included; articles/s, words/s, peak RSS of the process, and each stage's wall time and peak memory;
- one-file rebuild: one scrape edited, `dispatches build` again with the cache; three times,
  each with its own edit, and the median reported (the first, right after the full build, is
  usually the slowest).

With ``--dask 1 2`` it instead builds each corpus with ``--executor dask`` on a LocalCluster of
one, then two workers, and prints the speed-up.

It prints one line per measure and the ratios: build / bare spaCy with the same processes
(the fair one: the whole bare process, which reads and cuts the files too), build / that
process's ``nlp.pipe`` alone (strict: model loading and parsing only, so everything the
build does around the model counts against it), and build / bare spaCy in one process,
per-article time at N / at the smallest N (linearity), and one-file rebuild / full build.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate  # noqa: E402

BARE = """
import sys, time
sys.path.insert(0, {build!r})
from pathlib import Path
from dispatches import ingest, nlp, segment
bodies = []
for seed in ingest.ingest(Path({seeds!r})):
    if seed.status == "ok":
        bodies += [a.body for a in segment.segment(seed.path, seed.text or "")]
t = time.perf_counter()
nlp.pipeline()
n = sum(1 for _ in nlp.pipeline().pipe(bodies, batch_size=nlp.BATCH_SIZE, n_process={jobs}))
print(n, sum(len(b.split()) for b in bodies), time.perf_counter() - t)
"""


def run(args: list[str], env=None, stderr: list[str] | None = None) -> tuple[float, int, str]:
    """Wall seconds, peak RSS in MiB and stdout of a child process (its own rusage, via wait4);
    its stderr is appended to ``stderr`` when given."""
    import tempfile
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(args, stdout=out, stderr=err, cwd=ROOT, env=env, text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode not in (0, 3):
            raise RuntimeError(f"{args} failed ({proc.returncode}): {err.read()[-2000:]}")
        if stderr is not None:
            stderr.append(err.read())
        return wall, usage.ru_maxrss // 1024, out.read()


def measure(n: int, work: Path, jobs: int, one_process: bool = True) -> dict:
    corpus = work / f"corpus-{n}"
    if not corpus.exists() or len(list(corpus.glob("*.txt"))) != n:
        shutil.rmtree(corpus, ignore_errors=True)
        generate.generate(n, corpus)
    db = work / f"build-{n}" / "dispatches.db"
    shutil.rmtree(db.parent, ignore_errors=True)
    env = dict(os.environ, PYTHONPATH=str(ROOT / "build"))

    bare = {}
    for processes in sorted({1, jobs} if one_process else {jobs}):
        wall, _, out = run([PY, "-c", BARE.format(build=str(ROOT / "build"), seeds=str(corpus), jobs=processes)], env)
        articles, words, nlp_seconds = out.split()
        bare[processes] = (wall, float(nlp_seconds))
    articles, words = int(articles), int(words)

    err: list[str] = []
    build_wall, rss, _ = run([PY, "-m", "dispatches", "build", "--seeds", str(corpus), "--db", str(db),
                              "--jobs", str(jobs), "--timings"], env, err)
    stages = [line for line in err[0].splitlines() if " MiB peak " in line]

    edited = sorted(corpus.glob("*.txt"))[n // 2]
    original = edited.read_text(encoding="utf-8")
    rebuilds = []
    try:
        for k in range(REBUILDS):       # each a new edit: a number the article did not hold, so it is read again
            edited.write_text(original.replace(" the ", f" the {1000 + k} ", 1), encoding="utf-8")
            rebuilds.append(run([PY, "-m", "dispatches", "build", "--seeds", str(corpus), "--db", str(db),
                                 "--jobs", str(jobs)], env)[0])
    finally:
        edited.write_text(original, encoding="utf-8")
    return {"n": n, "articles": articles, "words": words, "bare": bare[jobs][0], "bare_nlp": bare[jobs][1],
            "bare_one": bare.get(1, (float("nan"),))[0], "build": build_wall, "rss": rss,
            "one_file": statistics.median(rebuilds), "rebuilds": rebuilds, "jobs": jobs, "stages": stages}


REBUILDS = 3        # one-file rebuilds after the full build, each with its own edit; the median is reported


def dask_workers(n: int, work: Path, workers: list[int]) -> None:
    """``dispatches build --executor dask`` on a LocalCluster of each number of ``workers``,
    from scratch, on the same corpus: wall seconds and the speed-up over one worker."""
    corpus = work / f"corpus-{n}"
    if not corpus.exists() or len(list(corpus.glob("*.txt"))) != n:
        shutil.rmtree(corpus, ignore_errors=True)
        generate.generate(n, corpus)
    env = dict(os.environ, PYTHONPATH=str(ROOT / "build"))
    walls = {}
    for k in workers:
        db = work / f"dask-{n}-{k}" / "dispatches.db"
        shutil.rmtree(db.parent, ignore_errors=True)
        walls[k], _, _ = run([PY, "-m", "dispatches", "build", "--seeds", str(corpus), "--db", str(db),
                              "--executor", "dask", "--jobs", str(k), "--no-cache"], env)
        print(f"N={n}, Dask LocalCluster of {k} worker(s): {walls[k]:.1f} s "
              f"(speed-up over {workers[0]}: {walls[workers[0]] / walls[k]:.2f})", flush=True)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--work", type=Path, default=Path("/tmp/dispatches-bench"))
    ap.add_argument("--jobs", type=int, default=2, help="processes for the build AND for bare spaCy")
    ap.add_argument("--no-one-process", dest="one_process", action="store_false",
                    help="skip bare spaCy in one process (the reference line), to save time")
    ap.add_argument("--dask", type=int, nargs="*", metavar="WORKERS",
                    help="instead: the Dask executor on a LocalCluster of each number of workers (e.g. 1 2)")
    args = ap.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    if args.dask:
        for n in args.sizes:
            dask_workers(n, args.work, args.dask)
        return
    results = []
    for n in args.sizes:
        r = measure(n, args.work, args.jobs, args.one_process)
        results.append(r)
        print(f"N={n}, {r['jobs']} processes: {r['articles']} articles, {r['words']:,} words | "
              f"bare spaCy {r['bare']:.1f} s (of which nlp.pipe {r['bare_nlp']:.1f} s; one process "
              f"{r['bare_one']:.1f} s) | build {r['build']:.1f} s = "
              f"{r['articles'] / r['build']:.1f} articles/s, {r['words'] / r['build']:,.0f} words/s | "
              f"build / bare spaCy, same processes {r['build'] / r['bare']:.2f} (fair); "
              f"/ its nlp.pipe alone {r['build'] / r['bare_nlp']:.2f} (strict); "
              f"/ one-process spaCy {r['build'] / r['bare_one']:.2f} | peak RSS {r['rss']} MiB | "
              f"one-file rebuild, median of {len(r['rebuilds'])}: {r['one_file']:.2f} s = "
              f"{100 * r['one_file'] / r['build']:.2f}% of the build "
              f"({', '.join(f'{w:.2f}' for w in r['rebuilds'])} s; the first right after the full build)",
              flush=True)
        print("\n".join(f"    {line.strip()}" for line in r["stages"]), flush=True)
    if len(results) > 1:
        a, b = results[0], results[-1]
        print(f"linearity: seconds per article at N={b['n']} / at N={a['n']} = "
              f"{(b['build'] / b['articles']) / (a['build'] / a['articles']):.2f} (1.00 is linear)")


if __name__ == "__main__":
    main()
