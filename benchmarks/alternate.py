"""Build speed against bare spaCy, in alternation, for one or more checkouts of the project.

    .venv/bin/python benchmarks/alternate.py --size 1000 --rounds 3 CHECKOUT [CHECKOUT ...]

On a machine whose speed drifts (these shared machines changed by 2.5 times within an
hour), single runs of `build_speed.py` do not compare. This script runs, in each round,
bare spaCy over the corpus's bodies with `--jobs` processes (`build_speed.BARE`) and then
`dispatches build --jobs N` of each CHECKOUT (a folder holding `build/dispatches`, e.g. a
`git worktree` of an older commit), one after the other on the same generated corpus, and
prints each round and the medians of the ratios: build / bare process (fair) and
build / its `nlp.pipe` alone (strict).
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import build_speed  # noqa: E402
import generate  # noqa: E402


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("checkouts", nargs="+", type=Path)
    ap.add_argument("--size", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--work", type=Path, default=Path("/tmp/dispatches-bench"))
    args = ap.parse_args(argv)
    corpus = args.work / f"corpus-{args.size}"
    if not corpus.exists() or len(list(corpus.glob("*.txt"))) != args.size:
        shutil.rmtree(corpus, ignore_errors=True)
        generate.generate(args.size, corpus)
    own = str(HERE.parent / "build")
    times: dict[str, list[float]] = {"bare": [], "bare nlp.pipe": [], **{str(c): [] for c in args.checkouts}}
    for n in range(args.rounds):
        env = dict(os.environ, PYTHONPATH=own)
        wall, _, out = build_speed.run([build_speed.PY, "-c", build_speed.BARE.format(
            build=own, seeds=str(corpus), jobs=args.jobs)], env)
        times["bare"].append(wall)
        times["bare nlp.pipe"].append(float(out.split()[2]))
        for checkout in args.checkouts:
            db = args.work / f"alternate-{n}" / "dispatches.db"
            shutil.rmtree(db.parent, ignore_errors=True)
            env = dict(os.environ, PYTHONPATH=str(checkout.resolve() / "build"))
            wall, _, _ = build_speed.run([build_speed.PY, "-m", "dispatches", "build", "--seeds", str(corpus),
                                          "--db", str(db), "--jobs", str(args.jobs)], env)
            times[str(checkout)].append(wall)
            shutil.rmtree(db.parent, ignore_errors=True)
        print(f"round {n + 1}: " + ", ".join(f"{k} {v[-1]:.1f} s" for k, v in times.items()), flush=True)
    for checkout in args.checkouts:
        mine = times[str(checkout)]
        fair = [b / a for a, b in zip(times["bare"], mine)]
        strict = [b / a for a, b in zip(times["bare nlp.pipe"], mine)]
        print(f"{checkout}: build median {statistics.median(mine):.1f} s; fair ratio median "
              f"{statistics.median(fair):.2f} ({', '.join(f'{r:.2f}' for r in fair)}); strict "
              f"{statistics.median(strict):.2f}")
    print(f"bare spaCy median {statistics.median(times['bare']):.1f} s "
          f"(its nlp.pipe {statistics.median(times['bare nlp.pipe']):.1f} s), {args.jobs} processes")


if __name__ == "__main__":
    main()
