"""What the public-test-set benchmarks share: the dev/odd split, scoring, peers that may be absent.

Every set is split by the parity of the SHA-1 of a document id: even is the dev half (tune on
it), odd the held-out half (report it once). The scripts read a local copy of each set (a path
argument) and never copy its text into this repository.
"""
from __future__ import annotations

import hashlib
import importlib
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "build"))


def half_of(doc_id: str) -> str:
    """``dev`` when the SHA-1 of ``doc_id`` is even, else ``odd``."""
    return "dev" if int(hashlib.sha1(doc_id.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "odd"


def wanted(doc_id: str, half: str) -> bool:
    return half == "both" or half_of(doc_id) == half


@dataclass
class Score:
    """Counts for precision, recall and F1 (and an attribute accuracy over the matches)."""
    tp: int = 0
    pred: int = 0
    gold: int = 0
    attr_hit: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self, name: str, attr: str | None = None) -> str:
        out = f"{name:<28} P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}  (tp {self.tp}, pred {self.pred}, gold {self.gold})"
        if attr:
            out += f"  {attr} {self.attr_hit / self.tp if self.tp else 0:.3f}"
        return out


def optional(module: str, why: str):
    """Import a peer, or say it is missing and how to install it (the benchmark goes on)."""
    try:
        return importlib.import_module(module)
    except Exception as exc:     # noqa: BLE001 - any import failure means: no such peer here
        print(f"(peer {module} not run: {exc.__class__.__name__}: {exc}; {why})", file=sys.stderr)
        return None


def add_half_argument(ap) -> None:
    ap.add_argument("--half", choices=["dev", "odd", "both"], default="dev",
                    help="dev (even SHA-1 of the id, the default), odd (held out: report once), or both")
