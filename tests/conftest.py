from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from dispatches import pipeline

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory) -> Path:
    """The seeds built into a fresh database, once per test session."""
    db = tmp_path_factory.mktemp("seeds") / "dispatches.db"
    pipeline.run(SEEDS, db)
    return db


@pytest.fixture
def build(tmp_path):
    """Build a seeds folder made of ``{name: bytes or str}`` and return (result, db path)."""
    def _build(files: dict[str, bytes | str]):
        seeds = tmp_path / "seeds"
        seeds.mkdir(exist_ok=True)
        for name, content in files.items():
            path = seeds / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, str):
                path.write_text(content, encoding="utf-8")
            else:
                path.write_bytes(content)
        db = tmp_path / "out" / "dispatches.db"
        return pipeline.run(seeds, db), db
    return _build


def run_async(coro):
    return asyncio.run(coro)


@pytest.fixture(scope="module")
def get(seeds_db):
    """The seeds' site in process, served as `dispatches serve` serves it: ``get(path)``."""
    import yaml
    from datasette.app import Datasette
    from dispatches.cli import SETTINGS
    metadata = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))
    ds = Datasette(immutables=[str(seeds_db)], metadata=metadata, settings=SETTINGS,
                   template_dir=str(ROOT / "site" / "templates"), plugins_dir=str(ROOT / "site" / "plugins"))

    async def fetch(path):
        await ds.invoke_startup()
        return await ds.client.get(path)
    return lambda path: run_async(fetch(path))
