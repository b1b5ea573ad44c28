"""Serving behaves: a busy port is a clear error with its own exit status, and a signal
to `run.py serve` (or `dispatches serve`) stops Datasette instead of orphaning it."""
from __future__ import annotations

import json
import os
import sqlite3
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import ROOT
from dispatches.cli import PORT_IN_USE, port_in_use


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_serving(port: int, proc: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else "server exited"
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/-/versions.json", timeout=1)
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"nothing served on :{port} within {seconds} s")


def test_port_in_use_sees_a_listener_and_not_a_free_port():
    port = free_port()
    assert not port_in_use("127.0.0.1", port)
    with socket.socket() as s:
        s.bind(("127.0.0.1", port))
        s.listen()
        assert port_in_use("127.0.0.1", port)


def test_serve_on_a_busy_port_says_so_and_exits_4(seeds_db):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        run = subprocess.run([sys.executable, "-m", "dispatches", "serve", "--db", str(seeds_db),
                              "--port", str(port)], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert run.returncode == PORT_IN_USE == 4
    assert f"port {port}" in run.stderr and "already in use" in run.stderr
    assert "Serving" not in run.stderr


@pytest.mark.skipif(os.name != "posix", reason="signals and exec are POSIX")
def test_sigterm_to_serve_stops_datasette(seeds_db):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "dispatches", "serve", "--db", str(seeds_db),
                             "--port", str(port)], cwd=ROOT, stderr=subprocess.PIPE, text=True)
    try:
        wait_until_serving(port, proc)
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=20)
        time.sleep(0.5)
        assert not port_in_use("127.0.0.1", port)       # nothing left serving
    finally:
        if proc.poll() is None:
            proc.kill()


@pytest.mark.skipif(os.name != "posix", reason="signals and exec are POSIX")
def test_sigterm_to_run_py_serve_stops_datasette():
    """The README's first command: stopping it must not leave Datasette serving."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, str(ROOT / "run.py"), "serve", "--port", str(port)],
                            cwd=ROOT, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    try:
        wait_until_serving(port, proc, seconds=180)
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=20)
        time.sleep(0.5)
        assert not port_in_use("127.0.0.1", port)
    finally:
        if proc.poll() is None:
            proc.kill()


def count_articles(port: int) -> int:
    url = f"http://127.0.0.1:{port}/d.json?sql=select+count(*)+as+n+from+articles&_shape=array"
    return json.load(urllib.request.urlopen(url, timeout=5))[0]["n"]


@pytest.mark.skipif(os.name != "posix", reason="signals and exec are POSIX")
def test_reload_serves_the_rebuilt_database(tmp_path):
    """`serve --reload` restarts on a rebuild, so nobody reads the old data unknowingly."""
    from dispatches import pipeline
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    first, second = sorted((ROOT / "seeds").glob("*.txt"))[:2]
    (seeds / first.name).write_bytes(first.read_bytes())
    db = tmp_path / "d.db"
    pipeline.run(seeds, db, cache_path=None)
    port = free_port()
    log = open(tmp_path / "serve.log", "w")       # not a pipe: nobody reads it, and a full pipe blocks
    proc = subprocess.Popen([sys.executable, "-m", "dispatches", "serve", "--db", str(db), "--port", str(port),
                             "--reload"], cwd=ROOT, stderr=log, text=True)
    try:
        wait_until_serving(port, proc)
        before = count_articles(port)
        # hupper's monitor takes the database's first modification time some moments after
        # the server answers (later on a busy machine); a rebuild finished before that (a warm
        # in-process build takes a fifth of a second) is its baseline, not a change. So the
        # test rebuilds again, for real, each time ten seconds pass with no restart.
        time.sleep(2)
        (seeds / second.name).write_bytes(second.read_bytes())
        pipeline.run(seeds, db, cache_path=None)
        after = sqlite3.connect(db).execute("select count(*) from articles").fetchone()[0]
        assert after > before
        # Served when three answers in a row, half a second apart, give the new count: while
        # one server stops and the next starts, the stopping one may still answer once.
        deadline = time.monotonic() + 60
        rebuilt = time.monotonic()
        streak = 0
        while time.monotonic() < deadline and streak < 3:
            try:
                streak = streak + 1 if count_articles(port) == after else 0
            except OSError:
                streak = 0                # restarting
            if not streak and time.monotonic() - rebuilt > 10:
                pipeline.run(seeds, db, cache_path=None)
                rebuilt = time.monotonic()
            time.sleep(0.5)
        assert streak == 3, (tmp_path / "serve.log").read_text()[-2000:]
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()
