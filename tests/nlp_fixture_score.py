"""Score the NLP stage on tests/fixtures/nlp/ (hand-annotated articles in shapes the seeds lack).

    .venv/bin/python tests/nlp_fixture_score.py [-v]

Matching follows ../shared/eval/score.py: names by letters only, roles by title words,
quotes by their first 40 characters. Used by tests/test_nlp_fixtures.py.
"""
from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

import yaml

FIXTURES = Path(__file__).parent / "fixtures" / "nlp"


def key(text) -> str:
    text = unicodedata.normalize("NFKD", str(text or ""))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().replace("defence", "defense")
    text = text.replace("\u2019", "'")
    return re.sub(r"[^a-z0-9 ]+", "", re.sub(r"^(the|by)\s+", "", text)).strip()


def title_words(text) -> set[str]:
    stop = {"of", "the", "and", "for", "to", "a", "s", "chief", "head"}
    return {w for w in key(text).split() if w not in stop}


def score(verbose=False) -> dict:
    from dispatches import nlp, people, quotes

    c = dict.fromkeys(["p_tp", "p_pred", "p_gold", "role_hit", "role_total", "country_hit", "country_total",
                       "q_tp", "q_pred", "q_gold", "speaker_hit", "not_people_hit", "not_quotes_hit"], 0)
    misses = []
    for path in sorted(FIXTURES.glob("*.txt")):
        gold = yaml.safe_load(path.with_suffix(".yml").read_text(encoding="utf-8"))
        text = path.read_text(encoding="utf-8").strip()
        doc = nlp.pipeline()(text)
        ex = people.extract(doc)
        quotes.extract(doc, ex)
        found = {m.key for m in ex.mentions if m.kind == "person"}
        gold_people = {key(p["name"]): p for p in gold.get("people") or []}
        c["p_pred"] += len(found)
        c["p_gold"] += len(gold_people)
        for name in found:
            g = gold_people.get(key(name))
            if g is None:
                misses.append(f"{path.stem}: extra person {name!r}")
                continue
            c["p_tp"] += 1
            if g.get("country"):
                c["country_total"] += 1
                ok = key(g["country"]) == key(ex.person_country.get(name))
                c["country_hit"] += ok
                if not ok:
                    misses.append(f"{path.stem}: country of {name} gold={g['country']} got={ex.person_country.get(name)}")
            if g.get("roles"):
                c["role_total"] += 1
                got = [title_words(r.title) for r in ex.roles if r.person == name]
                want = [title_words(t) for t in g["roles"]]
                ok = any(w and gw and (w <= gw or gw <= w) for w in want for gw in got)
                c["role_hit"] += ok
                if not ok:
                    misses.append(f"{path.stem}: role of {name} gold={g['roles']} got={[r.title for r in ex.roles if r.person == name]}")
        for name in set(gold_people) - {key(n) for n in found}:
            misses.append(f"{path.stem}: missed person {gold_people[name]['name']!r}")
        c["not_people_hit"] += sum(1 for n in gold.get("not_people") or [] if key(n) in {key(f) for f in found})
        got_q = [(key(q.text), q.speaker) for q in ex.quotes]
        c["q_pred"] += len(got_q)
        c["q_gold"] += len(gold.get("quotes") or [])
        used = set()
        for q in gold.get("quotes") or []:
            gt = key(q["text"])
            hit = next((i for i, (pt, _) in enumerate(got_q) if i not in used and pt and
                        (pt.startswith(gt[:40]) or gt.startswith(pt[:40]))), None)
            if hit is None:
                misses.append(f"{path.stem}: missed quote {q['text'][:50]!r}")
                continue
            used.add(hit)
            c["q_tp"] += 1
            ok = key(got_q[hit][1]) == key(q["speaker"]) or key(q["speaker"]) in key(got_q[hit][1])
            c["speaker_hit"] += ok
            if not ok:
                misses.append(f"{path.stem}: speaker of {q['text'][:40]!r} gold={q['speaker']} got={got_q[hit][1]}")
        for i, (pt, sp) in enumerate(got_q):
            if i not in used:
                misses.append(f"{path.stem}: extra quote {pt[:50]!r} ({sp})")
        c["not_quotes_hit"] += sum(1 for n in gold.get("not_quotes") or [] if any(pt == key(n) for pt, _ in got_q))

    def f1(tp, pred, gold):
        p, r = (tp / pred if pred else 1.0), (tp / gold if gold else 1.0)
        return round(2 * p * r / (p + r), 3) if p + r else 0.0
    out = {"people_f1": f1(c["p_tp"], c["p_pred"], c["p_gold"]),
           "roles": round(c["role_hit"] / max(1, c["role_total"]), 3),
           "country": round(c["country_hit"] / max(1, c["country_total"]), 3),
           "quotes_f1": f1(c["q_tp"], c["q_pred"], c["q_gold"]),
           "speaker": round(c["speaker_hit"] / max(1, c["q_tp"]), 3),
           "not_people_found": c["not_people_hit"], "not_quotes_found": c["not_quotes_hit"], "counts": c}
    if verbose:
        print("\n".join(misses))
    return out


if __name__ == "__main__":
    print(score("-v" in sys.argv))
