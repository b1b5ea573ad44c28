"""Segment: cut a seed file's text into articles with a clean body.

A scrape is a run of lines. This module

1. splits the file at stated-date lines (`` date 2024-11-10 ...``) and at pages
   glued on after a run of blank lines (when the text there opens like a page:
   a repeated headline, a byline, a printed date or a lede), then each page at
   headlines it repeats; one story is kept per page (the piece with the most
   story, joined to its neighbours when that adds story);
2. reads each article's header: title, byline, photo captions and credits;
3. drops site furniture (patterns in ``data/boilerplate.yml``), ends the body at
   a comments section or a closing line, removes video teasers, repeated titles
   and captions, then keeps the densest run of paragraphs (``keep_story``):
   sentences weigh for the story; menus, link lists, other stories' headlines
   and teasers, and box headings ("Related", "Most Popular") weigh against it,
   more the longer they run; tables and results count as story;
4. names the outlet only where the text names itself (``data/outlets.yml``) and
   the wire agencies the byline or body credits (``data/agencies.yml``).

Everything here is rules over lines and words: no NLP model is needed.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from . import dates, lexicon
from .gazetteer import gazetteer
from .records import Article, Caption

SPACES = "\u00a0\u2007\u2009\u202f\u200a\u2002\u2003"
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
DATE_LINE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})(?!\d)\s*(.*)$", re.I)
TERMINAL = tuple('.!?"”’\')…:;。！？」』）')
SENTENCE_END = re.compile(r"""(?<=[.!?])[”"’']?\s+(?=[“"‘'(\[]?[A-Z0-9])""")
ABBREVIATIONS = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Sgt|Capt|Maj|Gov|Sen|Rep|St|Jr|Sr|No|Prof|Adm|Cmdr|"
                           r"Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec|U\.S|U\.K|U\.N|a\.m|p\.m|vs|etc|Inc|Corp|Co)"
                           r"|\b[A-Z])\.$")


# ----------------------------------------------------------------- patterns

@dataclass
class Patterns:
    drop: re.Pattern
    tail: re.Pattern
    brk: re.Pattern
    trailer: re.Pattern
    stamp_words: frozenset
    teaser: list[re.Pattern]
    appeal: list[re.Pattern]
    appeal_any: re.Pattern                # any of them: most paragraphs have none, found in one scan
    duration: re.Pattern
    caption_verb: re.Pattern
    caption_cue: re.Pattern
    credit_line: re.Pattern
    caption_label: re.Pattern
    inline_credit: list[re.Pattern]
    credit_word: re.Pattern
    byline: list[re.Pattern]
    header_byline: list[re.Pattern]
    byline_stamp: re.Pattern
    name_line: re.Pattern
    closing_byline: list[re.Pattern]
    agency_names: dict[str, str]          # surface form -> canonical name
    agency_credit: list[re.Pattern]
    agency_any: re.Pattern
    closing_credit: list[re.Pattern]
    outlet_names: dict[str, str]          # lower-cased surface form -> canonical name
    signatures: list[Signature]
    not_outlets: frozenset                # lower-cased names that are no publication
    outlet_name: re.Pattern               # a publication's name, whole
    dateline_credit: re.Pattern           # "LONDON (Site News / Agency - date) Lede ..."
    credit_parts: re.Pattern              # what separates the names in that bracket
    title_site: re.Pattern                # what parts "Title | Section | Site"
    company_suffix: re.Pattern            # ", Inc." after a publisher's name
    outlet_tail: re.Pattern               # " news" and like words an outlet's name may drop
    desk_word: re.Pattern                 # "Correspondent": a job, not a site, before ", Place"
    press_word: re.Pattern                # "Gazette", "Times": words of a publication's name
    title_run_ons: list[re.Pattern]
    stamp_label: re.Pattern
    dateline: re.Pattern
    lede_place: re.Pattern
    wrap_words: frozenset
    lede_day: re.Pattern


@dataclass(frozen=True)
class Signature:
    """A shape in which a page names its own publication (``data/outlets.yml``)."""
    rx: re.Pattern
    known_only: bool = False      # counts only for a listed publication
    weight: int = 1               # what one match counts; a name needs 2
    agency_ok: bool = False       # may name a wire agency as the outlet
    exact: bool = False           # the whole name is a listed publication (a section word may follow)


def _signatures(ou: dict) -> list[Signature]:
    """The compiled outlet signatures, "{name}" filled in."""
    return [Signature(re.compile(s["pattern"].replace("{name}", ou["name"]), re.M), bool(s.get("known_only")),
                      int(s.get("weight", 1)), bool(s.get("agency_ok")), bool(s.get("exact")))
            for s in ou["signatures"]]


@lru_cache(maxsize=1)
def patterns() -> Patterns:
    bp = lexicon.load("boilerplate")
    cr = lexicon.load("credits")
    ag = lexicon.load("agencies")
    ou = lexicon.load("outlets")
    agency_names = {}
    for entry in ag["agencies"]:
        for surface in [entry["name"], *(entry.get("aliases") or [])]:
            agency_names[surface] = entry["name"]
    agency_alt = "|".join(re.escape(s) for s in sorted(agency_names, key=len, reverse=True))
    agency_group = rf"(?<![\w-])(?P<agency>{agency_alt})(?![\w-])"
    agency_only = rf"(?:{agency_alt})(?![\w-])"
    credit_words = sorted(set(cr["credit_words"]) | set(agency_names), key=len, reverse=True)
    credit_word = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in credit_words) + r")(?![\w-])",
                             re.I)
    outlet_names = {}
    for entry in ou["outlets"]:
        for surface in [entry["name"], *(entry.get("aliases") or [])]:
            outlet_names[surface.lower()] = entry["name"]
    return Patterns(
        drop=lexicon.full_line(bp["drop_lines"]),
        tail=lexicon.full_line(bp["tail_markers"]),
        brk=lexicon.full_line(bp["break_markers"]),
        trailer=lexicon.full_line(bp["tail_trailers"]),
        stamp_words=frozenset(bp["stamp_words"]),
        teaser=lexicon.any_of([f"^(?:{p})" for p in bp["teaser_prefixes"]]),
        appeal=lexicon.any_of(bp["appeal_phrases"]),
        appeal_any=re.compile("|".join(f"(?:{phrase})" for phrase in bp["appeal_phrases"]), re.I),
        duration=lexicon.full_line([bp["video_duration"]]),
        caption_verb=re.compile(r"^(?:\S+\s+){0,14}?(?:" + "|".join(bp["caption_verbs"]) + r")\b"),
        caption_cue=re.compile("|".join(bp["caption_cues"]), re.I),
        credit_line=lexicon.full_line(cr["credit_lines"], 0),
        caption_label=re.compile("|".join(cr["caption_labels"]), re.I),
        inline_credit=[
            # "... November 9, 2023. (Reuters)" and the truncated "(AP"
            re.compile(r"^(?P<text>.{20,}?)\s*\((?P<credit>[^()]{2,80})\)?$"),
            # "... meet at the city hall. Jane Roe/POOL/AFP"
            re.compile(r"^(?P<text>.{20,}?[.!?])\s+(?P<credit>[A-Z][^/.!?]{1,40}(?:\s*/\s*[^/.!?]{1,40}){1,4})$"),
            # "... in Kyiv. Photo: Jane Doe / Reuters"
            re.compile(r"^(?P<text>.{20,}?[.!?])\s+\(?(?:Photo|Image|Picture|Photograph)s?\s*(?:by|:|credit:)\s*"
                       r"(?P<credit>[^()]{2,100})\)?$", re.I),
            # "... in Gaza, May 1, 2024 [Jane Doe/Reuters]"
            re.compile(r"^(?P<text>.{20,}?)\s*\[(?P<credit>[^\[\]]{2,80})\]$"),
            # "... in Manila on Tuesday | AFP"
            re.compile(r"^(?P<text>.{20,}?)\s+[|]\s+(?P<credit>[^|]{2,60})$"),
        ],
        credit_word=credit_word,
        byline=[re.compile(f"^(?:{p})$") for p in cr["bylines"]],
        header_byline=[re.compile(f"^(?:{p.replace('{agency}', agency_only)})$") for p in cr["header_bylines"]],
        name_line=re.compile(f"^(?:{cr['name_line']})$"),
        closing_byline=[re.compile(f"^(?:{p})$") for p in cr["closing_bylines"]],
        byline_stamp=re.compile(cr["byline_stamp"]),
        agency_names=agency_names,
        agency_credit=[re.compile(p.replace("{agency}", agency_group), re.M) for p in ag["credit_patterns"]],
        agency_any=re.compile(agency_group),
        closing_credit=[re.compile(f"^(?:{x})$") for x in ag["closing_credits"]],
        outlet_names=outlet_names,
        signatures=_signatures(ou),
        not_outlets=frozenset(n.lower() for n in ou["not_outlets"]),
        outlet_name=re.compile(ou["name"]),
        dateline_credit=re.compile(ou["dateline_credit"], re.M),
        credit_parts=re.compile(ou["credit_parts"]),
        title_site=re.compile(ou["title_site"]),
        company_suffix=re.compile(ou["company_suffix"]),
        desk_word=re.compile(r"\b(?:" + "|".join(ou["desk_words"]) + r")\b", re.I),
        press_word=re.compile(r"\b(?:" + "|".join(ou["press_words"]) + r")\b"),
        outlet_tail=re.compile("|".join((r"\s+" if w[0].isalnum() else "") + re.escape(w.lower()) + "$"
                                        for w in ou["generic_tails"])),
        title_run_ons=[re.compile(x) for x in bp["title_run_ons"]],
        stamp_label=re.compile(bp["stamp_label"], re.I),
        dateline=re.compile(cr["dateline"]),
        lede_place=re.compile(cr["lede_place"]),
        wrap_words=frozenset(bp["wrap_words"]),
        lede_day=re.compile(r"\b(?:" + "|".join(bp["lede_days"]) + r")\b", re.I),
    )


# ----------------------------------------------------------------- helpers

STRAY_MARK = re.compile(r"(?<=[.!?\"”’'])\s*>$")    # "...five years.>": a markup leftover


def clean_line(line: str) -> str:
    """A line with invisible characters, odd spaces and a stray closing ">" removed."""
    line = line.translate(INVISIBLE)
    for ch in SPACES:
        line = line.replace(ch, " ")
    line = line.replace("\t", " ")
    return STRAY_MARK.sub("", re.sub(r" {2,}", " ", line).strip())


FOLD_PUNCT = str.maketrans("‘’“”–—", "''\"\"--")


@lru_cache(maxsize=65536)
def norm(text: str | None) -> str:
    """Fold case, accents, quotes and spaces so near-identical lines compare equal."""
    if not text:
        return ""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
        text = text.translate(FOLD_PUNCT)
    return " ".join(text.split()).lower()


CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def words(line: str) -> int:
    """Words on the line; Chinese and Japanese script, written without spaces,
    counts a word for every two characters."""
    n = len(line.split())
    if not line.isascii():
        n += len(CJK.findall(line)) // 2
    return n


def is_headline(line: str, p: Patterns) -> bool:
    """A title-shaped line: short, no closing full stop, starts with a capital."""
    n = words(line)
    if not 1 <= n <= 25 or len(line) > 220:
        return False
    if line.endswith((".", ",", ";", ":")) and not line.endswith("..."):
        return False
    if not (line[0].isupper() or line[0].isdigit() or line[0] in "\"“‘'"):
        return False
    return not (is_byline(line, p) or p.credit_line.match(line) or p.duration.match(line)
                or inline_caption(line, p))


def is_prose(line: str) -> bool:
    return words(line) >= 12 and line.endswith(TERMINAL)


def is_byline(line: str, p: Patterns, header: bool = False) -> str | None:
    """The byline as written (without a page stamp run onto it), or None."""
    line = p.byline_stamp.sub("", line).strip()
    if not line or words(line) > 14:
        return None
    for rx in p.byline + (p.header_byline if header else []):
        m = rx.match(line)
        if m:
            return (m.group("byline") if "byline" in rx.groupindex else line).rstrip(".")
    return None


def name_byline(line: str, p: Patterns) -> str | None:
    """A bare name under a headline ("Jane Doe", "Jane Doe 5 minutes ago | 10:04 PM")."""
    line = p.byline_stamp.sub("", line).strip()
    return line if p.name_line.match(line) and not is_stamp(line, p) else None


def closing_byline(lines: list[str], i: int, p: Patterns) -> str | None:
    """A reporter credit at the end of a story: "(Reporting by X; Editing by Y)",
    perhaps over two lines, "TEXT: X", "OUR STAFF REPORTER"."""
    line = lines[i]
    if p.trailer.match(line.lstrip("(")):
        credit = line
        j = i + 1
        while credit.startswith("(") and not credit.endswith(")") and j < len(lines) and lines[j] and j - i <= 2:
            credit += "\n" + lines[j]
            j += 1
        return credit.strip("()").strip()
    for rx in p.closing_byline:
        m = rx.match(line)
        if m:
            return m.group("byline")
    return None


DATE_SHAPE = re.compile(r"\b\d{1,2}[:.]\d{2}\b|\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b|\b(?:19|20)\d\d\b")
DOTTED = re.compile(r"\b\d{1,2}\.\d{2}\b")     # "10.04": a time, or a decimal figure


def is_stamp(line: str, p: Patterns) -> bool:
    """A page date stamp: dates, times and a word or two of furniture."""
    if words(line) > 16 or not re.search(r"\d", line):
        return False
    tokens = [t for t in re.split(r"[\s|·,/•–—-]+", line.lower()) if t]
    worded = [t for t in tokens if t.strip(".():") in p.stamp_words]
    if not (worded or DATE_SHAPE.search(line)):
        return False    # figures alone ("3 Jane Doe 5033 4 6"): a table row, not a date
    if not worded and not DATE_SHAPE.search(DOTTED.sub(" ", line)) and len(DOTTED.findall(line)) >= 2:
        return False    # decimals alone ("Diesel 1.92 1.88"): a table row, not two times
    other = [t for t in tokens if t.strip(".():") not in p.stamp_words
             and not re.fullmatch(r"[(]?[+-]?\d+([.:]\d+)*(am|pm|st|nd|rd|th|h)?[)]?\.?|gmt[+-]\d+|utc[+-]\d+", t)]
    return len(other) <= 2 and len(other) < len(tokens) / 2


def is_junk(line: str, p: Patterns) -> bool:
    if words(line) <= 15 and p.drop.match(line):
        return True
    if is_navigation(line):
        return True
    if is_stamp(line, p):
        return True
    parts = [part.strip() for part in re.split(r"\s+[·|•]\s+", line)]
    if len(parts) > 1 and all(not part or (words(part) <= 15 and p.drop.match(part)) or is_stamp(part, p)
                              for part in parts):
        return True     # "Advertisement · Scroll to continue"
    return any(rx.match(line) for rx in p.teaser)


def inline_caption(line: str, p: Patterns) -> Caption | None:
    """A caption line that ends with its photo credit, or that a label opens ("Image caption, ...")."""
    label = p.caption_label.match(line)
    if label and line[label.end():].strip():
        return Caption(line[label.end():].strip(), None)
    if words(line) < 5:
        return None
    for rx in p.inline_credit:
        m = rx.match(line)
        if not m:
            continue
        credit = m.group("credit").strip()
        named = bool(p.credit_word.search(credit))
        if rx is p.inline_credit[1] and not (named or credit.count("/") >= 2):
            continue
        if rx is not p.inline_credit[2] and not (named or "/" in credit):
            continue
        return Caption(m.group("text").strip(), clean_credit(credit))
    return None


def credit_only(line: str, p: Patterns) -> str | None:
    """The credit of a line that holds only a photo credit."""
    if words(line) > 14 or not p.credit_line.match(line):
        return None
    if "/" in line and "://" not in line and not p.credit_word.search(line) and not re.search(r"[A-Z]{2}", line):
        return None      # "Russia/Ukraine" and the like: not obviously a credit
    return clean_credit(line) or None


def clean_credit(credit: str) -> str:
    """A credit without its label: "Photograph: Jane Doe/AFP" -> "Jane Doe/AFP"."""
    credit = re.sub(r"^\(?(?:photos?|images?|pictures?|photograph|credit|foto|illustration)s?\s*"
                    r"(?:by|:|credit\s*:|courtesy of)\s*", "", credit.strip(), flags=re.I)
    return credit.strip().strip("()[]").strip()


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of a paragraph (a light rule-based splitter)."""
    spans, start = [], 0
    for m in SENTENCE_END.finditer(text):
        before = text[start:m.start()].rstrip("”\"’'")
        if ABBREVIATIONS.search(before):
            continue
        spans.append((start, m.start() + len(text[m.start():m.end()].rstrip())))
        start = m.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


# ----------------------------------------------------------------- file -> pieces

@dataclass
class Piece:
    """The lines of one article candidate, before its header is read."""

    lines: list[str]
    published: str | None
    kinds: list[str] = field(default_factory=list)   # per line: text / blank / junk / repeat
    wrapped: set[int] = field(default_factory=set)   # lines that continue the line before
    title_line: int | None = None                    # the repeated headline that titles the piece
    own_page: bool = False                           # a page glued on after a gap: not the file's outlet
    page: int = 0                                    # pieces of one page share this: one story per page


def valid_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
        return True
    except ValueError:
        return False


def bad_date_lines(text: str) -> list[str]:
    """Stated-date lines whose date does not exist ("date 2023-02-30"), as written."""
    return [m.group(1) for m in map(DATE_LINE.match, text.splitlines()) if m and not valid_date(m.group(1))]


def date_chunks(lines: list[str]) -> list[tuple[str | None, list[str]]]:
    """Split at stated-date lines; text after the date on the same line stays."""
    chunks: list[tuple[str | None, list[str]]] = [(None, [])]
    for line in lines:
        m = DATE_LINE.match(line)
        if m and valid_date(m.group(1)):
            chunks.append((m.group(1), [m.group(2).strip()] if m.group(2).strip() else []))
        else:
            chunks[-1][1].append(line)
    return [(d, ls) for d, ls in chunks if d or any(ls)]


def mark_kinds(lines: list[str], p: Patterns) -> list[str]:
    kinds = ["blank" if not line else "junk" if is_junk(line, p) else "text" for line in lines]
    # a bare teaser label ("Read more:") heads a list of other articles' headlines, up to a
    # blank line or a sentence of the story (a page without blank lines goes on after the list)
    for i, line in enumerate(lines):
        if kinds[i] == "junk" and words(line) <= 3 and any(rx.match(line) for rx in p.teaser):
            j = i + 1
            while j < len(lines) and kinds[j] != "blank" and not (j > i + 1 and is_prose(lines[j])):
                kinds[j] = "junk"
                j += 1
    # video teasers: headline lines before a running time ("01:52"), with their repeats
    for i, line in enumerate(lines):
        if kinds[i] in ("text", "junk") and p.duration.match(line):
            kinds[i] = "junk"
            j, teaser = i - 1, None
            while j >= 0 and i - j <= 8:
                if kinds[j] == "text":
                    if teaser is None and is_headline(lines[j], p) and not is_prose(lines[j]):
                        teaser = norm(lines[j])
                    if teaser is not None and norm(lines[j]) == teaser:
                        kinds[j] = "junk"
                    else:
                        break
                j -= 1
    return kinds


def wrapped_lines(lines: list[str], kinds: list[str], p: Patterns) -> set[int]:
    """Lines that continue a hard-wrapped paragraph: in a run of text lines with
    no blank between (bylines and credits end a run), every line but the last
    has a similar, moderate length."""
    def plain(k: int) -> bool:
        return kinds[k] == "text" and not (is_byline(lines[k], p) or credit_only(lines[k], p))
    out: set[int] = set()
    i = 0
    while i < len(lines):
        if not plain(i):
            i += 1
            continue
        j = i
        while j + 1 < len(lines) and plain(j + 1):
            j += 1
        out.update(_wrapped_in_run(lines, i, j))
        i = j + 1
    return out


WRAP_MIN, WRAP_MAX = 35, 100     # lengths of the full lines of a hard-wrapped paragraph


def _wrapped_in_run(lines: list[str], i: int, j: int) -> set[int]:
    """In the run of lines ``i..j``, each paragraph ends at a line shorter than
    WRAP_MIN; a paragraph's lines continue each other when its full lines have a
    similar, moderate length."""
    out: set[int] = set()
    a = i
    for k in range(i, j + 1):
        if len(lines[k]) >= WRAP_MIN and k < j:
            continue
        heads = [len(line) for line in lines[a:k]]
        if heads and max(heads) <= WRAP_MAX and min(heads) >= WRAP_MIN and sum(heads) / len(heads) >= 50 \
                and (k > a + 1 or j - i + 1 >= 3) and _runs_on(lines[a:k + 1]):
            out.update(range(a + 1, k + 1))
        a = k + 1
    return out


def _runs_on(run: list[str]) -> bool:
    """True when lines read as one text broken at a width: at least a third of
    them go on from the line before in mid-sentence (start with a small letter,
    or follow a line ending in a comma, a hyphen or a word that cannot end a
    sentence: "the", "of", "and"). A list of headlines of
    similar length, each starting with a capital, does not."""
    joins = list(zip(run, run[1:]))
    mid = sum(1 for before, line in joins if line[:1].islower() or before.endswith((",", "-"))
              or before.rsplit(None, 1)[-1] in patterns().wrap_words)
    return mid * 3 >= len(joins)


def find_starts(lines: list[str], kinds: list[str], p: Patterns) \
        -> tuple[list[int], set[int], dict[int, int], list[int]]:
    """Indexes where a new article begins, the repeated title lines to drop, for a
    start that is a repeated headline the line that holds its title, and the
    starts of pages glued on after a gap."""
    starts, repeats, titled, gaps = [], set(), {}, []
    seen_prose = False
    for i, line in enumerate(lines):
        if kinds[i] != "text" or i in repeats:
            continue
        if _page_gap(i, kinds) and _text_words(lines, kinds, starts[-1] if starts else 0, i) >= 40 \
                and _prose_follows(i, lines, kinds) and _page_opens(i, lines, kinds, p):
            starts.append(i)            # a second page glued on after a run of blank lines
            gaps.append(i)
            seen_prose = is_prose(line)
            continue
        if is_headline(line, p) and words(line) >= 2:
            j = _repeat_of(i, lines, kinds, p)
            if j is not None:
                starts.append(i)
                titled[i] = i
                repeats.add(j)
                seen_prose = False
                continue
            j = _run_on_repeat(i, lines, kinds, p)
            if j is not None:           # '"Headline"Article' above the clean '"Headline"'
                starts.append(i)
                titled[i] = j
                repeats.add(i)
                seen_prose = False
                continue
            if seen_prose and words(line) >= 3 and _after_gap(i, lines, kinds) and _header_follows(i, lines, kinds, p):
                starts.append(i)
                seen_prose = False
                continue
        if is_prose(line):
            seen_prose = True
    return starts, repeats, titled, gaps


def _run_on_repeat(i: int, lines: list[str], kinds: list[str], p: Patterns) -> int | None:
    """The index of a headline printed a few lines below line ``i`` where line ``i``
    is that headline with a word or two of furniture run on ("...titleArticle")."""
    target = norm(lines[i])
    for j in range(i + 1, min(len(lines), i + 8)):
        head = norm(lines[j])
        if kinds[j] == "text" and words(lines[j]) >= 3 and target.startswith(head) and target != head \
                and words(target[len(head):]) <= 2 and is_headline(lines[j], p):
            return j
    return None


def _repeat_of(i: int, lines, kinds, p: Patterns) -> int | None:
    """The index of the same headline repeated within a few lines, with only
    captions, credits and furniture in between."""
    target, between = norm(lines[i]), []
    for j in range(i + 1, min(len(lines), i + 16)):
        if kinds[j] != "text":
            continue
        if norm(lines[j]) == target:
            distinct = {norm(b) for b in between}
            loose = [b for b in between if not (inline_caption(b, p) or credit_only(b, p) or words(b) <= 3)]
            return j if len(distinct) <= 2 or not loose else None
        between.append(lines[j])
        if len(between) > 6:
            return None
    return None


PAGE_GAP = 3        # blank lines in a row that part two pages glued into one file


def _page_gap(i: int, kinds: list[str]) -> bool:
    """True when at least PAGE_GAP blank lines stand above line ``i``, with only
    furniture between them and it."""
    j = i - 1
    while j >= 0 and kinds[j] == "junk":
        j -= 1
    k = j
    while k >= 0 and kinds[k] == "blank":
        k -= 1
    return j - k >= PAGE_GAP


def _page_opens(i: int, lines: list[str], kinds: list[str], p: Patterns) -> bool:
    """True when the text from line ``i`` opens like a page of its own rather than
    going on with the story above after a gap (an advert or a picture left blank
    lines there): before the first prose paragraph it has a repeated headline, a
    byline or a printed date, or that paragraph opens like a lede (a dateline, or
    a day named in its first sentence: "said on Friday")."""
    j = i
    while j < len(lines) and not (kinds[j] == "text" and is_prose(lines[j])):
        line = lines[j]
        if line and (is_byline(line, p, header=True) or dates.stamps(line) and words(line) <= 16):
            return True
        if kinds[j] == "text" and is_headline(line, p) and (_repeat_of(j, lines, kinds, p) is not None
                                                            or _run_on_repeat(j, lines, kinds, p) is not None):
            return True
        j += 1
    if j >= len(lines):
        return False
    first = next((lines[k] for k in range(i) if kinds[k] == "text" and is_prose(lines[k])), "")
    return is_lede(lines[j], p) or restates(lines[j], first)


def restates(para: str, lede: str) -> bool:
    """True when the first sentence of ``para`` restates ``lede``, the first
    paragraph of the page above: most of its content words are the lede's
    (another outlet's copy of the same news opens so)."""
    def stems(text: str) -> set[str]:
        return {w[:5] for w in re.findall(r"[^\W\d_]{4,}|\d+", text.lower())} - RESTATE_STOP
    s, e = split_sentences(para)[0]
    mine, theirs = stems(para[s:e]), stems(lede)
    shared = mine & theirs
    return len(shared) >= 5 and len(shared) >= 0.4 * len(mine)


RESTATE_STOP = {"that", "this", "with", "from", "have", "has", "will", "would", "said", "says", "their",
                "they", "were", "been", "which", "about", "after", "into", "than", "also", "more", "other"}


def is_lede(para: str, p: Patterns) -> bool:
    """A first paragraph's shape: a dateline ("WASHINGTON (AP) —", "New Delhi:") or
    a day or date named in its first sentence."""
    m = p.dateline.match(para)
    if m and (m.group(0).split()[0].isupper() or re.search(r"\([A-Z]", m.group(0))) or p.lede_place.match(para):
        return True     # "BEIJING (AP) —", "Kyiv (Agency) -", not "Plains (covering 65 percent)"
    s, e = split_sentences(para)[0]
    return bool(p.lede_day.search(para[s:e]) or dates.stamps(para[s:e]))


def _prose_follows(i: int, lines: list[str], kinds: list[str], within: int = 40) -> bool:
    """True when a prose line comes within ``within`` lines from ``i`` on, so the
    text after a gap is a story and not a trailing block of furniture."""
    return any(kinds[j] == "text" and words(lines[j]) >= 12 for j in range(i, min(len(lines), i + within)))


def _text_words(lines: list[str], kinds: list[str], a: int, b: int) -> int:
    """Words on the text lines from ``a`` up to ``b``."""
    return sum(words(lines[k]) for k in range(a, b) if kinds[k] == "text")


def _after_gap(i: int, lines, kinds) -> bool:
    blanks, j = 0, i - 1
    while j >= 0 and kinds[j] in ("blank", "junk"):
        blanks += kinds[j] == "blank"
        j -= 1
    return blanks >= 2


def _header_follows(i: int, lines, kinds, p: Patterns) -> bool:
    seen = 0
    for j in range(i + 1, len(lines)):
        if kinds[j] != "text":
            continue
        if is_byline(lines[j], p) or credit_only(lines[j], p) or inline_caption(lines[j], p):
            return True
        seen += 1
        if seen >= 3:
            return False
    return False


def pieces(text: str, p: Patterns) -> list[Piece]:
    lines = [clean_line(line) for line in text.split("\n")]
    out = []
    for published, chunk in date_chunks(lines):
        kinds = mark_kinds(chunk, p)
        starts, repeats, titled, gaps = find_starts(chunk, kinds, p)
        for j in repeats:
            kinds[j] = "repeat"
        wrapped = wrapped_lines(chunk, kinds, p)
        bounds = sorted({0, *starts, len(chunk)})
        page = (out[-1].page + 1) if out else 0
        for n, (a, b) in enumerate(zip(bounds, bounds[1:])):
            page += a in gaps
            out.append(Piece(chunk[a:b], published if n == 0 else None, kinds[a:b],
                             {i - a for i in wrapped if a < i < b},
                             title_line=titled[a] - a if a in titled and titled[a] < b else None,
                             own_page=any(g <= a for g in gaps), page=page))
    return out


# ----------------------------------------------------------------- piece -> article

@dataclass
class Draft:
    title: str | None = None
    byline: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    captions: list[Caption] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    last: str | None = None                 # "para" or "caption": what the previous line became
    blocks: list[int] = field(default_factory=list)   # per paragraph: its run of lines without a blank
    spans: list[tuple[int, int]] = field(default_factory=list)   # per paragraph: its first and last line
    block: int = 0
    glued: bool = False                     # previous text line had no blank line after it
    title_at: int | None = None             # line index of the title
    body_at: int | None = None              # line index of the first body paragraph
    stamp: str | None = None                # a publication stamp run on to the title
    published: str | None = None            # the stated date, else the page's publication stamp
    closing: str | None = None              # a reporter credit after the body
    agencies: list[str] = field(default_factory=list)   # agencies of closing credit lines
    outlet: str | None = None               # a publication named on the line under the byline
    site: str | None = None                 # a publication the title line ends in ("Title | Site")
    weak: list[str] = field(default_factory=list)   # paragraphs left out as too little story


def read_piece(piece: Piece, p: Patterns) -> Draft:
    d = Draft()
    lines, kinds = piece.lines, piece.kinds
    title_at = find_title(piece, p)
    d.title_at = title_at
    if title_at is not None:
        d.title, d.stamp = split_title(lines[title_at], p)
        d.title, d.site = title_site(d.title, p)
        kinds = kinds[:]
        kinds[title_at] = "title"
        for i in range(title_at):             # furniture above the title: masthead, menu, appeal
            if kinds[i] == "text" and (is_masthead(lines[i]) or in_menu_block(i, lines, p) or
                                       (words(lines[i]) <= 30 and p.appeal_any.search(lines[i]))):
                kinds[i] = "junk"
    caption_keys: set[str] = set()
    body_started, tail = False, False
    byline_at = -2                            # the line of a header byline
    for i, line in enumerate(lines):
        kind = kinds[i]
        if kind == "blank":
            d.glued = False
            d.block += 1
            continue
        if kind == "title":
            continue
        if kind == "junk" and body_started and words(line) <= 12 and p.tail.match(line) \
                and "junk" not in (kinds[i - 1] if i else None, kinds[i + 1] if i + 1 < len(kinds) else None):
            tail = True     # "Comments" alone ends the story (not as a button of a share bar)
        if kind in ("junk", "repeat") or tail:
            d.dropped.append(line)
            if i == byline_at + 1 and not d.outlet:
                d.outlet = outlet_line(line, p)     # "Jane Doe" / "Harbour Gazette, Lusaka"
            if kind == "junk" and not (body_started or tail or d.byline):
                d.byline = is_byline(line, p, header=True) or (  # "Reuters | Updated: 10-04-2022"
                    name_byline(line, p) if _follows_title(lines, kinds, i, d.title_at) else None)
            continue
        key = norm(line)
        if d.title and key == norm(d.title):
            d.dropped.append(line)
            continue
        credited = agency_credit_line(line, p) if body_started else []
        if credited:
            d.agencies += credited
            d.dropped.append(line)
            continue
        closing = closing_byline(lines, i, p) if body_started else None
        if closing:
            d.closing = d.closing or closing
            tail = tail or bool(p.trailer.match(line.lstrip("(")))
            d.dropped.append(line)
            continue
        if body_started and words(line) <= 12 and p.tail.match(line):
            tail = True
            d.dropped.append(line)
            continue
        if is_marker(line, p):
            d.dropped.append(line)      # weighed in keep_story
            continue
        byline = None if body_started or d.byline else is_byline(line, p, header=True)
        if not byline and not body_started and d.title_at is not None and _follows_title(lines, kinds, i, d.title_at):
            byline = name_byline(line, p)
        if byline:
            d.byline, d.last, byline_at = byline, None, i
            continue
        if i == byline_at + 1 and not d.outlet and outlet_line(line, p):
            d.outlet = outlet_line(line, p)   # "Jane Doe" / "The Daily Courier"
            continue
        if i in piece.wrapped and d.last == "para" and d.glued:
            d.paragraphs[-1] += " " + line
            d.spans[-1] = (d.spans[-1][0], i)
            body_started = body_started or is_prose(d.paragraphs[-1])
            continue
        credit = credit_only(line, p)
        if credit:
            _attach_credit(d, credit, p)
            continue
        cap = inline_caption(line, p)
        if cap:
            if norm(cap.text) not in caption_keys:
                caption_keys.add(norm(cap.text))
                d.captions.append(cap)
            d.last = "caption"
            continue
        if key in caption_keys:
            d.dropped.append(line)
            continue
        if d.last == "para" and d.paragraphs and norm(d.paragraphs[-1]) == key:
            # the same paragraph twice in a row: a repeated photo caption, or a scrape glitch
            if p.caption_cue.search(line) or _next_is_credit(lines, kinds, i, p):
                d.captions.append(Caption(d.paragraphs.pop(), None))
                d.spans.pop()
                d.blocks.pop()
                caption_keys.add(key)
                d.last = "caption"
            d.dropped.append(line)
            continue
        if words(line) <= 2 and not line.endswith(TERMINAL) and not p.agency_any.fullmatch(line):
            d.dropped.append(line)          # menu words: "Once", "Monthly", "Preview"
            continue
        if d.glued and d.last == "para" and not d.paragraphs[-1].endswith(TERMINAL) and line[:1].islower():
            d.paragraphs[-1] += " " + line  # a hard-wrapped paragraph
            d.spans[-1] = (d.spans[-1][0], i)
        else:
            d.paragraphs.append(line)
            d.blocks.append(d.block)
            d.spans.append((i, i))
            d.body_at = i if d.body_at is None else d.body_at
        d.last, d.glued = "para", True
        body_started = body_started or is_prose(line)
    drop_appeals(d, p)
    keep_story(d, lines, kinds, p)
    return d


EMBED_CREDIT = re.compile(r"^[—–-]\s*\S.*\(@\w+\)")
MARKER_COST = 15        # a "Read more" / "Related" / newsletter line between two paragraphs
FURNITURE_COST = 1.5    # any other line left out of the body between two paragraphs


TEASER_GLUE = re.compile(r"(?<=[a-z]{2}[?!’'”)]|[a-z]{3})(?=[A-Z](?:[a-z]|\s))")
TIMED_TEASER = re.compile(r"^\d{1,2}:\d{2}(?=[A-Z‘'\"“])")     # "14:48Headline of another story"


def glued_teaser(para: str) -> bool:
    """A teaser card of another story, its headline run into its summary with no
    space ("Ford Recalls Pickups Over Loose CableFord is recalling ..."): the
    words before the join are a headline in title case."""
    for m in TEASER_GLUE.finditer(para):
        head = para[:m.start()].split()
        if len(head) >= 3 and sum(w[:1].isupper() or w[:1].isdigit() for w in head) >= 0.7 * len(head):
            return True
    return False


def paragraph_weight(para: str) -> float:
    """How much a paragraph looks like story text: its words when it reads as
    sentences, a small cost when it is a short label or a link (menus, other
    stories' headlines, footers)."""
    n = words(para)
    if glued_teaser(para) or TIMED_TEASER.match(para) or (para.endswith(("...", "…")) and n < 40):
        return -(3 + n / 4)         # a teaser card, or a teaser cut short
    if is_prose(para) or (n >= 4 and para.endswith(TERMINAL) and not para.endswith("?")):
        return n
    if EMBED_CREDIT.match(para):
        return 1            # "— Name (@handle) May 2, 2024" under an embedded post: part of the story
    if n >= 20 and re.search(r"[,;.]", para):
        return 0.7 * n              # a long sentence without its full stop (a tag cloud has no punctuation)
    return -(3 + n / 4)


def is_marker(line: str, p: Patterns) -> bool:
    """A heading of a box of other stories or a newsletter offer ("Related", "Most Popular")."""
    return words(line) <= 12 and bool(p.brk.match(line))


def gap_cost(lines: list[str], kinds: list[str], a: int, b: int, p: Patterns) -> tuple[float, int]:
    """The cost of the lines strictly between lines ``a`` and ``b`` that the body
    left out (a marker line costs MARKER_COST, any other line FURNITURE_COST), and
    how many there are."""
    cost, count = 0.0, 0
    for k in range(a + 1, b):
        if not lines[k] or kinds[k] == "title":
            continue
        cost += MARKER_COST if is_marker(lines[k], p) else FURNITURE_COST
        count += 1
    return cost, count


ROW_WEIGHT = 0.8        # per word of a table row or results line
LEAD_BONUS = 20         # for the first paragraph under the title,
LEAD_NEAR = 8           # when it starts within this many lines of it
ESCALATE = 4            # furniture items in a row that double the cost of the next
MIN_STORY = 8           # the least weight of a story (a ten-word flash has 10)
FIGURE = re.compile(r"\d+(?:[.,:]\d+)*")
YEAR = re.compile(r"\b(?:19|20)\d\d\b")
LINK_COUNT = re.compile(r"^\D+\(\d+\)$")                # "November (113)": an archive or category link
LIST_NUMBER = re.compile(r"^\(?\d{1,2}[.)]\s")     # "1. ", "2) ": a numbered list, not a figure


DENSE_ROW = 0.25        # share of a row's words that are figures, for rows a blank line apart


def dense_row(para: str) -> bool:
    """A row that is mostly figures ("Barcelona 16 10 4 2 46 21 34", "Net 6.20 5.36"),
    or names and figures ("Holon 1 Hapoel Haifa 2"), no sentence: it stays a row even
    where the page puts blank lines between rows. A headline with two figures has
    lower-case words between them ("Shares rise 2% as oil climbs to $85")."""
    figures = len(FIGURE.findall(para))
    names_only = all(w[:1].isupper() for w in FIGURE.sub(" ", para).split() if w[:1].isalpha())
    return figures >= DENSE_ROW * max(1, words(para)) and (figures >= 3 or names_only) \
        and not sentence_end(para)


def sentence_end(para: str) -> bool:
    """True when the line ends a sentence; a note in brackets closing a row of a
    table ("Eastgate 95 ( OT )") does not, but a line all in brackets (a note, a
    contact line under the story) does."""
    if para.startswith(("(", "[")):
        return para.endswith(TERMINAL)
    return para.rstrip(")] ").endswith(TERMINAL)


COLUMN_SHARE = 1 / 3   # share of a row's words that are figures, for rows matched by their columns


def same_columns(row: str, para: str) -> bool:
    """Two rows of one table a blank line apart: as many figures in each, a third
    of their words or more, no sentence ("Dividend 2.10 crowns 1.90 crowns" over
    "Payout 0.45 crowns 0.40 crowns", "Oslo 4 -2 snow" over "Bergen 7 3 rain"). Headlines in a
    list have words between their figures, and rarely the same count."""
    counts = [len(FIGURE.findall(x)) for x in (row, para)]
    return counts[0] == counts[1] >= 2 and not (sentence_end(row) or sentence_end(para)) \
        and all(n >= COLUMN_SHARE * words(x) for n, x in zip(counts, (row, para)))


def data_rows(d: Draft) -> set[int]:
    """Paragraphs that are rows of a table or a results list: three or more
    one-line paragraphs in a row, with no blank line between them (or a blank line
    between rows that are mostly figures), each with two figures or more
    ("3 Jane Doe (KEN) 2:05:11", "Arsenal 2 Chelsea 1"); a list of headlines has a
    figure here and there. Tables and results are story, not furniture."""
    rows: set[int] = set()
    run: list[int] = []
    for k, para in enumerate(d.paragraphs):
        figured = len(FIGURE.findall(para)) >= 2 and words(para) <= 25 \
            and not TIMED_TEASER.match(para) and not LINK_COUNT.match(para)
        if figured and run and run[-1] == k - 1 and (d.blocks[run[-1]] == d.blocks[k]
                                                     or dense_row(para) and dense_row(d.paragraphs[k - 1])
                                                     or same_columns(d.paragraphs[k - 1], para)):
            run.append(k)
            continue
        if len(run) >= 3:
            rows.update(run)
        run = [k] if figured else []
    if len(run) >= 3:
        rows.update(run)
    return rows


TEASER_WEIGHT = 0.25    # of a summary between other stories' headlines


def teaser_summaries(paras: list[str]) -> set[int]:
    """Prose paragraphs that stand alone between two headlines (or a headline and
    the end): the summaries of a list of other stories, not a story section,
    which runs to several paragraphs under its subhead."""
    def head(k: int) -> bool:
        return 0 <= k < len(paras) and 3 <= words(paras[k]) <= 20 and not paras[k].endswith(TERMINAL) \
            and (paras[k][:1].isupper() or paras[k][:1].isdigit() or paras[k][:1] in "\"“‘'")
    return {k for k, para in enumerate(paras)
            if is_prose(para) and head(k - 1) and (k + 1 == len(paras) or head(k + 1))}


def story_weights(d: Draft, lines: list[str], kinds: list[str], p: Patterns) -> list[tuple[float, float]]:
    """Per paragraph: its weight and the cost of the furniture above it. Furniture
    costs more the longer it runs without story between (every ESCALATE items
    add its base cost again), so a long menu or link list is a wall the story
    does not cross, while a subhead or an advert line inside it is cheap."""
    rows = data_rows(d)
    teasers = teaser_summaries(d.paragraphs)
    lead = next((k for k, (a, _) in enumerate(d.spans) if d.title_at is not None and a > d.title_at), None)
    if lead is not None and d.spans[lead][0] - d.title_at > LEAD_NEAR:
        lead = None
    out, furniture = [], 0
    for k, para in enumerate(d.paragraphs):
        w = ROW_WEIGHT * words(para) if k in rows else paragraph_weight(para)
        w = TEASER_WEIGHT * w if k in teasers else w
        w += LEAD_BONUS if k == lead else 0
        start = d.spans[k - 1][1] if k else (d.title_at if d.title_at is not None else -1)
        cost, count = gap_cost(lines, kinds, start, d.spans[k][0], p)
        cost *= 1 + furniture / ESCALATE
        furniture += count
        if w < 0:
            w *= 1 + furniture / ESCALATE
            furniture += 1
        else:
            furniture = 0
        out.append((w, cost))
    return out


def keep_story(d: Draft, lines: list[str], kinds: list[str], p: Patterns) -> None:
    """Keep the densest run of paragraphs: the contiguous run whose weights, less
    the cost of the furniture between them, sum highest. Menus, link lists, other
    stories' headlines and footers around the story fall outside it. A page that
    is only a table or a list of figures under a headline is kept whole."""
    if len(d.paragraphs) != len(d.spans) or not d.paragraphs:
        return
    best, best_at, run, run_at = float("-inf"), (0, 0), 0.0, 0
    for k, (w, cost) in enumerate(story_weights(d, lines, kinds, p)):
        if k == 0 or run - cost <= 0:
            # a run starting under a marker line starts inside the box it heads
            run, run_at = w - (MARKER_COST if cost >= MARKER_COST else 0), k
        else:
            run += w - cost
        if run > best:
            best, best_at = run, (run_at, k)
    a, b = best_at
    if table_only(d, p):
        a, b = 0, len(d.paragraphs) - 1
    elif best < MIN_STORY:
        a, b = 0, -1
    box = box_items(d, lines, kinds, a, b, p, data_rows(d))
    d.weak = d.paragraphs[:a] + d.paragraphs[b + 1:] + [d.paragraphs[k] for k in box]
    keep = [k for k in range(a, b + 1) if k not in box]
    d.dropped += d.weak
    d.paragraphs = [d.paragraphs[k] for k in keep]
    d.spans = [d.spans[k] for k in keep]
    d.blocks = [d.blocks[k] for k in keep]


TABLE_ROWS = 3          # data lines in a row that make a table or a list of figures
DATA_LINE_WORDS = 12    # a data line is short


def data_line(para: str) -> bool:
    """A line of a table or a list of figures ("Jane Doe (Green) 1,204", "Upper
    slopes 140 cm"): short, a figure for every four words or more, not only a year
    ("© 2024 The Courier"), no sentence, no numbered list item or link count."""
    figures = len(FIGURE.findall(YEAR.sub(" ", para)))
    return 0 < figures and DENSE_ROW * words(para) <= figures and words(para) <= DATA_LINE_WORDS \
        and not (sentence_end(para) or LIST_NUMBER.match(para) or LINK_COUNT.match(para) or TIMED_TEASER.match(para))


def table_only(d: Draft, p: Patterns) -> bool:
    """A headline over nothing but a table or a list of figures (a results page, a
    forecast, a price list): TABLE_ROWS data lines or more in a row, and data
    lines half the paragraphs or more. Such a page is an article, all of it, though
    no run of its paragraphs weighs as story. Without a title, the first paragraph
    is the headline when it has a headline's shape (wire copy closes it with " .")."""
    if d.title is None and not (d.paragraphs and is_headline(d.paragraphs[0].rstrip(" ."), p)):
        return False
    flags = [data_line(para) for para in d.paragraphs]
    longest = run = 0
    for flag in flags:
        run = run + 1 if flag else 0
        longest = max(longest, run)
    return longest >= TABLE_ROWS and 2 * sum(flags) >= len(flags)


def box_items(d: Draft, lines: list[str], kinds: list[str], a: int, b: int, p: Patterns,
              rows: set[int]) -> set[int]:
    """The items of a box of other stories that stands inside the story: the
    paragraphs right under a marker line ("Related") that are headlines, not
    sentences."""
    out: set[int] = set()
    k = a + 1
    while k <= b:
        if any(is_marker(lines[i], p) for i in range(d.spans[k - 1][1] + 1, d.spans[k][0])):
            while k <= b and k not in rows and paragraph_weight(d.paragraphs[k]) < 0:
                out.add(k)
                k += 1
        k += 1
    return out


def outlet_line(line: str, p: Patterns) -> str | None:
    """A publication's name alone on the line under a byline: a known
    outlet, perhaps with the reporter's place ("BBC News, Lusaka"), an unlisted
    paper's name ("... Gazette") with a known place, or "The" and up to four capitalised words. A wire
    agency there is a credit, and a job ("Senior Correspondent, Lusaka") no site."""
    head, _, place = (x.strip() for x in line.partition(","))
    known = p.outlet_names.get(line.lower()) or p.outlet_names.get(head.lower())
    if known and head not in p.agency_names and known not in p.agency_names:
        return known
    if place and head not in p.agency_names and is_outlet_name(head, p) and p.press_word.search(head) \
            and not p.desk_word.search(head) and gazetteer().place(place):
        return head       # "Harbour Gazette, Lusaka": an unlisted paper and the reporter's city
    return line if re.fullmatch(r"The(?: [A-Z][\w’'&.\-]*){1,4}", line) and not is_stamp(line, p) else None


def _follows_title(lines: list[str], kinds: list[str], i: int, title_at: int) -> bool:
    """True when only blank lines stand between the title and line ``i``."""
    return title_at is not None and title_at < i and all(kinds[k] == "blank" for k in range(title_at + 1, i))


def drop_appeals(d: Draft, p: Patterns) -> None:
    """Drop donation, newsletter and cookie appeals: a paragraph with two appeal
    phrases, or a run of short lines that has two between them; and a short
    label line ending in ":" just before an appeal."""
    hits = [sum(1 for rx in p.appeal if rx.search(para)) if p.appeal_any.search(para) else 0
            for para in d.paragraphs]
    appeal = [h >= 2 for h in hits]
    by_block: dict[int, list[int]] = {}
    for n, b in enumerate(d.blocks[:len(d.paragraphs)]):
        by_block.setdefault(b, []).append(n)
    for members in by_block.values():
        if len(members) > 1 and sum(hits[n] for n in members) >= 2 and \
                all(words(d.paragraphs[n]) <= 40 for n in members) and len(members) <= 8:
            for n in members:
                appeal[n] = True
    for n in range(len(d.paragraphs) - 1):
        if appeal[n + 1] and d.paragraphs[n].endswith(":") and words(d.paragraphs[n]) <= 8:
            appeal[n] = True
    d.dropped += [para for para, a in zip(d.paragraphs, appeal) if a]
    d.spans = [span for span, a in zip(d.spans, appeal) if not a]
    d.blocks = [block for block, a in zip(d.blocks, appeal) if not a]
    d.paragraphs = [para for para, a in zip(d.paragraphs, appeal) if not a]


def find_title(piece: Piece, p: Patterns) -> int | None:
    """The index of the title line: the repeated headline that opens the piece,
    else the first headline-shaped line of three words or more before the body.
    Site furniture is passed over: a navigation line ("NEWS | Markets | Crude") and
    a short all-capitals masthead ("THE DAILY COURIER") when a headline follows."""
    if piece.title_line is not None:
        return piece.title_line
    found: list[int] = []
    for i, (line, kind) in enumerate(zip(piece.lines, piece.kinds)):
        if kind != "text":
            continue
        if inline_caption(line, p) or credit_only(line, p) or glued_teaser(line) or is_marker(line, p):
            continue                          # a caption, another story's teaser or a box heading above the headline
        if (is_prose(line) or words(line) > 25) and not (words(line) <= 30 and any(rx.search(line) for rx in p.appeal)):
            break                             # the body begins (an appeal above the title does not count)
        if (i + 1) in piece.wrapped or _table_starts(i, piece):
            break                             # the body (a paragraph, a table) begins
        if not found and caps_headline(line, p):
            return i                          # "SOCCER - LEAGUE RESULTS." on the first line of wire copy
        if words(line) >= 3 and is_headline(line, p) and not is_byline(line, p, header=True) \
                and not is_navigation(line) and not in_menu_block(i, piece.lines, p):
            found.append(i)
            if not is_masthead(line):
                break
    if not found:
        return None
    real = [i for i in found if not is_masthead(piece.lines[i])]
    return real[0] if real else found[0]


def _table_starts(i: int, piece: Piece) -> bool:
    """True when line ``i`` is a row mostly of figures ("Revenue 412.50 398.10") and the
    next text line is another: a table begins, not a headline ("Arsenal 2 Chelsea 1"
    over a report is a headline)."""
    def row(x: str) -> bool:
        return len(FIGURE.findall(x)) >= 2 and dense_row(x)
    line = piece.lines[i]
    after = next((x for x, kind in zip(piece.lines[i + 1:], piece.kinds[i + 1:]) if kind == "text"), "")
    return row(line) and (row(after) or same_columns(line, after))


def caps_headline(line: str, p: Patterns) -> bool:
    """A wire headline in capitals closed by a full stop ("SOCCER - LEAGUE RESULTS.")."""
    letters = [c for c in line if c.isalpha()]
    return 2 <= words(line) <= 14 and line.endswith(".") and len(letters) >= 6 \
        and all(c.isupper() for c in letters) and not is_stamp(line, p)


def is_navigation(line: str) -> bool:
    """Menu or section trail: three or more short parts between bars or bullets, or
    menu items run together ("ContributorsPublishersAdvertisers")."""
    parts = [x for x in re.split(r"\s+(?:[|·•›»]|>>?)\s+", line) if x.strip()]
    if len(parts) >= 3 and all(words(x) <= 3 for x in parts):
        return True
    if len(parts) >= 2 and parts[0].lower() == "home" and all(words(x) <= 4 for x in parts):
        return True     # a breadcrumb trail: "Home >> Africa"
    glued = len(re.findall(r"[a-z][A-Z]", line))
    return glued >= 2 and glued * 4 >= words(line) and not line.endswith(TERMINAL)


MENU_ITEM_WORDS = 6     # a menu item is a short line


def in_menu_block(i: int, lines: list[str], p: Patterns) -> bool:
    """True when line ``i`` stands in a block of three or more lines with no blank
    between them, each a short label without a full stop (a site menu); bylines and
    stamps in the block do not count."""
    a, b = i, i
    while a > 0 and lines[a - 1]:
        a -= 1
    while b + 1 < len(lines) and lines[b + 1]:
        b += 1
    items = [line for line in lines[a:b + 1] if not (is_byline(line, p, header=True) or is_stamp(line, p))]
    return len(items) >= 3 and all(words(x) <= MENU_ITEM_WORDS and not x.endswith(TERMINAL) for x in items)


def is_masthead(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return words(line) <= 4 and bool(letters) and all(c.isupper() for c in letters)


def _next_is_credit(lines, kinds, i, p) -> bool:
    for j in range(i + 1, min(len(lines), i + 4)):
        if kinds[j] == "text":
            return bool(credit_only(lines[j], p))
    return False


def _attach_credit(d: Draft, credit: str, p: Patterns) -> None:
    """A credit line belongs to the caption just before it; a caption run into
    the paragraph before it is cut out of that paragraph."""
    if d.last == "caption" and d.captions and d.captions[-1].credit is None:
        d.captions[-1].credit = credit
    elif d.last == "para" and d.paragraphs:
        para = d.paragraphs[-1]
        spans = split_sentences(para)
        cut = None
        for s, e in spans[max(0, len(spans) - 3):]:
            sentence = para[s:e]
            if p.caption_verb.search(sentence) and not re.search(r"[\"“”]|\bsaid\b", sentence):
                cut = s
                break
        if cut is None and d.glued and words(para) <= 60 and "\n" not in para:
            cut = 0     # a one-line caption directly above its credit
        if cut is None:
            d.captions.append(Caption(None, credit))
        else:
            d.captions.append(Caption(para[cut:].strip(), credit))
            rest = para[:cut].rstrip()
            if rest:
                d.paragraphs[-1] = rest
            else:
                d.paragraphs.pop()
                d.spans.pop()
                d.blocks.pop()
    else:
        d.captions.append(Caption(None, credit))
    d.last = "caption"


# ----------------------------------------------------------------- title and publication stamp

GLUE = re.compile(r"(?<=[a-z.!?”\"')])(?=[A-Z0-9])")      # "...underwaySaturday", "...2014Chinese"
TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\b")


def split_title(line: str, p: Patterns) -> tuple[str, str | None]:
    """The title without what the page ran on to it (a photo caption, a stamp
    glued to its last word), and the date of that stamp."""
    for rx in p.title_run_ons:
        m = rx.search(line)
        if m and words(line[:m.start()]) >= 3:
            line = line[:m.start()].rstrip()
    for m in GLUE.finditer(line):
        tail = line[m.start():]
        found = dates.stamps(tail)
        if words(line[:m.start()]) >= 3 and found and is_stamp(tail, p):
            return line[:m.start()].rstrip(), found[0].iso
    return line, None


def stamp_of(line: str, p: Patterns, strict: bool = False) -> str | None:
    """The publication date a stamp line prints. A line with two dates prefers the
    one labelled published/created/posted. ``strict`` (above the headline, where a
    site prints today's date) also asks for a clock time or a label."""
    found = dates.stamps(line)
    if not found or words(line) > 20:
        return None
    labelled = p.stamp_label.search(line)
    if strict and not (labelled or TIME.search(line)):
        return None
    for m in p.stamp_label.finditer(line):
        after = [s for s in found if s.start >= m.end()]
        if after and not m.group(0).lower().startswith(("updated", "modified", "last")):
            return after[0].iso
    return found[0].iso


def find_published(piece: Piece, d: Draft, p: Patterns) -> str | None:
    """The date a page prints as its publication stamp: run on to the title, on a
    line between title and body (or above the title, with a time or label), run on
    to the first paragraph or in its dateline, or a labelled stamp anywhere."""
    if d.stamp:
        return d.stamp
    lines = piece.lines
    top = d.title_at if d.title_at is not None else -1
    end = d.body_at if d.body_at is not None else len(lines)
    for i in range(0, end):
        if i != top and piece.kinds[i] != "blank" and not inline_caption(lines[i], p):
            date = stamp_of(lines[i], p, strict=i < top)
            if date:
                return date
    if d.paragraphs:
        date = lead_stamp(d.paragraphs[0], p)
        if date:
            return date
    for line in lines[end:]:
        if p.stamp_label.match(line) and not line.lower().startswith(("updated", "modified", "last")):
            date = stamp_of(line, p)
            if date:
                return date
    return None


def lead_stamp(para: str, p: Patterns) -> str | None:
    """A date opening the first paragraph ("August 3, 2014Chinese officials ...") or
    printed in its dateline ("MOSCOW, 13.10.2023 (TASS) -", "LONDON (Agency - 15th
    September, 2021)")."""
    found = dates.stamps(para[:160])
    if not found:
        return None
    first = found[0]
    if first.start == 0 and re.match(r"[A-Z]|\s*(?:--|[-–—|])\s", para[first.end:]):
        return first.iso
    head = p.dateline.match(para)
    if head and first.end <= head.end():
        return first.iso
    return None


def cut_lead_stamp(para: str) -> str:
    """The first paragraph without a stamp glued to its first word."""
    found = dates.stamps(para[:40])
    if found and found[0].start == 0 and para[found[0].end:found[0].end + 1].isupper():
        return para[found[0].end:]
    return para


# ----------------------------------------------------------------- outlet and agencies

def find_outlet(text: str, p: Patterns) -> str | None:
    """The publication the text names as itself, or None: the name whose signs
    (``data/outlets.yml``) count 2 or more, the highest count winning. A line
    counts once for a name, by its strongest sign."""
    signs: dict[tuple[str, int], int] = {}
    for sig in p.signatures:
        for m in sig.rx.finditer(text):
            name, weight = _sign(clean_outlet(m.group("outlet"), p), sig, p)
            if name:
                key = (name, text.count("\n", 0, m.start()))
                signs[key] = max(signs.get(key, 0), weight)
    for site, line in dateline_sites(text, p):
        signs[(site, line)] = max(signs.get((site, line), 0), 2)
    site = masthead_site(text, p)
    if site:
        line = text.count("\n", 0, text.find(text.strip()[:20]))
        signs[(site, line)] = max(signs.get((site, line), 0), 2)
    counts: dict[str, int] = {}
    for (name, _), weight in signs.items():
        counts[name] = counts.get(name, 0) + weight
    good = [(n, c) for n, c in counts.items() if c >= 2]
    if not good:
        return None
    return max(good, key=lambda nc: nc[1])[0]


def clean_outlet(captured: str, p: Patterns) -> str:
    """A captured name without "All rights reserved", a company suffix ("Ltd.")
    or closing punctuation."""
    captured = re.split(r"\.?,?\s+(?i:all rights reserved)", captured.strip())[0]
    return p.company_suffix.sub("", captured).strip().rstrip(".,")


def _sign(captured: str, sig: Signature, p: Patterns) -> tuple[str | None, int]:
    """The name one sign gives and its weight: a listed publication counts double,
    an unlisted one only in open shapes, a wire agency at most 1 (its copy carries
    its name on other sites too), and a word like "Opinion" or "Getty Images" not at all."""
    name = _exact_outlet(captured, p) if sig.exact else _known_outlet(captured, p)
    if name is None and (sig.known_only or sig.exact or not is_outlet_name(captured, p)):
        return None, 0
    weight = 2 * sig.weight if name else sig.weight
    if not sig.agency_ok and (captured in p.agency_names or name in p.agency_names):
        weight = min(weight, 1)
    return name or captured, weight


def _exact_outlet(captured: str, p: Patterns) -> str | None:
    """The listed publication ``captured`` names whole, or with one section word
    after it ("Euronews Business")."""
    head = captured.rsplit(" ", 1)[0]
    return p.outlet_names.get(captured.lower()) or p.outlet_names.get(head.lower())


def is_outlet_name(text: str, p: Patterns) -> bool:
    """True when ``text`` has the shape of a publication's name and is not a
    section, a photo agency or another word listed in ``not_outlets``."""
    return bool(p.outlet_name.fullmatch(text)) and text.lower() not in p.not_outlets \
        and re.sub(r"^the\s+", "", text.lower()) not in p.not_outlets


def dateline_sites(text: str, p: Patterns) -> list[tuple[str, int]]:
    """Sites a dateline names beside a wire agency ("LONDON (Harbour News / AFP -
    15th May, 2021) Officials ..."), with their line numbers: the first part of
    each such bracket that is neither an agency nor a date."""
    found = []
    for m in p.dateline_credit.finditer(text):
        parts = [x.strip() for x in p.credit_parts.split(m.group("credit")) if x.strip()]
        if not any(x in p.agency_names for x in parts):
            continue
        sites = [x for x in parts if x not in p.agency_names and not re.search(r"\d", x) and is_outlet_name(x, p)]
        if sites:
            found.append((sites[0], text.count("\n", 0, m.start())))
    return found


def masthead_site(text: str, p: Patterns) -> str | None:
    """The site a page's first line names in capitals above its menu: "HARBOUR
    GAZETTE" over "News | Sport | Obituaries", or "HARBOUR GAZETTE | News | Sport"."""
    lines = [x.strip() for x in text.splitlines() if x.strip() and not DATE_LINE.match(x)][:2]
    if len(lines) < 2:
        return None
    parts = [x.strip() for x in MENU_BAR.split(lines[0])]
    menu = parts[1:] if len(parts) > 1 else [x.strip() for x in MENU_BAR.split(lines[1])]
    if len(menu) < (1 if len(parts) > 1 else 3) or any(words(x) > 3 for x in menu):
        return None
    head = parts[0]
    if words(head) < 2 or not is_masthead(head):
        return None
    small = {"THE": "the", "AND": "and", "OF": "of"}
    name = " ".join(small.get(w, w if len(w) <= 3 else w.capitalize()) for w in head.split())
    name = name[0].upper() + name[1:]
    listed = p.outlet_names.get(name.lower())
    if not listed and (not is_outlet_name(name, p) or gazetteer().major_place(name)):
        return None
    return listed or name


MENU_BAR = re.compile(r"\s+[|·•]\s+")


def title_site(title: str | None, p: Patterns) -> tuple[str | None, str | None]:
    """A page title cut from the " | Site" it ends in ("Headline | World news |
    Harbour Gazette"), and the site; the title as it is and None when the last part
    is no site (an agency, a section, a place) or the parts between are not short labels."""
    parts = [x.strip() for x in p.title_site.split(title or "")]
    if len(parts) < 2 or words(parts[0]) < 3 or any(words(x) > 3 for x in parts[1:-1]):
        return title, None
    site = parts[-1]
    listed = p.outlet_names.get(site.lower())
    if site in p.agency_names or not is_outlet_name(site, p) or (not listed and gazetteer().major_place(site)):
        return title, None
    return parts[0], listed or site


def same_outlets(articles: list[Article]) -> None:
    """Give one name to an outlet that pages name in several forms, differing only
    by a leading "The" or a trailing word like "News" ("Harbour Point" and
    "Harbour Point News"): the listed name, else the commonest form, else the shortest."""
    p = patterns()
    listed = set(p.outlet_names.values())
    forms: dict[str, dict[str, int]] = {}
    for a in articles:
        if a.outlet:
            group = forms.setdefault(_outlet_key(a.outlet, p), {})
            group[a.outlet] = group.get(a.outlet, 0) + 1
    best = {key: min(group, key=lambda n: (n not in listed, -group[n], len(n))) for key, group in forms.items()}
    for a in articles:
        if a.outlet:
            a.outlet = best[_outlet_key(a.outlet, p)]


def _outlet_key(name: str, p: Patterns) -> str:
    """An outlet's name without a leading "The" or a trailing generic word, in lower case."""
    return p.outlet_tail.sub("", re.sub(r"^the\s+", "", name.lower())).strip()


def byline_outlet(byline: str | None, p: Patterns) -> str | None:
    """A byline that is a known publication, not a wire agency ("By Global Times")."""
    if not byline:
        return None
    who = re.sub(r"^(?i:by)\s+", "", byline).strip()
    if who in p.agency_names:
        return None
    return p.outlet_names.get(who.lower())


def _known_outlet(captured: str, p: Patterns) -> str | None:
    """The known publication named by the longest run of the captured words."""
    parts = captured.split()
    for size in range(len(parts), 0, -1):
        for k in range(len(parts) - size + 1):
            name = p.outlet_names.get(" ".join(parts[k:k + size]).lower())
            if name:
                return name
    return None


def agency_credit_line(line: str, p: Patterns) -> list[str]:
    """The agencies a closing credit line names ("mkg/hc (Reuters, AFP)", "-- AFP"),
    or [] when the line is not one."""
    if words(line) > 16:
        return []
    for rx in p.closing_credit:
        m = rx.match(line)
        if m:
            return [p.agency_names[a.group("agency")] for a in p.agency_any.finditer(m.group("names"))]
    return []


def find_agencies(byline: str | None, body: str, p: Patterns) -> list[str]:
    """Agencies the byline names, then those the body credits, in order of appearance."""
    found: list[tuple[int, str]] = []
    if byline:
        found += [(-1, p.agency_names[m.group("agency")]) for m in p.agency_any.finditer(byline)]
    if p.agency_any.search(body):         # every credit pattern holds an agency's name
        for rx in p.agency_credit:
            found += [(m.start("agency"), p.agency_names[m.group("agency")]) for m in rx.finditer(body)]
    names = [name for _, name in sorted(found)]
    return sorted(set(names), key=names.index)


# ----------------------------------------------------------------- entry point

def story_weight(d: Draft) -> int:
    """How much story a draft holds: the words of its prose paragraphs."""
    return sum(words(para) for para in d.paragraphs if is_prose(para))


def is_article(d: Draft) -> bool:
    """A draft with a body of reporting, not site boilerplate only. keep_story
    has kept only a run of paragraphs that weighs at least MIN_STORY, so a brief
    (a headline and a ten-word flash) is an article."""
    return sum(words(para) for para in d.paragraphs) >= MIN_STORY


def draft(piece: Piece, p: Patterns) -> Draft:
    """The piece read, with its stated or printed date and the first paragraph
    without a stamp glued to it."""
    d = read_piece(piece, p)
    d.published = piece.published or find_published(piece, d, p)
    if d.paragraphs:
        d.paragraphs[0] = cut_lead_stamp(d.paragraphs[0])
    return d


JOIN_GAIN = 1.2     # a piece joins the story before it when that adds a fifth more story


def joined(a: Piece, b: Piece) -> Piece:
    """Two neighbouring pieces of one page as one (a repeated table header or
    subhead had cut the story)."""
    n = len(a.lines)
    return Piece(a.lines + b.lines, a.published, a.kinds + b.kinds, a.wrapped | {i + n for i in b.wrapped},
                 title_line=a.title_line, own_page=a.own_page, page=a.page)


def grown(more: Piece, piece: Piece, d: Draft, p: Patterns) -> tuple[Piece, Draft, bool]:
    """``more`` (the piece joined to a neighbour) when it holds JOIN_GAIN times the
    story, else the piece as it was; and whether it grew."""
    if more.page != piece.page:
        return piece, d, False
    d_more = draft(more, p)
    if story_weight(d_more) <= JOIN_GAIN * story_weight(d):
        return piece, d, False
    return more, d_more, True


def stories(found: list[Piece], p: Patterns) -> list[tuple[Piece, Draft]]:
    """One article per page: of the pieces a page was cut into (at headlines the
    page repeats: menus, teasers of other stories above or below the story), the
    one holding the most story, joined to the pieces after it while that holds
    more story still. The page's stated date stays with it."""
    best: dict[int, int] = {}
    drafts = [draft(piece, p) for piece in found]
    for n, (piece, d) in enumerate(zip(found, drafts)):
        if is_article(d) and (piece.page not in best or story_weight(d) > story_weight(drafts[best[piece.page]])):
            best[piece.page] = n
    out = []
    for page, n in sorted(best.items()):
        piece, d = found[n], drafts[n]
        for before in reversed(found[:n]):
            piece, d, grew = grown(joined(before, piece), piece, d, p)
            if before.page != page or not grew:
                break
        for after in found[n + 1:]:
            piece, d, grew = grown(joined(piece, after), piece, d, p) if after.page == page else (piece, d, False)
            if not grew:
                break
        d.published = next(pc for pc in found if pc.page == page).published or d.published
        out.append((piece, d))
    return out


HEADLINE_ONLY = "only a headline: no article text under it"
NO_STORY = "no article text found (only site boilerplate)"


def why_no_article(text: str) -> str:
    """Why a file gives no article: it holds only a headline (perhaps with a
    byline or date), or only site furniture."""
    p = patterns()
    drafts = [read_piece(piece, p) for piece in pieces(text, p)]
    if any(d.title for d in drafts) and not any(d.paragraphs or d.weak for d in drafts):
        return HEADLINE_ONLY
    return NO_STORY


def segment(seed_file: str, text: str) -> list[Article]:
    """All articles in one seed file's text, in file order."""
    p = patterns()
    articles = []
    found = pieces(text, p)
    # an article whose own lines do not name the outlet inherits the file's
    file_outlet = find_outlet("\n".join(line for pc in found if not pc.own_page for line in pc.lines), p) \
        if len(found) > 1 else None
    for piece, d in stories(found, p):
        body = "\n\n".join(d.paragraphs)
        raw = "\n".join(piece.lines)
        articles.append(Article(
            seed_file=seed_file,
            position=len(articles),
            title=d.title,
            byline=d.byline or d.closing,
            published=d.published,
            outlet=d.site or find_outlet(raw, p) or byline_outlet(d.byline, p) or d.outlet
            or (None if piece.own_page else file_outlet),
            wire_agencies=list(dict.fromkeys(find_agencies(d.byline or d.closing, body, p) + d.agencies)),
            body=body,
            captions=d.captions,
            dropped=d.dropped,
        ))
    return articles
