"""The ``dispatches`` command: build the dataset, serve it."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import click

from . import ingest, pipeline

db_option = click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path),
                         default=Path("site/dispatches.db"), show_default=True,
                         help="The SQLite database to write or serve.")


@click.group()
@click.version_option()
def cli():
    """Turn raw news scrapes into a browsable dataset."""


def main() -> None:
    """The console command: :func:`cli`, then, once its output is flushed, an exit that does
    not free every object one by one on the way out (a build at 10,000 articles leaves
    millions: 0.2-0.5 s). Each command has closed what it opened (databases, the cache,
    worker processes) by the time it returns; an error other than an exit is raised as usual."""
    try:
        cli(prog_name="dispatches")
        code = 0
    except SystemExit as done:
        code = exit_status(done.code)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def exit_status(code) -> int:
    """What ``sys.exit(code)`` ends a process with (a message is printed, and gives 1)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


@cli.command()
@click.option("--seeds", "seeds_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("seeds"), show_default=True, help="Folder of scraped .txt files.")
@db_option
@click.option("--max-bytes", type=int, default=ingest.DEFAULT_MAX_BYTES, show_default=True,
              help="Reject a file larger than this many bytes.")
@click.option("--strict", is_flag=True,
              help="Treat any file that is not built as an error: exit 1 and keep the previous database.")
@click.option("--no-cache", is_flag=True,
              help="Run the NLP stage on every article, ignoring and not writing the extraction cache.")
@click.option("--jobs", type=int, default=None,
              help="Worker processes for the NLP stage (default: cores, up to 4; used for 200+ new articles).")
@click.option("--follow-links", is_flag=True,
              help="Read symbolic links that point outside the seeds folder, and linked folders.")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where the NLP stage runs: this machine's processes, or a Dask cluster.")
@click.option("--timings", is_flag=True, help="Print the wall time of each stage of the build, and the peak memory so far.")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="With --executor dask: the scheduler (tcp://host:8786); default a LocalCluster of --jobs workers.")
def build(seeds_dir: Path, db_path: Path, max_bytes: int, strict: bool, no_cache: bool, jobs: int | None,
          follow_links: bool, executor: str, scheduler: str | None, timings: bool = False):
    """Build the database from the scrapes in --seeds.

    Exit status: 0 when every file was built; 3 when the database was built but some
    files were not (each is listed, and recorded in seed_files with its reason); 1 on
    an error, including any file not built under --strict (the previous database stays).
    """
    if not seeds_dir.is_dir():
        raise click.ClickException(f"no seeds folder at {seeds_dir}")
    if scheduler and executor != "dask":
        raise click.UsageError("--scheduler needs --executor dask")
    paths = list(ingest.iter_seed_paths(seeds_dir, follow_links))
    try:
        with click.progressbar(length=len(paths), label="Building", file=sys.stderr,
                               item_show_func=lambda s: s.path if s else None) as bar:
            result = pipeline.run(seeds_dir, db_path, max_bytes, progress=lambda s: bar.update(1, s),
                                  strict=strict, cache_path=not no_cache, jobs=jobs,
                                  follow_links=follow_links, executor=executor, scheduler=scheduler, paths=paths)
    except pipeline.Rejected as exc:
        for seed in exc.result.rejected:
            click.echo(f"  {seed.status}: {seed.path}: {seed.reason}", err=True)
        raise click.ClickException(f"{exc} (--strict); {db_path} was not changed")
    for seed in result.seeds:
        if seed.reason:
            click.echo(f"  {'note' if seed.status == 'ok' else seed.status}: {seed.path}: {seed.reason}", err=True)
    if not no_cache:
        click.echo(f"  extraction: {result.cache_hits} article reading(s) from the cache, "
                   f"{result.cache_misses} run through the NLP stage", err=True)
    click.echo(result.summary(db_path))
    if timings:
        for stage, seconds in result.seconds.items():
            click.echo(f"  {seconds:8.2f} s  {result.peak_mib.get(stage, 0):6,} MiB peak  {stage}", err=True)
        if result.workers_peak_mib:
            click.echo(f"  {'':10}  {result.workers_peak_mib:6,} MiB peak  the largest worker process", err=True)
    if port_in_use("127.0.0.1", 8001):
        click.echo("  note: something is serving on :8001; a server started without --reload still "
                   "shows the previous database until it is restarted", err=True)
    if result.rejected:
        sys.exit(NOT_ALL_BUILT)


NOT_ALL_BUILT = 3


@cli.command()
@db_option
@click.option("--metadata", type=click.Path(dir_okay=False, path_type=Path), default=Path("metadata.yml"),
              show_default=True, help="Datasette metadata (title, facets, queries).")
@click.option("--site", "site_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("site"),
              show_default=True, help="Folder with templates/, static/ and plugins/.")
@click.option("-h", "--host", default="127.0.0.1", show_default=True)
@click.option("-p", "--port", default=8001, show_default=True, type=int)
@click.option("--reload", is_flag=True,
              help="Restart the server when the database or metadata change (after a rebuild).")
@click.option("--public", is_flag=True,
              help="For a public deployment: arbitrary SQL off (tables, facets, search, canned queries stay).")
def serve(db_path: Path, metadata: Path, site_dir: Path, host: str, port: int, reload: bool, public: bool):
    """Serve the built database with Datasette (immutable).

    Exit status: 4 when the port is already in use (nothing is started).
    """
    if not db_path.exists():
        raise click.ClickException(f"no database at {db_path}; run `dispatches build` first")
    if port_in_use(host, port):
        click.echo(f"Error: port {port} on {host} is already in use (another `dispatches serve`?). "
                   f"Stop that server, or choose another port with --port.", err=True)
        sys.exit(PORT_IN_USE)
    args = datasette_args(db_path, metadata, site_dir, public) + ["--host", host, "--port", str(port)]
    if reload:
        args.append("--reload")
    click.echo(f"Serving {db_path} on http://{host}:{port}/"
               + ("" if reload else " (restart after a rebuild, or serve with --reload)"), err=True)
    # Datasette's reloader re-runs its `serve` command with our argv, so the word `serve`
    # must not be in it (Datasette's default command is serve).
    command = [sys.executable, "-m", "datasette", *([] if reload else ["serve"]), *args]
    if os.name == "posix":      # become Datasette, so that a signal to this process reaches it
        sys.stderr.flush()
        os.execv(sys.executable, command)
    sys.exit(subprocess.call(command))


PORT_IN_USE = 4


def port_in_use(host: str, port: int) -> bool:
    """True when something already listens on host:port (so Datasette could not bind it)."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return True
    return False


@cli.command("export")
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@db_option
@click.option("--metadata", type=click.Path(dir_okay=False, path_type=Path), default=Path("metadata.yml"),
              show_default=True, help="Datasette metadata (descriptions go into the pages and datapackage.json).")
@click.option("--site", "site_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("site"),
              show_default=True, help="Folder with static/dispatches.css and templates/.")
def export_cmd(out: Path, db_path: Path, metadata: Path, site_dir: Path):
    """Write a static bundle to OUT: pages, CSV/JSON, the database, datapackage.json."""
    from . import export
    if not db_path.exists():
        raise click.ClickException(f"no database at {db_path}; run `dispatches build` first")
    counts = export.export(db_path, out, metadata, site_dir / "static" / "dispatches.css",
                           site_dir / "templates" if (site_dir / "templates").is_dir() else None)
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    click.echo(f"{out}: {counts['pages']} pages, {counts['tables']} tables as CSV and JSON, "
               f"{size / 1e6:.1f} MB. Serve it with: python -m http.server -d {out}")


@cli.command("evaluate")
@click.option("--gold", "gold_dir", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder of gold annotations, one YAML file per scrape (see docs/gold-format.md).")
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("site/dispatches.db"), show_default=True, help="The built database to score.")
@click.option("-v", "--verbose", is_flag=True, help="List every miss and extra row.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON (with -v, the misses too).")
def evaluate_cmd(gold_dir: Path, db_path: Path, verbose: bool, as_json: bool):
    """Score the database against hand-written gold annotations in --gold.

    Prints precision, recall and F1 of articles, people, figures, events and quotes, and the
    accuracy of their fields (title, byline, roles, unit, speaker...).
    """
    from . import evaluate
    if not db_path.exists():
        raise click.ClickException(f"no database at {db_path}; run `dispatches build` first")
    if not evaluate.gold_files(gold_dir):
        raise click.ClickException(f"no gold files (*.yml, *.yaml) in {gold_dir}")
    try:
        report, misses = evaluate.evaluate(db_path, gold_dir)
    except evaluate.GoldError as exc:
        raise click.ClickException(str(exc))
    if as_json:
        click.echo(json.dumps({**report, "misses": misses} if verbose else report, indent=2))
        return
    if verbose:
        click.echo("\n".join(misses))
    click.echo("\n".join(evaluate.format_report(report)))


# Datasette settings for serving. Facet suggestions are off: every table has its useful
# facets configured in metadata.yml, any column can still be faceted from its cog menu,
# and on 100,000 articles the suggestions alone took about 1 s of each table page.
SETTINGS = {"truncate_cells_html": 300, "suggest_facets": False}
PUBLIC_SETTINGS = {"default_allow_sql": False}


def datasette_args(db_path: Path, metadata: Path, site_dir: Path, public: bool = False) -> list[str]:
    """Datasette options for the database, metadata and the site folder's parts that exist;
    ``public`` adds :data:`PUBLIC_SETTINGS`."""
    args = ["-i", str(db_path)]
    for name, value in (SETTINGS | PUBLIC_SETTINGS if public else SETTINGS).items():
        args += ["--setting", name, {True: "on", False: "off"}.get(value, str(value))]
    if metadata.exists():
        args += ["--metadata", str(metadata)]
    if _has_files(site_dir / "templates"):
        args += ["--template-dir", str(site_dir / "templates")]
    if _has_files(site_dir / "static"):
        args += ["--static", f"static:{site_dir / 'static'}"]
    if _has_files(site_dir / "plugins", "*.py"):
        args += ["--plugins-dir", str(site_dir / "plugins")]
    return args


def _has_files(folder: Path, pattern: str = "*") -> bool:
    return folder.is_dir() and any(p.is_file() and not p.name.startswith(".") for p in folder.rglob(pattern))


if __name__ == "__main__":
    cli()
