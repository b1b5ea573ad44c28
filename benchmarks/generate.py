"""Make N realistic scrapes for benchmarks by recombining the seeds' paragraphs.

    .venv/bin/python benchmarks/generate.py N OUT_DIR [--seed 1]

Each scrape gets an optional ` date YYYY-MM-DD ` line, a title and byline, 4-12
paragraphs drawn from all seed articles, with people's names, numbers, weekdays, months
and years substituted (the same substitution throughout one scrape, so a name recurs
like a real one), and now and then the boilerplate the seeds carry (a donation appeal,
"Read more" teasers, a photo caption). The output is deterministic for a given --seed.
"""
from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "build"))

from dispatches import ingest, nlp, people, segment  # noqa: E402

FIRST = ["Anna", "Bruno", "Chen", "Dmitri", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kemal", "Lena",
         "Mateo", "Nadia", "Omar", "Priya", "Quentin", "Rosa", "Samuel", "Tariq", "Ulla", "Viktor", "Wen", "Yusuf"]
LAST = ["Adeyemi", "Berg", "Costa", "Dubois", "Eriksen", "Fischer", "Gomez", "Haddad", "Ivanova", "Jensen",
        "Kowalski", "Lindqvist", "Moreau", "Nakamura", "Okafor", "Petrov", "Quispe", "Rossi", "Sato", "Tanaka",
        "Umarov", "Varga", "Weber", "Yilmaz", "Zhou"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
NUMBER = re.compile(r"\b\d{1,3}(?:,\d{3})+\b|\b\d+(?:\.\d+)?\b")
BOILERPLATE = [
    "Support independent journalism. Donate today to keep our reporting free for everyone.",
    "Read more:",
    "Source link",
]


def pool(seeds: Path) -> tuple[list[str], list[str], set[str]]:
    """Paragraphs and titles of the seed articles, and the full names of the people in
    them (found by the pipeline's own people stage)."""
    paragraphs, titles, names = [], [], set()
    bodies = []
    for seed in ingest.ingest(seeds):
        if seed.status != "ok":
            continue
        for article in segment.segment(seed.path, seed.text or ""):
            paragraphs += [p for p in article.body.split("\n\n") if len(p.split()) >= 8]
            if article.title:
                titles.append(article.title)
            bodies.append(article.body)
    for doc in nlp.parse(bodies):
        names |= {m.key for m in people.extract(doc).mentions if m.kind == "person" and " " in m.key}
    return paragraphs, titles, names


def substitute(text: str, rng: random.Random, cast: dict[str, str], names: set[str]) -> str:
    def name(m):
        old = m.group(0)
        if old not in cast:
            cast[old] = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        return cast[old]

    def number(m):
        raw = m.group(0)
        if re.fullmatch(r"(19|20)\d\d", raw):
            return str(rng.randint(2015, 2025))
        digits = raw.replace(",", "")
        value = float(digits) * rng.uniform(0.5, 1.5)
        if "." in digits:
            return f"{value:.1f}"
        return f"{int(value):,}" if "," in raw else str(max(1, int(value)))

    if names:
        text = re.sub("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)), name, text)
    for surname_old, full_new in list(cast.items()):           # lone surnames follow their full name
        text = re.sub(rf"\b{re.escape(surname_old.split()[-1])}\b", full_new.split()[-1], text)
    text = NUMBER.sub(number, text)
    text = re.sub(r"\b(" + "|".join(WEEKDAYS) + r")\b", lambda m: rng.choice(WEEKDAYS), text)
    text = re.sub(r"\b(" + "|".join(MONTHS) + r")\b", lambda m: rng.choice(MONTHS), text)
    return text


def scrape(n: int, rng: random.Random, paragraphs, titles, names) -> str:
    cast = {old: f"{rng.choice(FIRST)} {rng.choice(LAST)}" for old in sorted(names)}   # one cast per scrape
    lines = []
    if rng.random() < 0.85:
        lines.append(f" date {rng.randint(2019, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} ")
    lines.append(substitute(rng.choice(titles), rng, cast, names) + f" ({n})")
    lines.append("")
    lines.append(f"By {rng.choice(FIRST)} {rng.choice(LAST)}")
    lines.append("")
    for p in rng.sample(paragraphs, k=min(len(paragraphs), rng.randint(4, 12))):
        lines.append(substitute(p, rng, cast, names))
        lines.append("")
        if rng.random() < 0.05:
            lines.append(rng.choice(BOILERPLATE))
            lines.append("")
    return "\n".join(lines)


def generate(n: int, out: Path, seed: int = 1, seeds: Path = ROOT / "seeds") -> list[Path]:
    rng = random.Random(seed)
    paragraphs, titles, names = pool(seeds)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = out / f"gen_{i:06d}.txt"
        path.write_text(scrape(i, rng, paragraphs, titles, names), encoding="utf-8")
        paths.append(path)
    return paths


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    paths = generate(args.n, args.out, args.seed)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
    print(f"{len(paths)} scrapes, {words:,} words in {args.out}")


if __name__ == "__main__":
    main()
