"""The build, start to end: ingest -> segment -> nlp + extract -> resolve and load."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator, NamedTuple

import datetime as dt
import gc
import os
import threading
import time
from contextlib import contextmanager
from functools import partial

try:
    import resource                 # Unix: peak memory for --timings
except ImportError:                 # pragma: no cover - Windows reports none
    resource = None

from . import dates, events, figures, ingest, lexicon, load, nlp, people, quotes, resolve, segment
from .cache import Cache, file_key as cache_file_key, key as cache_key, segments_key
from .gazetteer import from_cache as gazetteer_from_cache, gazetteer
from .records import Article, Extraction, SeedFile
from .runtime import collector_paused

MAX_BODY_CHARS = 200_000    # longer bodies are kept, not read by the NLP stage (290,000 characters took 1 GB, 26 s)


@dataclass
class BuildResult:
    seeds: list[SeedFile] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    cache_hits: int = 0
    cache_misses: int = 0
    seconds: dict[str, float] = field(default_factory=dict)   # wall time of each stage, in order
    peak_mib: dict[str, int] = field(default_factory=dict)    # this process's peak RSS at the end of each stage
    workers_peak_mib: int = 0                                   # the largest worker process's peak RSS

    @property
    def rejected(self) -> list[SeedFile]:
        return [s for s in self.seeds if s.status != "ok"]

    def summary(self, db: Path) -> str:
        by_status: dict[str, int] = {}
        for s in self.seeds:
            by_status[s.status] = by_status.get(s.status, 0) + 1
        detail = ", ".join(f"{n} {status}" for status, n in sorted(by_status.items()))
        return (f"{db}: {len(self.seeds)} files ({detail or 'none'}), {len(self.articles)} articles, "
                f"{len(self.rejected)} rejected")


class Rejected(Exception):
    """``--strict``: some input was not built, so nothing is written."""

    def __init__(self, result: "BuildResult"):
        super().__init__(f"{len(result.rejected)} file(s) not built")
        self.result = result


@contextmanager
def timed(seconds: dict[str, float], stage: str, peaks: dict[str, int] | None = None):
    """Add the wall time of the ``with`` block to ``seconds[stage]``; with ``peaks``, note
    there this process's peak memory (MiB) at its end."""
    start = time.perf_counter()
    try:
        yield
    finally:
        seconds[stage] = seconds.get(stage, 0.0) + time.perf_counter() - start
        if peaks is not None:
            peaks[stage] = peak_mib()


def peak_mib(children: bool = False) -> int:
    """Peak resident memory in MiB of this process (or, with ``children``, of the largest
    child process that has ended); 0 where the system does not say."""
    if resource is None:
        return 0
    return resource.getrusage(resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF).ru_maxrss // 1024


def too_long(article: Article) -> bool:
    return len(article.body) > MAX_BODY_CHARS


def note_too_long(seed: SeedFile, articles: list[Article]) -> None:
    """Say in ``seed_files`` which articles are kept without being read by the NLP stage."""
    notes = [f"article {a.position} has a {len(a.body):,}-character body, over the {MAX_BODY_CHARS:,} the "
             "NLP stage reads; it is kept and searchable, without people, quotes, figures or events"
             for a in articles if too_long(a)]
    if notes:
        seed.reason = "; ".join(filter(None, [seed.reason, *notes]))


def note_bad_dates(seed: SeedFile, bad: list[str]) -> None:
    """Say in ``seed_files`` which date lines name no real day (they state no date)."""
    if bad:
        note = (f"date line {', '.join(bad)} names no real day; it is not taken as the stated date "
                "(write it as YYYY-MM-DD)")
        seed.reason = "; ".join(filter(None, [seed.reason, note]))


def mark_changed(seeds_dir: Path, result: BuildResult) -> None:
    """Files edited on disk after this build read them: built from the version read, and said so."""
    for seed in result.seeds:
        if seed.status == "ok" and ingest.changed_since_read(seeds_dir, seed):
            seed.status = "changed"
            seed.reason = (f"changed on disk while the build ran; its articles are from the version read "
                           f"(sha256 {seed.sha256[:12]}…); build again to include the new one")


def default_cache(db_path: Path) -> Path:
    return db_path.with_name(".dispatches-cache.sqlite")


def run(seeds_dir: Path, db_path: Path, max_bytes: int = ingest.DEFAULT_MAX_BYTES,
        progress: Callable[[SeedFile], None] | None = None, strict: bool = False,
        cache_path: Path | None | bool = True, jobs: int | None = None,
        follow_links: bool = False, executor: str = "local", scheduler: str | None = None,
        paths: list[Path] | None = None) -> BuildResult:
    """Build ``db_path`` from ``seeds_dir``. With ``strict``, any file that is not built
    raises :class:`Rejected` before anything is written (the old database stays).
    ``cache_path``: True for the default cache beside the database, a path, or
    None/False for no cache. ``jobs``: worker processes for the NLP stage (default: the
    machine's cores, up to 4; large builds only). ``follow_links``: read links that point
    outside ``seeds_dir`` (never followed otherwise). ``executor``: ``local`` (this machine's
    processes) or ``dask`` (reading, cutting and the NLP stage as tasks on the Dask cluster at ``scheduler``, or
    on a LocalCluster of ``jobs`` workers when no address is given). ``paths``: the files
    :func:`ingest.iter_seed_paths` lists, when the caller has listed them already."""
    result = BuildResult()
    if paths is None:
        paths = list(ingest.iter_seed_paths(seeds_dir, follow_links))
    store = Cache(default_cache(db_path) if cache_path is True else (cache_path or None))
    jobs = jobs or default_jobs()
    readers = DaskReaders(scheduler, jobs) if executor == "dask" else Readers(jobs)
    took, peaks = result.seconds, result.peak_mib
    with collector_paused():      # many new objects, few cycles (see runtime)
        try:
            gazetteer_from_cache(store)         # before any worker starts: they are forked with it
            with readers:
                with timed(took, "read and cut files (workers start beside)", peaks):
                    if executor != "dask":      # the workers (or a helper) load the model while files are read
                        readers.prepare(len(paths) - store.size(), len(paths))
                    first = Reading(result.articles, store, readers, stream=True)
                    for seed, found in readers.cut_files(paths, seeds_dir, store, max_bytes, follow_links):
                        take(result, seed, found, progress, first.add)
                if strict and result.rejected:
                    raise Rejected(result)
                segment.same_outlets(result.articles)
                reuse: dict = {}        # what the two cross-article passes share (names, the merge of dated articles)
                extract(result.articles, store, readers, reuse, first, took, peaks)
            result.workers_peak_mib = peak_mib(children=True)
            with load.PreviousCopy(db_path) as previous:        # copied while the articles are resolved
                mark_changed(seeds_dir, result)
                if strict and result.rejected:
                    raise Rejected(result)
                with timed(took, "resolve", peaks):
                    resolved = resolve.resolve(result.articles, reuse)
                with timed(took, "write the database", peaks), load.atomic_database(db_path, previous) as db:
                    load.write(db, result.seeds, result.articles, resolved)
        finally:
            result.cache_hits, result.cache_misses = store.hits, store.misses
            store.close(keep=store.used)
    return result


def take(result: BuildResult, seed: SeedFile, found: list[Article],
         progress: Callable[[SeedFile], None] | None, found_articles: Callable[[range], None]) -> None:
    """Add one file and its articles to ``result``, telling ``found_articles`` their indices."""
    result.articles.extend(found)
    found_articles(range(len(result.articles) - len(found), len(result.articles)))
    result.seeds.append(seed)
    if progress:
        progress(seed)


def cut_seed(seed: SeedFile, segments: Callable[[str, str], list[Article]] = segment.segment) -> list[Article]:
    """The articles of one ingested file, cut by ``segments(path, text)`` (the cache's when it
    has them), with what ``seed_files`` should say about them; the text is let go."""
    found: list[Article] = []
    if seed.status == "ok":
        text = seed.text or ""
        found = segments(seed.path, text)
        if not found:
            seed.status, seed.reason = "empty", segment.why_no_article(text)
        seed.article_count = len(found)
        note_too_long(seed, found)
        note_bad_dates(seed, segment.bad_date_lines(text))
    seed.text = None
    return found


class FileRead(NamedTuple):
    """One file read and cut: the file as read (its text let go), the content key of its
    text (None when it was not read), and the file and its articles after cutting."""
    read: SeedFile
    key: str | None
    cut: SeedFile
    articles: list[Article]


def read_and_cut(path: Path, seeds_dir: Path, max_bytes: int, follow_links: bool,
                 store: Cache | None = None, stamped: "Stamped | None" = None) -> FileRead:
    """Read, decode and cut one file. With ``store``: from it, when the file has the stamp
    (:func:`ingest.settled_stamp`) it had when it was read before, else cut with the
    store's segments, and kept there by its stamp when it is settled. ``stamped``: the
    file's stamp and what the store holds under it, looked up already (:func:`read_and_cut_all`)."""
    if stamped is None:
        stamped = stamp_and_look_up([path], seeds_dir, max_bytes, follow_links, store)[0]
    stamp, k, known = stamped
    if known is not None:
        return FileRead(*known)
    seed = ingest.read_seed(path, seeds_dir, max_bytes, follow_links)
    text = seed.text
    cut = replace(seed)
    segments = partial(store.segments, segment=segment.segment) if store is not None else segment.segment
    out = FileRead(replace(seed, text=None), ingest.content_key(text) if text else None, cut, cut_seed(cut, segments))
    if k and text and seed.stamp == (stamp[2], stamp[3]):     # read as stamped: size and modified time
        store.put_file(k, out[:3], segments_key(seed.path, text))
    return out


class Stamped(NamedTuple):
    """A file's stamp (None when it is not settled), its key in the store, and what the
    store holds under that key (:meth:`Cache.files`)."""
    stamp: tuple | None
    key: str | None
    known: tuple | None


def stamp_and_look_up(paths: list[Path], seeds_dir: Path, max_bytes: int, follow_links: bool,
                      store: Cache | None) -> list[Stamped]:
    """Each file's :class:`Stamped`, the store asked once for all of them."""
    if store is None:
        return [Stamped(None, None, None)] * len(paths)
    stamps = [ingest.settled_stamp(path) for path in paths]
    keys = [cache_file_key(path.relative_to(seeds_dir).as_posix(), stamp, (max_bytes, follow_links)) if stamp else None
            for path, stamp in zip(paths, stamps)]
    known = store.files([k for k in keys if k])
    return [Stamped(stamp, k, known.get(k)) for stamp, k in zip(stamps, keys)]


def read_and_cut_all(paths: list[Path], seeds_dir: Path, max_bytes: int, follow_links: bool,
                     store: Cache | None = None, batch: int = 512) -> Iterator[FileRead]:
    """:func:`read_and_cut` of each file in turn, the store asked once per ``batch`` files."""
    for n in range(0, len(paths), batch):
        part = paths[n:n + batch]
        for path, stamped in zip(part, stamp_and_look_up(part, seeds_dir, max_bytes, follow_links, store)):
            yield read_and_cut(path, seeds_dir, max_bytes, follow_links, store, stamped)


def first_copies(reads: Iterable[FileRead]) -> Iterator[tuple[SeedFile, list[Article]]]:
    """Each file with its articles; a later copy of an earlier file's text is a duplicate, without articles."""
    seen: dict[str, str] = {}
    for read, key, cut, found in reads:
        if key is not None and ingest.mark_duplicate(read, key, seen):
            yield read, []
        else:
            yield cut, found


def ingest_and_cut(paths: list[Path], seeds_dir: Path, max_bytes: int, follow_links: bool) -> list[FileRead]:
    """A Dask task: read and cut ``paths`` (the client decides which files are duplicates of earlier ones)."""
    return [read_and_cut(path, seeds_dir, max_bytes, follow_links) for path in paths]


PARALLEL_MIN = 200          # below this many uncached articles, one process is quicker than starting workers


def default_jobs() -> int:
    return max(1, min(4, os.cpu_count() or 1))


def extract(articles: list[Article], store: Cache | None = None, readers: "Readers | int" = 1,
            reuse: dict | None = None, first: "Reading | None" = None,
            took: dict[str, float] | None = None, peaks: dict[str, int] | None = None) -> None:
    """Run the NLP stage over all bodies in batches and attach what it finds (from the
    cache where the same body was read the same way before). Then undated articles
    that report, by weekday, an event other articles date get an estimated date, and
    are read again against it. ``first``: the first reading, already under way;
    ``took``: where to add each step's wall time; ``peaks``: where to note the peak memory
    after each step."""
    store = store or Cache(None)
    readers = Readers(readers) if isinstance(readers, int) else readers
    took = {} if took is None else took
    with readers:
        with timed(took, "NLP stage (what is left after the files are read)", peaks):
            if first is None:
                first = Reading(articles, store, readers)
                first.add(range(len(articles)))
            first.finish()
        with timed(took, "estimate dates of undated articles", peaks):
            estimates = estimate(articles, reuse)
        with timed(took, "read those articles again", peaks):
            for i, (day, basis) in estimates.items():
                articles[i].estimated, articles[i].estimated_basis = day, basis
            again = Reading(articles, store, readers, docs=first.docs)
            again.add(sorted(estimates))
            again.finish()
            first.docs.clear()


def estimate(articles: list[Article], reuse: dict | None = None) -> dict[int, tuple[str, str]]:
    """Estimated dates of undated articles, from the events they share with dated ones."""
    _, person_of, places = resolve.people_and_places(articles, reuse)
    merged = events.across(articles, person_of, resolve.place_key(set(places)), keep_unresolved=True, reuse=reuse)
    return events.estimate_dates(articles, merged)


class Reading:
    """One reading of articles by the NLP stage, from the cache where it has them.
    Articles are added as files are cut (:meth:`add`); with ``stream``, while the workers are
    up, each full chunk of uncached articles goes to them at once, so the NLP stage runs
    beside the reading of the files. :meth:`finish` reads the rest and attaches every extraction."""

    def __init__(self, articles: list[Article], store: Cache, readers: "Readers", stream: bool = False,
                 docs: dict[int, bytes] | None = None):
        self.articles, self.store, self.readers, self.stream = articles, store, readers, stream
        self.docs = {} if docs is None else docs    # article index -> its parsed document, kept for a second reading
        self.model = nlp.model_id()
        self.keys: dict[int, str] = {}
        self.unlooked: dict[int, str] = {}                   # article index -> cache key, not yet looked up
        self.cached: list[int] = []
        self.pending: list[int] = []
        self.sent: list[tuple[list[int], object]] = []     # (article indices, the workers' pending result)
        self.kept = 0                                        # bytes of the documents this reading kept
        self.slots = threading.Semaphore(self.AHEAD * readers.jobs)   # chunks the workers may have queued

    LOOKUP = 256        # articles looked up in the cache at a time

    def add(self, which) -> None:
        """Note articles ``which``; each :attr:`LOOKUP` of them are looked up in the cache,
        and full chunks of the others sent to running workers."""
        for i in which:
            article = self.articles[i]
            if too_long(article):
                article.extraction = Extraction()
            else:
                self.unlooked[i] = cache_key(article.body, f"{article.published}|{article.estimated}", self.model)
        if len(self.unlooked) >= self.LOOKUP:
            self.look_up()

    def look_up(self) -> None:
        """Which of the articles noted since the last look-up the cache has; send full chunks of the others."""
        keys, self.unlooked = self.unlooked, {}
        self.store.used.update(keys.values())
        stored = self.store.present(keys.values())
        self.keys.update(keys)
        self.cached += [i for i in keys if keys[i] in stored]
        self.pending += [i for i in keys if keys[i] not in stored]
        if self.stream:
            self.send(whole_chunks_only=True)

    AHEAD = 2           # chunks queued at the workers, at most, per worker: the last ones can then be cut small
    SMALLEST = 4        # articles in the smallest chunk, at the end of a reading

    def send(self, whole_chunks_only: bool) -> None:
        """Pending articles to the workers, if they are up, while fewer than :attr:`AHEAD` chunks
        a worker are queued there: chunks of one spaCy batch; with ``whole_chunks_only`` False,
        also the last ones, each a share of what is left (:func:`chunk_size`), so that the
        workers end together instead of one finishing a whole batch alone."""
        if self.readers.pool is None or (whole_chunks_only and self.readers.workers < self.readers.jobs):
            return          # a helper: what it reads is known at the end, when the workers may replace it
        while self.pending:
            size = nlp.BATCH_SIZE if whole_chunks_only else \
                chunk_size(len(self.pending), self.readers.jobs, nlp.BATCH_SIZE, self.SMALLEST)
            if len(self.pending) < size or not self.slots.acquire(blocking=not whole_chunks_only):
                return
            chunk, self.pending = self.pending[:size], self.pending[size:]
            batch = [self.articles[i] for i in chunk]
            parsed = [self.docs.pop(i, None) for i in chunk]
            free = self.slots.release
            self.sent.append((chunk, self.readers.pool.apply_async(
                read_all, (batch, parsed), callback=lambda _: free(), error_callback=lambda _: free())))

    def finish(self) -> None:
        """Read what is left and attach every extraction (the cache's, or the NLP stage's)."""
        self.look_up()
        self.readers.prepare(len(self.pending))       # before the cached extractions fill this process's memory
        found = self.store.get_many(self.keys[i] for i in self.cached)
        for i in self.cached:
            if self.keys[i] in found:
                self.articles[i].extraction = found[self.keys[i]]
                self.articles[i].extraction_key = self.keys[i]
            else:                     # the entry turned out damaged: read it, and count a miss
                self.pending.append(i)
                self.store.hits, self.store.misses = self.store.hits - 1, self.store.misses + 1
        self.pending.sort()
        if self.readers.pool is not None:
            self.send(whole_chunks_only=False)
            done = [(i, out) for chunk, result in self.sent for i, out in zip(chunk, result.get())]
        else:
            done = list(zip(self.pending, self.readers.read([self.articles[i] for i in self.pending],
                                                            [self.docs.pop(i, None) for i in self.pending])))
        for i, (ex, doc) in done:
            self.articles[i].extraction, self.articles[i].extraction_key = ex, self.keys[i]
            self.store.put(self.keys[i], ex)
            if doc is not None and self.kept + len(doc) <= DOCS_KEPT_MAX:
                self.docs[i] = doc
                self.kept += len(doc)


def chunk_size(left: int, workers: int, batch: int, smallest: int) -> int:
    """Articles in the next chunk when ``left`` are left for ``workers``: a share of what
    is left (a half of each worker's part), between ``smallest`` and ``batch``."""
    return max(1, min(left, batch, max(smallest, -(-left // (2 * workers)))))


def read_all(batch: list[Article], parsed: list[bytes | None] | None = None) -> list[tuple[Extraction, bytes | None]]:
    """Parse and extract a batch of articles in this process; an article whose parsed
    document ``parsed`` holds (from its first reading) is not parsed again. Each
    extraction comes with the parsed document, as bytes, when the article may be read
    again: it states no date, and reports events by which one may be estimated."""
    parsed = parsed or [None] * len(batch)
    fresh = iter(nlp.parse(a.body for a, p in zip(batch, parsed) if p is None))
    out = []
    for article, stored in zip(batch, parsed):
        doc = nlp.from_bytes(stored) if stored is not None else next(fresh)
        nlp.knows_text(doc, article.body)
        extract_one(article, doc)
        again = stored is None and article.published is None and article.estimated is None \
            and bool(article.extraction.events)
        out.append((article.extraction, nlp.to_bytes(doc) if again else None))
        doc.user_data.clear()       # its spans refer to it: a cycle, which the collector may be paused for
    return out


DOCS_KEPT_MAX = 512 * 2 ** 20   # parsed documents kept for a second reading, at most (then they are parsed again)


class Readers:
    """Worker processes for the NLP stage: ``jobs`` of them when a batch has at least
    PARALLEL_MIN articles, else this process reads. The workers are started once,
    before this process holds the cached extractions (a forked worker starts with the
    memory of the process it was forked from), load the model once, and serve both
    readings of a build."""

    def __init__(self, jobs: int):
        self.jobs, self.pool, self.workers = jobs, None, 0

    def __enter__(self) -> "Readers":
        return self

    def __exit__(self, *exc) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
            self.pool, self.workers = None, 0

    def parallel(self, n: int) -> bool:
        """Whether ``n`` articles go to the workers: enough of them to pay for starting
        the workers, or any number once the workers are up (their model is loaded)."""
        return self.jobs > 1 and n > 0 and (n >= PARALLEL_MIN or self.pool is not None)

    def prepare(self, n: int, files: int = 0) -> None:
        """Start the workers for ``n`` uncached articles when :meth:`parallel` says so (all
        ``jobs`` of them; a helper started earlier is replaced). Before a rebuild of at least
        PARALLEL_MIN ``files`` with fewer articles to read than that, start one helper: it
        loads the model on another core while this process reads the files, instead of
        this process loading it afterwards for the few changed articles."""
        if self.parallel(n) and self.workers < self.jobs and (n >= PARALLEL_MIN or self.pool is None):
            self.start(self.jobs)
        elif self.pool is None and self.jobs > 1 and files >= PARALLEL_MIN:
            self.start(1)

    def start(self, workers: int) -> None:
        """A pool of ``workers`` processes, in place of any earlier one."""
        import multiprocessing
        self.__exit__()
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        if context.get_start_method() == "fork":     # forked workers start with these, instead of each reading them
            lexicon.load_all()
            gazetteer()
        self.pool, self.workers = context.Pool(workers, initializer=start_worker), workers

    def cut_files(self, paths: list[Path], seeds_dir: Path, store: Cache, max_bytes: int,
                  follow_links: bool) -> Iterator[tuple[SeedFile, list[Article]]]:
        """Ingest and segment the files ``paths`` of ``seeds_dir``, in this process, each with its
        articles (see :func:`read_and_cut`: the cache's, for a file it has read or a text it has
        cut before)."""
        yield from first_copies(read_and_cut_all(paths, seeds_dir, max_bytes, follow_links, store))

    def read(self, batch: list[Article], parsed: list[bytes | None] | None = None) -> list:
        """Extractions of ``batch``, in order, read in this process (see :func:`read_all`):
        what is too small to start the workers for (:class:`Reading` sends the workers their
        chunks itself)."""
        return read_all(batch, parsed)


class DaskReaders(Readers):
    """Reading the files and the NLP stage as tasks on a Dask cluster: the scheduler at
    ``address``, or a LocalCluster of ``workers`` single-threaded processes. A task of the
    first kind reads and cuts :attr:`FILES` files (the workers must see the seeds folder at
    the same path, as with any Dask reader of files); one of the second reads a chunk of
    articles (text in, extractions out). The cache, resolution and the load stay here, on
    the client."""

    CHUNK = 25          # articles a task: large enough to amortise a task, small enough to balance

    def __init__(self, address: str | None, workers: int):
        super().__init__(workers)
        self.address, self.client, self.cluster = address, None, None

    def prepare(self, n: int) -> None:
        if self.client is None and n:
            from distributed import Client, LocalCluster
            if self.address is None:
                self.cluster = LocalCluster(n_workers=self.jobs, threads_per_worker=1, processes=True,
                                            dashboard_address=None)
            self.client = Client(self.address or self.cluster)

    FILES = 50          # files a task of reading and cutting

    def cut_files(self, paths: list[Path], seeds_dir: Path, store: Cache, max_bytes: int,
                  follow_links: bool) -> Iterator[tuple[SeedFile, list[Article]]]:
        """Ingest and segment as tasks, :attr:`FILES` paths each (the workers read the files,
        so they must see ``seeds_dir`` at the same path); results in the order of the paths,
        later copies of an earlier file's text marked as duplicates, as :func:`ingest.ingest` does."""
        if not paths:
            return
        self.prepare(len(paths))
        chunks = [paths[n:n + self.FILES] for n in range(0, len(paths), self.FILES)]
        futures = self.client.map(ingest_and_cut, chunks, seeds_dir=seeds_dir, max_bytes=max_bytes,
                                  follow_links=follow_links, pure=False)
        yield from first_copies(read for future in futures for read in self.results(future))

    @staticmethod
    def results(future) -> list[FileRead]:
        """A task's files, the task let go."""
        out = future.result()
        future.release()
        return out

    def read(self, batch: list[Article], parsed: list[bytes | None] | None = None) -> list:
        if not batch:
            return []
        self.prepare(len(batch))
        parsed = parsed or [None] * len(batch)
        chunks = [batch[n:n + self.CHUNK] for n in range(0, len(batch), self.CHUNK)]
        docs = [parsed[n:n + self.CHUNK] for n in range(0, len(batch), self.CHUNK)]
        futures = self.client.map(read_all, chunks, docs, pure=False)
        return [ex for part in self.client.gather(futures) for ex in part]

    def __exit__(self, *exc) -> None:
        for part in (self.client, self.cluster):
            if part is not None:
                part.close()
        self.client = self.cluster = None


def start_worker() -> None:
    """In a worker, once: end with the build, and load the model and word lists now,
    while the build is still reading files, rather than with the first chunk."""
    die_with_parent()
    gc.enable()             # forked from a build that paused it (runtime.collector_paused)
    read_all([Article("warm-up", 0, None, None, "2020-01-01", None, [], WARM_UP)])


# Read once by each worker as it starts: every extractor loads its word lists and patterns.
WARM_UP = ('The minister, Ana Torres, met the president in Paris on Monday and said: "We agreed." '
           "At least 12 people died.")


def die_with_parent() -> None:
    """In a worker: on Linux, ask the kernel to end this process when the build that
    started it dies (a killed build otherwise leaves its workers running for a while)."""
    import ctypes
    import signal
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)            # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass                                     # not Linux: the pool's own clean-up applies


def extract_one(article: Article, doc) -> None:
    found = people.extract(doc)
    quotes.extract(doc, found)
    date = article.published or article.estimated
    reference = dt.date.fromisoformat(date) if date else None
    mentions = dates.find(article.body, reference, doc)
    figures.extract(doc, found, mentions, date)
    events.extract(doc, found, mentions, date)
    article.extraction = found
