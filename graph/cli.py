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

from .dataset.model import DataProblems, GraphDataError


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
            ctx.exit(exc.exit_code)
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


page_output = click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("build/graph.html"),
    show_default=True,
    help="Where to write the page.",
)


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
    from .dataset.check import load_checked

    data = load_checked(data_dir, seeds_dir)
    n_sources = len(data.sources)
    click.echo(
        f"{len(data.actors)} actors, {len(data.edges)} relations, "
        f"{data.quote_count} quotes verified in {n_sources} source{'s' if n_sources != 1 else ''}"
    )


_SUFFIX_FORMATS = {".json": "json", ".graphml": "graphml", ".gexf": "gexf", ".csv": "csv", ".stix": "stix"}


@cli.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "graphml", "gexf", "csv", "stix"]),
    default=None,
    help="Output format. Default: from the -o file's extension, else json.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write here instead of stdout ('-': stdout).",
)
@data_options
def export(fmt: str | None, output: Path | None, data_dir: Path, seeds_dir: Path) -> None:
    """Export the checked graph for other tools.

    json is NetworkX node-link data with every field; graphml and gexf open in
    Gephi and igraph (lists become text; gexf carries dated relations as
    spells for Gephi's timeline); csv has one row per relation; stix is a
    STIX 2.1 bundle for threat-intelligence platforms.

    Example: actorgraph export --format graphml -o actors.graphml
    """
    from .dataset.check import load_checked
    from .network.build import build_graph
    from .outputs.export import export as render

    if output == Path("-"):
        output = None
    if fmt is None and output is not None and output.suffix:
        fmt = _SUFFIX_FORMATS.get(output.suffix.lower())
        if fmt is None:
            known = ", ".join(_SUFFIX_FORMATS)
            raise click.UsageError(f"cannot tell the format from '{output.suffix}' (known: {known}); pass --format")
    fmt = fmt or "json"
    text = render(build_graph(load_checked(data_dir, seeds_dir)), fmt)
    if output is None:
        click.echo(text, nl=False)
        return
    from .outputs.files import write_atomic

    write_atomic(output, text)
    click.echo(f"wrote {output}", err=True)


@cli.command()
@page_output
@click.option("--open", "open_page", is_flag=True, help="Open the page in the default browser afterwards.")
@data_options
def build(output: Path, open_page: bool, data_dir: Path, seeds_dir: Path) -> None:
    """Write the interactive HTML page: one file, works offline.

    When the data has problems nothing is written and the last page stays.

    Example: actorgraph build -o /tmp/graph.html --open
    """
    from .outputs.pagefile import write_page

    data = write_page(data_dir, seeds_dir, output)
    click.echo(f"wrote {output} ({len(data.actors)} actors, {len(data.edges)} relations)")
    if open_page:
        click.launch(output.resolve().as_uri())


@cli.command()
@page_output
@click.option(
    "--serve", is_flag=True, help="Also serve the page on localhost and reload the open tab after each rebuild."
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port for --serve (0: any free port).",
)
@data_options
def watch(output: Path, serve: bool, port: int, data_dir: Path, seeds_dir: Path) -> None:
    """Build the page, then rebuild it within a second of any change under the data
    and seeds folders, until Ctrl-C.

    A bad edit prints its problems (FILE:LINE) and leaves the last good page as it
    was; the next good save rebuilds. With --serve, open the printed address: the
    tab reloads itself after each rebuild and shows the problems while there are any.

    Example: actorgraph watch --serve
    """
    from .outputs.watch import watch as run_watch

    def report(message: str, ok: bool) -> None:
        click.echo(message, err=not ok)

    try:
        run_watch(data_dir, seeds_dir, output, report, serve_port=port if serve else None)
    except KeyboardInterrupt:
        click.echo("stopped", err=True)


def format_option(*choices: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default="text",
        show_default=True,
        help="text for reading, json or csv for other programs.",
    )


def _graph(data_dir: Path, seeds_dir: Path) -> Any:
    from .network.cache import checked_graph

    return checked_graph(data_dir, seeds_dir)


@cli.command()
@click.argument("a")
@click.argument("b")
@click.option("--all", "every", is_flag=True, help="Every simple path up to --max-hops, not only the shortest.")
@click.option("--max-hops", type=click.IntRange(1, 12), default=4, show_default=True, help="Longest path for --all.")
@click.option("--type", "types", multiple=True, metavar="TYPE", help="Use only this relation type (repeatable).")
@click.option(
    "--exclude-type", "exclude", multiple=True, metavar="TYPE", help="Never use this relation type (repeatable)."
)
@click.option("--directed", is_flag=True, help="Follow directed relations only in their own direction.")
@click.option(
    "--as-of",
    type=click.IntRange(1000, 2999),
    metavar="YEAR",
    help="Only relations in force that year (undated ones count).",
)
@format_option("text", "json")
@data_options
def path(
    a: str,
    b: str,
    every: bool,
    max_hops: int,
    types: tuple[str, ...],
    exclude: tuple[str, ...],
    directed: bool,
    as_of: int | None,
    fmt: str,
    data_dir: Path,
    seeds_dir: Path,
) -> None:
    """How actor A is connected to actor B, and on what evidence.

    Name actors by id, name or any alias, in any case. Each hop shows the
    relation in its own direction with its quotes. Exits 1 when there is no path.

    Example: actorgraph path HTS "islamic state khorasan" --exclude-type attacked
    """
    from . import present
    from .network import query

    g = _graph(data_dir, seeds_dir)
    source, target = query.resolve(g, a), query.resolve(g, b)
    filters = query.Filters(types=types, exclude=exclude, directed=directed, as_of=as_of)
    routes = query.paths(g, source, target, filters, every=every, max_hops=max_hops)
    if not routes:
        how = filters.describe()
        within = f" within {max_hops} hops" if every else ""
        message = f"no path from {present.name(g, source)} to {present.name(g, target)}{within}"
        click.echo(message + (f" {how}" if how else ""), err=True)
        raise SystemExit(1)
    if fmt == "json":
        click.echo(present.to_json(present.routes_json(g, routes)), nl=False)
    else:
        click.echo(present.routes_text(g, routes), nl=False)


@cli.command()
@click.argument("actor")
@format_option("text", "json")
@data_options
def show(actor: str, fmt: str, data_dir: Path, seeds_dir: Path) -> None:
    """An actor's card: names, kind, description, and every relation with its evidence.

    Example: actorgraph show iskp
    """
    from . import present
    from .network import query

    g = _graph(data_dir, seeds_dir)
    c = query.card(g, query.resolve(g, actor))
    click.echo(present.to_json(present.card_json(g, c)) if fmt == "json" else present.card_text(g, c), nl=False)


ACTOR_COLUMNS: tuple[str, ...] = ("id", "name", "kind", "relations", "aliases")
# The text table leaves attribution to `show` and the json/csv forms, which carry every field.
RELATION_COLUMNS: tuple[str, ...] = ("source", "relation", "target", "confidence", "since", "until", "quotes")


@cli.command(name="list")
@click.argument("what", type=click.Choice(["actors", "relations"]))
@click.option("--type", "rtype", metavar="TYPE", help="Only relations of this type (actors: those with one).")
@click.option("--kind", metavar="KIND", help="Only actors of this kind (relations: with one at either end).")
@click.option("--actor", metavar="NAME", help="Only relations involving this actor.")
@format_option("text", "json", "csv")
@data_options
def list_(
    what: str, rtype: str | None, kind: str | None, actor: str | None, fmt: str, data_dir: Path, seeds_dir: Path
) -> None:
    """List actors or relations as a table.

    Example: actorgraph list relations --actor ISIS-K --type rival
    """
    from . import present
    from .network import query

    g = _graph(data_dir, seeds_dir)
    query.check_kind(g, kind)
    if rtype:
        query.check_types(g, [rtype])
    if what == "actors":
        if actor:
            raise click.UsageError("--actor filters relations; for one actor's card use `actorgraph show NAME`")
        rows, columns = query.actor_rows(g, kind=kind, rtype=rtype), ACTOR_COLUMNS
    else:
        who = query.resolve(g, actor) if actor else None
        rows, columns = query.relation_rows(g, rtype=rtype, kind=kind, actor=who), RELATION_COLUMNS
    if fmt == "json":
        click.echo(present.to_json(rows), nl=False)
    elif fmt == "csv":
        click.echo(present.table_csv(rows, list(rows[0]) if rows else list(columns)), nl=False)
    else:
        click.echo(present.table_text(rows, columns, f"No {what} match."), nl=False)


@cli.command()
@click.option("--actor", metavar="NAME", help="Only what concerns this actor.")
@click.option("--limit", type=click.IntRange(1), default=10, show_default=True, help="Rows per section in text.")
@format_option("text", "json", "csv")
@data_options
def analyze(actor: str | None, limit: int, fmt: str, data_dir: Path, seeds_dir: Path) -> None:
    """Signed-network analysis: brokers, camps, and "the enemy of my enemy".

    Centrality shows who sits between others; the camps are the two-sided split
    the relations' signs suggest (structural balance), with the relations that
    break it; shared enemies are pairs with a common enemy and no hostility
    between them. csv gives the shared-enemy table. Past 200 actors,
    betweenness is estimated from a fixed sample, and components past 16
    actors are split greedily rather than exhaustively.

    Example: actorgraph analyze --actor "United States"
    """
    from . import present
    from .network import analyze as signed
    from .network import query

    g = _graph(data_dir, seeds_dir)
    who = query.resolve(g, actor) if actor else None
    cent = [r for r in signed.centrality(g) if who is None or r.actor == who]
    split = signed.camps(g)
    if who is not None:
        split = signed.Camps(
            tuple(c for c in split.camps if who in c),
            tuple(n for n in split.unaligned if n == who),
            tuple(t for t in split.breaking if who in (t.source, t.target)),
            split.signed,
        )
    enemies = signed.shared_enemies(g, who)
    if fmt == "json":
        click.echo(present.to_json(present.analysis_json(g, cent, split, enemies)), nl=False)
    elif fmt == "csv":
        rows = present.shared_enemy_rows(g, enemies)
        click.echo(present.table_csv(rows, ("a", "b", "shared_enemies", "already_cooperative")), nl=False)
    else:
        click.echo(present.analysis_text(g, cent, split, enemies, limit), nl=False)


@cli.command()
@click.option("--all", "show_all", is_flag=True, help="List cited and reviewed sentences too, not only open ones.")
@format_option("text", "json")
@data_options
def coverage(show_all: bool, fmt: str, data_dir: Path, seeds_dir: Path) -> None:
    """What the sources say that the data does not yet cite.

    Lists each sentence that names two or more actors (by any name or alias)
    and that no evidence quote cites and no entry of data/reviewed.yaml
    explains: each is a relation to encode, or a sentence to record as
    reviewed with the reason it states none.

    Example: actorgraph coverage --format json
    """
    from . import present
    from .curation.coverage import coverage as find
    from .dataset.check import load_checked

    data = load_checked(data_dir, seeds_dir)
    report = find(data)
    names = {a.id: a.name for a in data.actors}
    if fmt == "json":
        click.echo(present.to_json(present.coverage_json(report, data)), nl=False)
    else:
        click.echo(present.coverage_text(report, data, names, show_all), nl=False)


@cli.command()
@click.argument("old", required=False)
@click.argument("new", required=False)
@format_option("text", "json", "markdown")
@data_options
def diff(old: str | None, new: str | None, fmt: str, data_dir: Path, seeds_dir: Path) -> None:
    """What changed in the data between two versions: actors and relations added,
    removed and changed (re-typed, reversed, re-hedged, re-quoted), with evidence.

    OLD and NEW are git revisions or folders holding data/ and seeds/. Without
    them: the last commit (HEAD) against the working tree; with only OLD: OLD
    against the working tree. markdown pastes into a pull-request comment.

    Example: actorgraph diff HEAD~3 --format markdown
    """
    from . import present
    from .curation.diff import compare, version

    with version(old or "HEAD", data_dir, seeds_dir) as before, version(new, data_dir, seeds_dir) as after:
        result = compare(before, after)
    if fmt == "json":
        click.echo(present.to_json(present.diff_json(result)), nl=False)
    else:
        click.echo(present.diff_text(result, markdown=fmt == "markdown"), nl=False)


@cli.command()
@click.option(
    "--check", "check_only", is_flag=True, help="Change nothing; show the diff and exit 1 if a file is not canonical."
)
@data_options
def fmt(check_only: bool, data_dir: Path, seeds_dir: Path) -> None:
    """Lay out the data files one canonical way, keeping comments.

    Keys in the documented order, two-space indentation, verbatim text
    (quotes, sentences, titles) double-quoted. With --check, for CI and
    pre-commit: print the diff and exit 1 when a file would change.

    Example: actorgraph fmt --check
    """
    import difflib

    from ruamel.yaml.error import YAMLError

    from .curation.edit import canonical
    from .dataset import load
    from .dataset.load import display_path
    from .outputs.files import write_atomic

    names = (load.ACTORS_FILE, load.EDGES_FILE, load.REVIEWED_FILE)
    paths = [data_dir / name for name in names] + [seeds_dir / load.SOURCES_FILE]
    changed = []
    for path in paths:
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8-sig")
        try:
            new = canonical(text, path.name)
        except YAMLError as exc:  # the file does not parse: `check` says where and why
            raise click.ClickException(
                f"{display_path(path)}: cannot format a file that does not parse "
                f"({exc.__class__.__name__}); run `actorgraph check`"
            ) from None
        if new == text:
            continue
        changed.append(display_path(path))
        if check_only:
            name = display_path(path)
            diff = difflib.unified_diff(
                text.splitlines(True), new.splitlines(True), f"{name} (now)", f"{name} (canonical)"
            )
            click.echo("".join(diff), nl=False)
        else:
            write_atomic(path, new)
    if check_only and changed:
        click.echo(
            f"{len(changed)} file(s) not in canonical form: {', '.join(changed)}; run `actorgraph fmt`", err=True
        )
        raise SystemExit(1)
    if not check_only:
        click.echo(f"formatted {', '.join(changed)}" if changed else "all files already canonical", err=True)


@cli.command(name="add-actor")
@click.option("--id", "actor_id", required=True, help="A lowercase slug: letters, digits and single hyphens.")
@click.option("--name", required=True, help="The name shown.")
@click.option("--kind", required=True, help="An actor kind from data/actors.yaml.")
@click.option("--alias", "aliases", multiple=True, help="Another spelling (repeatable).")
@click.option("--description", help="One or two sentences, from the sources.")
@click.option("--region")
@click.option("--founded", help="A year, or year-month.")
@data_options
def add_actor(
    actor_id: str,
    name: str,
    kind: str,
    aliases: tuple[str, ...],
    description: str | None,
    region: str | None,
    founded: str | None,
    data_dir: Path,
    seeds_dir: Path,
) -> None:
    """Append an actor to data/actors.yaml, keeping the file's comments and layout.

    Refused, with the message `check` would give, if the result would not pass
    `check` (a duplicate id, a name another actor has, an unknown kind).

    Example: actorgraph add-actor --id imu --name "Islamic Movement of Uzbekistan" --kind militant_group --alias IMU
    """
    record: dict[str, Any] = {"id": actor_id, "name": name}
    if aliases:
        record["aliases"] = list(aliases)
    record["kind"] = kind
    for key, value in (("description", description), ("region", region), ("founded", founded)):
        if value:
            record[key] = int(value) if key == "founded" and value.isdigit() else value
    _append(data_dir, seeds_dir, "actors.yaml", "actors", record)
    click.echo(f"added actor '{actor_id}' to {data_dir / 'actors.yaml'}")


@cli.command(name="add-relation")
@click.argument("source")
@click.argument("rtype", metavar="TYPE")
@click.argument("target")
@click.option("--doc", required=True, help="The source text's id, from seeds/sources.yaml.")
@click.option("--quote", required=True, help="The source's exact words ('...' joins fragments in order).")
@click.option("--confidence", help="Only where the text hedges: a confidence level.")
@click.option("--attributed-to", help="Who in the text makes the claim, if not the author.")
@click.option("--since", help="Year or year-month, where the text dates it.")
@click.option("--until", help="Year or year-month, where the text dates it.")
@click.option("--note", help="How the quote was read, if not obvious.")
@data_options
def add_relation(
    source: str,
    rtype: str,
    target: str,
    doc: str,
    quote: str,
    confidence: str | None,
    attributed_to: str | None,
    since: str | None,
    until: str | None,
    note: str | None,
    data_dir: Path,
    seeds_dir: Path,
) -> None:
    """Append a relation to data/edges.yaml, keeping the file's comments and layout.

    SOURCE and TARGET may be given by id, name or alias. Refused, with the
    message `check` would give, if the result would not pass `check` (an
    unknown actor or type, a duplicate, a quote that is not in the source).

    Example: actorgraph add-relation ISKP rival "Al Qaeda" --doc mir-nyt
    --quote "Al Qaeda, in particular, will feel the pressure"
    """
    ids = {name: _actor_id(data_dir, seeds_dir, name) for name in (source, target)}
    record: dict[str, Any] = {"source": ids[source], "target": ids[target], "type": rtype}
    for key, value in (("since", since), ("until", until)):
        if value:
            record[key] = int(value) if value.isdigit() else value
    for key, value in (("confidence", confidence), ("attributed_to", attributed_to), ("note", note)):
        if value:
            record[key] = value
    record["evidence"] = [{"doc": doc, "quote": quote}]
    _append(data_dir, seeds_dir, "edges.yaml", "edges", record)
    click.echo(f"added {ids[source]} {rtype} {ids[target]} to {data_dir / 'edges.yaml'}")


def _actor_id(data_dir: Path, seeds_dir: Path, typed: str) -> str:
    """The id a person means, resolved like the query commands do; unknown names pass through
    unchanged so that the check reports them with its own suggestion."""
    from .dataset.load import load_dataset
    from .dataset.model import name_key

    data, _ = load_dataset(data_dir, seeds_dir)
    for actor in data.actors:
        if name_key(typed) in {name_key(n) for n in actor.names}:
            return actor.id
    return typed


def _append(data_dir: Path, seeds_dir: Path, file_name: str, list_key: str, record: dict[str, Any]) -> None:
    from .curation.edit import append_item, apply, record_text

    path = data_dir / file_name
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    from .dataset.load import display_path

    new_text = append_item(text, list_key, record_text(record, file_name, list_key), display_path(path))
    apply(data_dir, seeds_dir, file_name, new_text)


def main() -> None:
    cli(prog_name="actorgraph")


if __name__ == "__main__":  # pragma: no cover
    main()
