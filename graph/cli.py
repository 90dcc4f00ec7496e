"""The `actorgraph` command line: parse options, call one function, print its result.

Commands compute nothing themselves. Data problems reach the user through one
handler (`_Group.invoke`) as compiler-style lines and exit 1; usage mistakes
are click's exit 2. Heavy modules (networkx, pyvis) are imported inside the
commands that need them so that quick commands start quickly.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from graph.model import DataProblems, GraphDataError


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DataProblems as exc:
            for problem in exc.problems:
                click.echo(str(problem), err=True)
            n = len(exc.problems)
            tail = "." if ctx.invoked_subcommand == "check" else "; nothing was written."
            click.echo(f"{n} problem{'s' if n != 1 else ''} found{tail}", err=True)
            ctx.exit(1)
        except GraphDataError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(1)
        except OSError as exc:  # an output we could not write: the user's to fix, not a bug
            where = f" '{exc.filename}'" if exc.filename else ""
            click.echo(f"error: cannot write{where}: {exc.strerror or exc}", err=True)
            ctx.exit(1)


def _existing_dir(what: str) -> Callable[[click.Context, click.Parameter, Path], Path]:
    def check(ctx: click.Context, param: click.Parameter, value: Path) -> Path:
        if not value.is_dir():
            raise click.BadParameter(
                f"folder '{value}' not found; run actorgraph from the repository root or pass {param.opts[0]} "
                f"with the folder that holds {what}"
            )
        return value

    return check


def data_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """--data-dir and --seeds-dir, shared by every command that reads the data."""

    @click.option(
        "--data-dir",
        type=click.Path(path_type=Path, file_okay=False),
        default=Path("data"),
        show_default=True,
        callback=_existing_dir("actors.yaml and edges.yaml"),
        help="Folder holding actors.yaml and edges.yaml.",
    )
    @click.option(
        "--seeds-dir",
        type=click.Path(path_type=Path, file_okay=False),
        default=Path("seeds"),
        show_default=True,
        callback=_existing_dir("sources.yaml and the source texts"),
        help="Folder holding sources.yaml and the source texts.",
    )
    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        return command(*args, **kwargs)

    return wrapper


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="actorgraph")
def cli() -> None:
    """Explore a hand-curated graph of armed groups and the relations between
    them, every relation backed by a verbatim quote from a source text.

    Run from the repository root, or point --data-dir and --seeds-dir elsewhere.
    """


@cli.command()
@data_options
def check(data_dir: Path, seeds_dir: Path) -> None:
    """Check the data and verify every quote against its source.

    Prints each problem as FILE:LINE: MESSAGE and exits 1 if there are any;
    otherwise prints a one-line summary and exits 0.

    Example: actorgraph check --data-dir my-data
    """
    from graph.check import load_checked

    data = load_checked(data_dir, seeds_dir)
    n_sources = len(data.sources)
    click.echo(
        f"{len(data.actors)} actors, {len(data.edges)} relations, "
        f"{data.quote_count} quotes verified in {n_sources} source{'s' if n_sources != 1 else ''}"
    )


_SUFFIX_FORMATS = {".json": "json", ".graphml": "graphml", ".gexf": "gexf", ".csv": "csv"}


@cli.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "graphml", "gexf", "csv"]),
    default=None,
    help="Output format. Default: from the -o file's extension, else json.",
)
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="Write here instead of stdout.")
@data_options
def export(fmt: str | None, output: Path | None, data_dir: Path, seeds_dir: Path) -> None:
    """Export the checked graph for other tools.

    json is NetworkX node-link data with every field; graphml and gexf open in
    Gephi and igraph (lists become text); csv has one row per relation.

    Example: actorgraph export --format graphml -o actors.graphml
    """
    from graph.build import build_graph
    from graph.check import load_checked
    from graph.export import export as render

    if fmt is None:
        fmt = _SUFFIX_FORMATS.get(output.suffix.lower(), "json") if output else "json"
    text = render(build_graph(load_checked(data_dir, seeds_dir)), fmt)
    if output is None:
        click.echo(text, nl=False)
        return
    from graph.files import write_atomic

    write_atomic(output, text)
    click.echo(f"wrote {output}", err=True)


@cli.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("build/graph.html"),
    show_default=True,
    help="Where to write the page.",
)
@data_options
def build(output: Path, data_dir: Path, seeds_dir: Path) -> None:
    """Write the interactive HTML graph, one file that opens in a browser.

    When the data has problems nothing is written and the last page stays.

    Example: actorgraph build -o /tmp/graph.html
    """
    from graph.build import build_graph
    from graph.check import load_checked
    from graph.files import write_atomic
    from graph.render import render_html

    data = load_checked(data_dir, seeds_dir)
    write_atomic(output, render_html(build_graph(data)))
    click.echo(f"wrote {output} ({len(data.actors)} actors, {len(data.edges)} relations)")


def main() -> None:
    cli(prog_name="actorgraph")


if __name__ == "__main__":  # pragma: no cover
    main()
