"""The build pauses Python's cycle collector (runtime.collector_paused): it must give the
collector back as it found it, and leave no cyclic garbage behind that only the collector
could free."""
from __future__ import annotations

import gc

import pytest

from conftest import SEEDS
from dispatches import pipeline
from dispatches.runtime import collector_paused


@pytest.mark.parametrize("running", [True, False])
def test_the_collector_is_left_as_it_was(running):
    was = gc.isenabled()
    try:
        (gc.enable if running else gc.disable)()
        with collector_paused():
            assert not gc.isenabled()
        assert gc.isenabled() is running
        with pytest.raises(KeyError), collector_paused():
            raise KeyError("a failing build")
        assert gc.isenabled() is running
    finally:
        (gc.enable if was else gc.disable)()


CYCLES_LEFT = """
import gc, sys
from pathlib import Path
from dispatches import pipeline
gc.collect()
result = pipeline.run(Path(sys.argv[1]), Path(sys.argv[2]), cache_path=None, jobs=1)
assert gc.isenabled() and len(result.articles) >= 5
gc.unfreeze()                   # the collector looks at what the build made, as it does not after it
print(gc.collect())
"""


def test_a_build_read_in_this_process_leaves_no_cycles(tmp_path):
    """The seeds are read here (too few for workers): every parsed document would stay
    alive, its spans in user_data referring to it, if reading did not let go of them.
    In a process of its own: other tests' libraries (Dask's event loop) leave garbage too."""
    import subprocess
    import sys
    done = subprocess.run([sys.executable, "-c", CYCLES_LEFT, str(SEEDS), str(tmp_path / "d.db")],
                          capture_output=True, text=True, check=True)
    assert int(done.stdout.split()[-1]) < 100       # a few dozen of the libraries' own; a kept document leaves hundreds


def test_what_was_made_with_the_collector_paused_is_not_walked_by_its_next_collection():
    was = gc.isenabled()
    gc.enable()
    try:
        with collector_paused():
            made = [[n] for n in range(1000)]
        walked = {id(o) for generation in range(3) for o in gc.get_objects(generation)}
        assert not any(id(x) in walked for x in made)
        assert gc.get_freeze_count() >= len(made)
        del made
    finally:
        gc.unfreeze()
        (gc.enable if was else gc.disable)()


def test_reading_lets_go_of_what_refers_to_the_document():
    from dispatches.records import Article
    docs = []
    real = pipeline.nlp.parse
    pipeline.nlp.parse = lambda texts: (docs.append(d) or d for d in real(texts))
    try:
        pipeline.read_all([Article("a.txt", 0, None, None, "2024-05-01", None, [], pipeline.WARM_UP)])
    finally:
        pipeline.nlp.parse = real
    assert len(docs) == 1 and not docs[0].user_data
