"""Article bodies on the Zyte article-extraction benchmark, from pages as plain text, against
trafilatura and jusText on the same text.

    .venv/bin/python benchmarks/zyte.py PATH/TO/article-extraction-benchmark PAGES [--half dev] [-v]

The set: github.com/scrapinghub/article-extraction-benchmark at
4a3bc979f76c0df73cb95fe272e2fc1b96f9f010 (MIT licence): 181 pages of news and blog sites, the
ground truth in ``ground-truth.json`` (key = page id; ``articleBody``) and the scorer in
``evaluate.py``. PAGES is a folder of ``ID.txt`` files: each page's HTML opened in headless
Chromium with JavaScript and the network off, ``document.body.innerText`` saved (what a person's
copy of the page looks like). Document id: the key in ``ground-truth.json``.

Scoring is the benchmark's own: this script imports ``string_shingle_matching`` and
``metrics_from_tp_fp_fns`` from the repository's ``evaluate.py`` (tokens ``\\w+``, shingles of 4
tokens, per-page counts normalised to sum 1, precision and recall averaged over pages, F1 of the
two means); nothing of it is copied here.

Dispatches reads each page as a scrape (ingest, then segment) and its body is the article's; a
page cut into several articles gives its longest body and counts as "split"; a page with no
article scores an empty body. trafilatura (``extract``) and jusText (English stop list) have no
HTML here, so each is given the same text with every line as a ``<p>`` element, built with
lxml. Published figures (on the HTML, all 181 pages; the benchmark's README): AutoExtract 0.970
F1, readability-lxml 0.922, newspaper3k 0.912, dragnet 0.907, boilerpipe 0.860.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from peers import add_half_argument, optional, wanted

PUBLISHED = ("published F1 on the HTML, all 181 pages: AutoExtract 0.970, readability-lxml 0.922, "
             "newspaper3k 0.912, dragnet 0.907, boilerpipe 0.860")


def scorer(root: Path):
    """The benchmark's own ``evaluate.py``, imported from the checkout."""
    spec = importlib.util.spec_from_file_location("zyte_evaluate", root / "evaluate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass
class Extracted:
    body: str
    articles: int          # how many articles the extractor cut the page into


def ours(page: Path, pages: Path) -> Extracted:
    """The body of the longest article Dispatches finds when the page is read as a scrape."""
    from dispatches import ingest, segment
    seed = ingest.read_seed(page, pages)
    if seed.status != "ok":
        return Extracted("", 0)
    found = segment.segment(seed.path, seed.text or "")
    if not found:
        return Extracted("", 0)
    return Extracted(max((a.body for a in found), key=len), len(found))


def as_html(text: str) -> bytes:
    """The text as an HTML document, one ``<p>`` per non-empty line (built with lxml)."""
    from lxml import etree
    html = etree.Element("html")
    body = etree.SubElement(html, "body")
    for line in text.splitlines():
        if line.strip():
            etree.SubElement(body, "p").text = line.strip()
    return etree.tostring(html, encoding="utf-8", method="html")


def trafilatura_body(text: str, module) -> Extracted:
    try:
        body = module.extract(as_html(text).decode("utf-8"), include_comments=False, include_tables=True) or ""
    except Exception:       # noqa: BLE001 - a peer's crash on one page is an empty body there
        body = ""
    return Extracted(body, 1 if body else 0)


def justext_body(text: str, module) -> Extracted:
    try:
        paragraphs = module.justext(as_html(text), module.get_stoplist("English"))
        body = "\n".join(p.text for p in paragraphs if not p.is_boilerplate)
    except Exception:       # noqa: BLE001
        body = ""
    return Extracted(body, 1 if body else 0)


def load(root: Path, pages: Path, half: str) -> list[tuple[str, Path, str]]:
    """(id, page file, gold body) of each page of the half that has a text file."""
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    items = []
    for key in sorted(truth):
        page = pages / f"{key}.txt"
        if wanted(key, half) and page.is_file():
            items.append((key, page, truth[key].get("articleBody", "")))
    return items


def report(name: str, results: list[Extracted], golds: list[str], evaluate, verbose: bool, ids: list[str]) -> None:
    counts = [evaluate.string_shingle_matching(true=g, pred=r.body) for r, g in zip(results, golds)]
    m = evaluate.metrics_from_tp_fp_fns(counts)
    split = sum(r.articles > 1 for r in results)
    none = sum(r.articles == 0 for r in results)
    print(f"{name:<14} F1 {m['f1']:.3f}  P {m['precision']:.3f}  R {m['recall']:.3f}  "
          f"split {split}  none {none}")
    if verbose:
        for key, (tp, fp, fn), r in sorted(zip(ids, counts, results), key=lambda x: x[1][0]):
            p = tp / (tp + fp) if tp + fp else 0.0
            rc = tp / (tp + fn) if tp + fn else 0.0
            if p < 0.9 or rc < 0.9 or r.articles != 1:
                print(f"    {key[:16]}  P {p:.2f}  R {rc:.2f}  articles {r.articles}")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("root", type=Path, help="a checkout of scrapinghub/article-extraction-benchmark "
                                            "(ground-truth.json and evaluate.py)")
    ap.add_argument("pages", type=Path, help="a folder of ID.txt pages (the pages' text)")
    add_half_argument(ap)
    ap.add_argument("-v", "--verbose", action="store_true", help="list the pages of Dispatches below 0.9")
    args = ap.parse_args(argv)
    evaluate = scorer(args.root)
    items = load(args.root, args.pages, args.half)
    ids = [k for k, _, _ in items]
    golds = [g for _, _, g in items]
    texts = [page.read_text(encoding="utf-8-sig") for _, page, _ in items]
    print(f"Zyte article extraction, {args.half} half: {len(items)} pages as text")
    report("Dispatches", [ours(page, args.pages) for _, page, _ in items], golds, evaluate, args.verbose, ids)
    traf = optional("trafilatura", "pip install trafilatura")
    if traf is not None:
        report("trafilatura", [trafilatura_body(t, traf) for t in texts], golds, evaluate, False, ids)
    jt = optional("justext", "pip install jusText")
    if jt is not None:
        report("jusText", [justext_body(t, jt) for t in texts], golds, evaluate, False, ids)
    print(f"({PUBLISHED})")


if __name__ == "__main__":
    sys.exit(main())
