"""The command line and the project layout the README promises."""
from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

from click.testing import CliRunner

import dispatches
from dispatches.cli import cli, datasette_args

from conftest import ROOT, SEEDS


def test_build_command_writes_db_and_prints_summary(tmp_path):
    db = tmp_path / "x.db"
    result = CliRunner().invoke(cli, ["build", "--seeds", str(SEEDS), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1] == f"{db}: 5 files (5 ok), 6 articles, 0 rejected"
    assert sqlite3.connect(db).execute("select count(*) from articles").fetchone()[0] == 6


def test_the_console_command_flushes_its_output_and_keeps_the_exit_status(tmp_path):
    """It ends with os._exit (see cli.main): the summary must still be printed, the
    database written, and a partial build still exit 3 (1 under --strict)."""
    import shutil
    import sys
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    (seeds / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    db = tmp_path / "x.db"
    command = [sys.executable, "-m", "dispatches", "build", "--seeds", str(seeds), "--db", str(db)]
    built = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path)
    assert built.returncode == 3, built.stderr
    assert built.stdout.strip().splitlines()[-1] == f"{db}: 6 files (5 ok, 1 rejected), 6 articles, 1 rejected"
    assert sqlite3.connect(db).execute("select count(*) from articles").fetchone()[0] == 6
    strict = subprocess.run(command + ["--strict"], capture_output=True, text=True, cwd=tmp_path)
    assert strict.returncode == 1 and "picture.txt" in strict.stderr


def test_exit_status_is_what_sys_exit_gives(capsys):
    from dispatches.cli import exit_status
    assert [exit_status(None), exit_status(0), exit_status(3)] == [0, 0, 3]
    assert exit_status("no database here") == 1 and capsys.readouterr().err == "no database here\n"


def test_build_timings_name_each_stage_once_in_data_flow_order(tmp_path):
    result = CliRunner().invoke(cli, ["build", "--seeds", str(SEEDS), "--db", str(tmp_path / "x.db"), "--timings"])
    assert result.exit_code == 0, result.output
    import re
    stages = [m.groups() for line in result.output.splitlines()
              if (m := re.fullmatch(r"\s+([\d.]+) s\s+([\d,]+) MiB peak  (\S.*)", line))]
    names = [name for _, _, name in stages]
    assert [n.split()[0] for n in names] == ["read", "NLP", "estimate", "read", "resolve", "write"]
    assert all(float(seconds) >= 0 for seconds, _, _ in stages)
    peaks = [int(mib.replace(",", "")) for _, mib, _ in stages]
    assert peaks == sorted(peaks) and peaks[0] > 0         # the peak so far, in MiB
    assert peaks[1] > 150                                   # six articles are read in this process: spaCy is loaded


def test_strict_build_fails_on_rejected_file(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_bytes(b"")
    runner = CliRunner()
    (seeds / "b.txt").write_text("Title of a story\n\n" + "A sentence long enough to be a body. " * 5)
    relaxed = runner.invoke(cli, ["build", "--seeds", str(seeds), "--db", str(tmp_path / "a.db")])
    assert relaxed.exit_code == 3 and "1 rejected" in relaxed.output          # built, but not everything
    assert sqlite3.connect(tmp_path / "a.db").execute("select count(*) from articles").fetchone() == (1,)
    (tmp_path / "b.db").write_bytes((tmp_path / "a.db").read_bytes())
    before = (tmp_path / "b.db").read_bytes()
    strict = runner.invoke(cli, ["build", "--seeds", str(seeds), "--db", str(tmp_path / "b.db"), "--strict"])
    assert strict.exit_code == 1 and "--strict" in strict.output and "a.txt" in strict.output
    assert (tmp_path / "b.db").read_bytes() == before                          # the previous database stays


def test_missing_seeds_folder_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(cli, ["build", "--seeds", str(tmp_path / "nope"), "--db", str(tmp_path / "x.db")])
    assert result.exit_code != 0 and "no seeds folder" in result.output


def test_serve_uses_immutable_mode_and_metadata(tmp_path):
    site = tmp_path / "site"
    (site / "templates").mkdir(parents=True)
    (site / "templates" / "index.html").write_text("x")
    args = datasette_args(tmp_path / "d.db", ROOT / "metadata.yml", site)
    assert args[:2] == ["-i", str(tmp_path / "d.db")]
    assert "--metadata" in args and "--template-dir" in args
    assert "--plugins-dir" not in args        # no plugins there: not passed


def test_package_is_dispatches_not_build():
    assert Path(dispatches.__file__).parent == ROOT / "build" / "dispatches"
    assert not (ROOT / "build" / "__init__.py").exists()


def test_build_folder_holds_only_source():
    """Installing wrote no artefacts (build/lib, *.egg-info) into the source folder."""
    assert sorted(p.name for p in (ROOT / "build").iterdir()) == ["dispatches"]


def test_gitignore_does_not_hide_the_source():
    ignored = subprocess.run(["git", "check-ignore", "-q", "build/dispatches/segment.py"], cwd=ROOT)
    assert ignored.returncode == 1


def test_every_command_is_documented_in_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in cli.commands:
        assert f"dispatches {name}" in readme or f"run.py {name}" in readme, name


def test_every_rule_file_reads_the_same_with_libyaml_as_with_pure_python_yaml():
    import yaml

    from dispatches import lexicon
    for path in sorted((ROOT / "build" / "dispatches" / "data").glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        assert lexicon.load(path.stem) == yaml.load(text, Loader=yaml.SafeLoader), path.name
