"""The `actorgraph` command line: parse options, call one library function, print its answer.

Commands compute nothing themselves. Errors reach the user through one handler
(`_Group.invoke`): data problems as compiler-style lines and exit 1, other
actorgraph errors as one `error:` line with their own exit code, usage mistakes
as click's exit 2. Every command that answers in several formats prints through
`emit`. Heavy modules (networkx, numpy, igraph, stix2, pandas) are imported inside the
commands that need them, so quick commands start quickly.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .dataset.format import ACTOR_FIELDS, EDGE_FIELDS, EVIDENCE_FIELDS, SOURCE_FIELDS
from .errors import ActorgraphError, DataError
from .inert import json_inert, one_line, terminal

if TYPE_CHECKING:
    from .api import Map
    from .dataset.fields import Field
    from .network.claims import EvidenceFilter
    from .network.query import Focus
    from .present import Answer


# Commands that write files: their refusals say that nothing was written.
WRITING = frozenset(
    {"build", "export", "fmt", "init", "import", "add-actor", "add-relation", "add-evidence", "add-alias", "add-source"}
    | {"remove-relation", "remove-evidence", "reverse", "retype", "edit-evidence"}
    | {"remove-actor", "remove-alias", "edit-actor"}
    | {"add-type", "add-kind", "add-hedge", "add-source-kind"}
    | {"add-review", "propose", "review"}
)


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DataError as exc:
            for problem in exc.problems:
                echo(one_line(str(problem)), err=True)  # a name or quote cannot add a line of its own
            n = len(exc.problems)
            tail = "; nothing was written." if ctx.invoked_subcommand in WRITING else "."
            echo(f"{n} problem{'s' if n != 1 else ''} found{tail}", err=True)
            ctx.exit(1)
        except ActorgraphError as exc:
            echo(f"error: {one_line(str(exc))}", err=True)
            ctx.exit(exc.exit_code)
        except BrokenPipeError:  # `actorgraph list ... | head`: the reader stopped reading, as it may
            _quiet_stdout()
            ctx.exit(PIPE_CLOSED)
        except OSError as exc:  # a file the user named, not a bug: say which and why, nothing more
            where = f"'{exc.filename}': " if exc.filename else ""
            echo(f"error: {where}{exc.strerror or exc}", err=True)
            ctx.exit(1)


def data_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """--data-dir and --seeds-dir, shared by every command that reads the data, resolved once as
    the API resolves them (`folder.MapFolder`): the seeds folder defaults to the one beside the
    data folder, so `--data-dir elsewhere/data` is enough, and `--data-dir my-map` (a map's
    root, holding data/ and seeds/) works too. A missing folder is a usage error (exit 2)."""

    @click.option(
        "--data-dir",
        type=click.Path(path_type=Path, file_okay=False),
        default=Path("data"),
        show_default=True,
        help="Folder holding actors.yaml and edges.yaml (or a map's folder, holding data/ and seeds/).",
    )
    @click.option(
        "--seeds-dir",
        type=click.Path(path_type=Path, file_okay=False),
        default=None,
        help="Folder holding sources.yaml and the source texts.  [default: seeds, beside the data folder]",
    )
    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from .folder import MapFolder

        try:
            folder = MapFolder.of(kwargs["data_dir"], kwargs["seeds_dir"])
        except ActorgraphError as exc:
            option = getattr(exc, "option", "--data-dir")
            message = f"{exc}; run actorgraph from the map's root folder or pass {option}"
            raise click.BadParameter(message, param_hint=f"'{option}'") from None
        kwargs["data_dir"], kwargs["seeds_dir"] = folder.data, folder.seeds
        return command(*args, **kwargs)

    return wrapper


def evidence_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """--no-hedged, --no-attributed and --source: which quotes an answer may rest on, the same
    for every command. They arrive as one `evidence` argument."""

    @click.option("--no-hedged", is_flag=True, help="Leave out quotes the text hedges (may, likely, ...).")
    @click.option("--no-attributed", is_flag=True, help="Leave out quotes the text puts in someone else's mouth.")
    @click.option("--source", "sources", multiple=True, metavar="ID", help="Only quotes from this source (repeatable).")
    @functools.wraps(command)
    def wrapper(*args: Any, no_hedged: bool, no_attributed: bool, sources: tuple[str, ...], **kwargs: Any) -> Any:
        from .network.claims import EvidenceFilter

        return command(*args, evidence=EvidenceFilter(no_hedged, no_attributed, sources), **kwargs)

    return wrapper


def focus_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """--focus and --depth: write one actor's neighbourhood only. They arrive as one `focus`."""

    @click.option("--focus", "focus_on", metavar="ACTOR", help="Only this actor's neighbourhood (name, alias or id).")
    @click.option(
        "--depth",
        type=click.IntRange(1, 10),
        default=None,
        help="With --focus: how many relations out the neighbourhood reaches.  [default: 1]",
    )
    @functools.wraps(command)
    def wrapper(*args: Any, focus_on: str | None, depth: int | None, **kwargs: Any) -> Any:
        from .network.query import Focus

        if depth is not None and focus_on is None:
            raise click.UsageError("--depth needs --focus ACTOR")
        return command(*args, focus=Focus(focus_on, depth or 1), **kwargs)

    return wrapper


def formats(*choices: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """--format with exactly the forms this command's answer has."""
    described = {"text": "text to read", "json": "JSON", "csv": "CSV", "markdown": "markdown", "csl-json": "CSL-JSON"}
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=choices[0],
        show_default=True,
        help="Output: " + ", ".join(f"{c} ({described[c]})" for c in choices) + ".",
    )


def emit(answer: Answer, fmt: str) -> None:
    text = answer.render(fmt)
    echo(json_inert(text) if fmt in ("json", "csl-json") else text, nl=False, raw=fmt in ("json", "csl-json"))


def echo(message: str, *, err: bool = False, nl: bool = True, raw: bool = False) -> None:
    """Print for a person, a terminal or a CI log: through `inert.terminal` (no escape sequence,
    no lone carriage return, no line starting with `::`) unless `raw` (JSON made inert its own,
    lossless way). Every line the command line prints goes through here."""
    click.echo(message if raw else terminal(message), err=err, nl=nl)


PAGE = Path("build") / "graph.html"
page_output = click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Where to write the page.  [default: build/graph.html in the map's folder]",
)


def _page_path(output: Path | None, data_dir: Path, seeds_dir: Path) -> Path:
    """The page the user named, else build/graph.html in the map's own folder (from the map's
    root that is ./build/graph.html, as before; for `--data-dir elsewhere/data`, elsewhere/build)."""
    if output is not None:
        return output
    from .dataset.load import display_path
    from .folder import MapFolder

    root = MapFolder(data_dir, seeds_dir).root
    return Path(display_path(root / PAGE)) if root is not None else PAGE


force_option = click.option(
    "--force", is_flag=True, help="Write through a symbolic link even when it leads out of the map."
)


def spec_options(
    spec: Mapping[str, Field],
    *,
    skip: Iterable[str] = (),
    optional: Iterable[str] = (),
    helps: Mapping[str, str] | None = None,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """One option per field of a record, from the record's own field list: its name (or the
    spec's `option`), its help, required when the record needs it (unless listed in `optional`,
    for a field the command fills in itself), repeatable for a list. The values arrive under the
    fields' own names, so the command passes them on as they are."""
    from .dataset.fields import Choice, Flag, Records, TextList

    skipped, loose = set(skip), set(optional)

    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        for name, f in reversed(list(spec.items())):
            if name in skipped or not f.written or isinstance(f.kind, Records):
                continue
            flag = "--" + (f.option or name).replace("_", "-")
            help_text = (helps or {}).get(name, f.help)
            if isinstance(f.kind, TextList):
                option = click.option(flag, name, multiple=True, help=help_text + " (repeatable)")
            else:
                needed = f.required and name not in loose
                kind: Any = None
                if isinstance(f.kind, Flag):
                    kind = click.BOOL
                elif isinstance(f.kind, Choice):
                    kind = click.Choice(f.kind.options)
                option = click.option(flag, name, type=kind, required=needed, help=help_text)
            command = option(command)
        return command

    return decorate


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
    otherwise prints a one-line summary and exits 0, followed by the pairs the
    sources disagree about (contested relations are not errors).

    Example: actorgraph check --data-dir my-data
    """
    from .dataset.check import load_checked
    from .dataset.validate import unmapped
    from .network.claims import contests
    from .present.contests import contests_text
    from .present.coverage import unregistered_text

    data = load_checked(data_dir, seeds_dir)
    n_sources = len(data.sources)
    echo(
        f"{len(data.actors)} actors, {len(data.edges)} relations, "
        f"{data.quote_count} quotes verified in {n_sources} source{'s' if n_sources != 1 else ''}"
    )
    found = contests(data)
    if found:
        echo(contests_text(data, found, brief=True), nl=False)
    for name in data.unregistered:
        echo(f"warning: {unregistered_text(seeds_dir, name)}", err=True)
    for warning in unmapped(data):
        echo(f"warning: {warning}", err=True)


def _export_help() -> str:
    from .outputs.registry import EXPORTERS

    lines = [f"{e.name} ({e.target}): {e.summary}." for e in EXPORTERS.values()]
    return "\n\n".join(lines)


def _export_doc(command: Callable[..., Any]) -> Callable[..., Any]:
    # Indented as the placeholder is, so click dedents the whole docstring evenly.
    listing = _export_help().replace("\n", "\n    ")
    command.__doc__ = (command.__doc__ or "").replace("{formats}", listing)
    return command


def _export_choices() -> list[str]:
    from .outputs.registry import EXPORTERS

    return list(EXPORTERS)


@cli.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(_export_choices()),
    default=None,
    help="Output format. Default: from the -o file's extension, else json.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Write here instead of stdout ('-': stdout); the folder to write into, for parquet and neo4j.",
)
@click.option("--raw-csv", is_flag=True, help="Write CSV cells as they are, even those a spreadsheet would run.")
@force_option
@evidence_options
@focus_options
@data_options
@_export_doc
def export(
    fmt: str | None,
    output: Path | None,
    raw_csv: bool,
    force: bool,
    evidence: EvidenceFilter,
    focus: Focus,
    data_dir: Path,
    seeds_dir: Path,
) -> None:
    """Export the checked graph for other tools.

    \b
    {formats}

    CSV cells that a spreadsheet would run as a formula (starting with =, +, -,
    @, a tab or a carriage return) are prefixed with ' unless --raw-csv.

    With --focus ACTOR (and --depth N), only that actor's neighbourhood is
    exported: the actors within N relations of it and every relation among them.

    Example: actorgraph export --format svg --focus Taliban -o taliban.svg
    """
    from .network.cache import checked_dataset
    from .network.query import scoped_graph
    from .outputs.registry import EXPORTERS, by_suffix

    if output == Path("-"):
        output = None
    if fmt is None and output is not None and output.suffix:
        found = by_suffix(output.name)
        if found is None:
            known = ", ".join(s for e in EXPORTERS.values() for s in e.suffixes)
            raise click.UsageError(f"cannot tell the format from '{output.suffix}' (known: {known}); pass --format")
        fmt = found.name
    exporter = EXPORTERS[fmt or "json"]
    if exporter.folder and output is None:
        raise click.UsageError(f"--format {exporter.name} writes a folder of files; name it with -o DIR")
    g = scoped_graph(checked_dataset(data_dir, seeds_dir), evidence, focus)
    g.graph["folders"] = (data_dir, seeds_dir)  # where the map is, for what an export reads of its history
    from .files import write_output

    if exporter.folder and output is not None:
        written = exporter.files(g)
        for name, content in written.items():
            write_output(output / name, content, data_dir=data_dir, seeds_dir=seeds_dir, force=force)
        echo(f"wrote {', '.join(written)} in {output}", err=True)
        return
    text = exporter.export(g, raw=raw_csv)
    if output is None:  # to a terminal or a log: inert, as every output is (-o writes the bytes as they are)
        as_json = exporter.name in ("json", "stix")
        echo(json_inert(text) if as_json else text, nl=False, raw=as_json)
        return
    write_output(output, text, data_dir=data_dir, seeds_dir=seeds_dir, force=force)
    echo(f"wrote {output}", err=True)


@cli.command(name="import")
@click.argument("bundle", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["stix"]), required=True, help="The bundle's format.")
@data_options
def import_(bundle: Path, fmt: str, data_dir: Path, seeds_dir: Path) -> None:
    """Read a STIX 2.1 bundle (from `export --format stix`, or OpenCTI's export of it) into an
    empty map: actors, relations with their quotes, sources and the vocabularies they need.

    Relation types come back through the labels the export writes; quotes are written as the
    bundle gives them and `check` verifies each against its source's text. A source whose text
    is not in the seeds folder is registered all the same: put the text there (under the file
    name printed) and run `actorgraph check`.

    Example: actorgraph init new-map && cd new-map && actorgraph import --format stix ../map.json
    """
    from .curation.stix_import import import_stix

    done = import_stix(data_dir, seeds_dir, bundle)
    echo(
        f"imported {done.actors} actors, {done.relations} relations and {done.quotes} quotes from "
        f"{len(done.sources)} sources into {', '.join(str(p) for p in done.written)}"
    )
    for doc, name in done.missing_texts:
        echo(f"warning: the text of source '{doc}' is not in the map: put it in {seeds_dir / name}", err=True)
    for what in done.skipped:
        echo(f"skipped {what}", err=True)
    echo("next: actorgraph check (it verifies every quote against its source's text)")


@cli.command()
@page_output
@click.option("--open", "open_page", is_flag=True, help="Open the page in the default browser afterwards.")
@force_option
@evidence_options
@focus_options
@data_options
def build(
    output: Path | None,
    open_page: bool,
    force: bool,
    evidence: EvidenceFilter,
    focus: Focus,
    data_dir: Path,
    seeds_dir: Path,
) -> None:
    """Write the interactive HTML page: one file, works offline.

    When the data has problems nothing is written and the last page stays.
    The evidence options build a page of only the claims that pass them; the
    page also has the same filters as controls. With --focus ACTOR (and --depth N)
    the page holds only that actor's neighbourhood.

    Example: actorgraph build -o /tmp/graph.html --open
    """
    from .outputs.page import write_page

    output = _page_path(output, data_dir, seeds_dir)
    data = write_page(data_dir, seeds_dir, output, evidence, focus, force=force).data
    echo(f"wrote {output} ({len(data.actors)} actors, {len(data.edges)} relations)")
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
def watch(output: Path | None, serve: bool, port: int, data_dir: Path, seeds_dir: Path) -> None:
    """Build the page, then rebuild it within a second of any change under the data
    and seeds folders, until Ctrl-C.

    A bad edit prints its problems (FILE:LINE) and leaves the last good page as it
    was; the next good save rebuilds. With --serve, open the printed address: the
    tab reloads itself after each rebuild and shows the problems while there are any.

    Example: actorgraph watch --serve
    """
    from .outputs.watch import watch as run_watch

    def report(message: str, ok: bool) -> None:
        echo(message, err=not ok)

    try:
        page = _page_path(output, data_dir, seeds_dir)
        run_watch(data_dir, seeds_dir, page, report, serve_port=port if serve else None)
    except KeyboardInterrupt:
        echo("stopped", err=True)


def _map(data_dir: Path, seeds_dir: Path, evidence: EvidenceFilter) -> Map:
    """The checked map the query commands answer from (cached when no input byte changed)."""
    from .api import Map
    from .folder import MapFolder

    return Map.open(MapFolder(data_dir, seeds_dir), evidence)


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
@evidence_options
@formats("text", "json")
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
    evidence: EvidenceFilter,
    data_dir: Path,
    seeds_dir: Path,
) -> None:
    """How actor A is connected to actor B, and on what evidence.

    Name actors by id, name or any alias, in any case. Each hop shows the
    relation in its own direction with its quotes; a contested hop shows the
    claims it conflicts with. Exits 1 when there is no path.

    Example: actorgraph path HTS "islamic state khorasan" --exclude-type attacked
    """
    from .network import query
    from .present.paths import no_path_text, routes_answer

    m = _map(data_dir, seeds_dir, evidence)
    g, source, target = m.graph, m.resolve(a), m.resolve(b)
    filters = query.Filters(types=types, exclude=exclude, directed=directed, as_of=as_of)
    routes = m.path(a, b, every=every, max_hops=max_hops, types=types, exclude=exclude, directed=directed, as_of=as_of)
    if not routes:
        echo(no_path_text(g, source, target, filters, evidence, max_hops if every else None), err=True)
        raise SystemExit(1)
    emit(routes_answer(g, routes), fmt)


@cli.command()
@click.argument("actor")
@evidence_options
@formats("text", "json")
@data_options
def show(actor: str, fmt: str, evidence: EvidenceFilter, data_dir: Path, seeds_dir: Path) -> None:
    """An actor's card: names, kind, description, and every relation with its evidence.

    Example: actorgraph show iskp
    """
    from .present.paths import card_answer

    m = _map(data_dir, seeds_dir, evidence)
    emit(card_answer(m.graph, m.show(actor)), fmt)


@cli.command(name="list")
@click.argument("what", type=click.Choice(["actors", "relations", "evidence"]))
@click.option("--type", "rtype", metavar="TYPE", help="Only relations of this type (actors: those with one).")
@click.option("--kind", metavar="KIND", help="Only actors of this kind (relations: with one at either end).")
@click.option("--actor", metavar="NAME", help="Only relations (or quotes) involving this actor.")
@click.option("--contested", "only_contested", is_flag=True, help="Only relations the sources disagree about.")
@evidence_options
@formats("text", "json", "csv")
@data_options
def list_(
    what: str,
    rtype: str | None,
    kind: str | None,
    actor: str | None,
    only_contested: bool,
    fmt: str,
    evidence: EvidenceFilter,
    data_dir: Path,
    seeds_dir: Path,
) -> None:
    """List actors, relations or quotes (evidence) as a table.

    JSON gives the same records as `show`, `path` and `export`; CSV the same
    columns as `export --format csv` (relations) and the Python API's frames.

    Example: actorgraph list relations --actor ISIS-K --type rival
    """
    from .present.tables import actors_answer, evidence_answer, relations_answer

    if what == "actors" and actor:
        raise click.UsageError("--actor filters relations; for one actor's card use `actorgraph show NAME`")
    m = _map(data_dir, seeds_dir, evidence)
    if what == "actors":
        emit(actors_answer(m.graph, m.actor_ids(kind=kind, type=rtype)), fmt)
        return
    rels = m.relation_records(type=rtype, kind=kind, actor=actor, contested=only_contested)
    emit((relations_answer if what == "relations" else evidence_answer)(rels), fmt)


@cli.command()
@click.option("--actor", metavar="NAME", help="Only what concerns this actor.")
@click.option(
    "--as-of",
    type=click.IntRange(1000, 2999),
    metavar="YEAR",
    help="Only relations in force that year (undated ones count), among actors that existed then.",
)
@click.option("--limit", type=click.IntRange(1), default=10, show_default=True, help="Rows per section in text.")
@click.option(
    "--time-limit",
    type=click.FloatRange(0.1, 3600),
    default=None,
    metavar="SECONDS",
    help="Processor time for each search of the best split; past it, bounds.  [default: 10]",
)
@click.option("--pairs", "pairs_table", is_flag=True, help="With --format csv: one row per shared-enemy pair.")
@evidence_options
@formats("text", "json", "csv")
@data_options
def analyze(
    actor: str | None,
    as_of: int | None,
    limit: int,
    time_limit: float | None,
    pairs_table: bool,
    fmt: str,
    evidence: EvidenceFilter,
    data_dir: Path,
    seeds_dir: Path,
) -> None:
    """Signed-network analysis: centrality, camps, and "the enemy of my enemy",
    each saying what it rests on.

    Centrality comes as four figures, each for what it measures: relations;
    degree (the share of other actors it has any relation with); betweenness
    over relations of any kind (hostile ones too: a common enemy sits between
    its enemies); and brokerage, betweenness over cooperative relations only
    (the go-between). A figure above zero only through hedged or attributed
    claims is marked.

    The camps are the two-sided split the relations' signs suggest (structural
    balance). The output says how many relations the best split breaks, and
    whether that count is exact (proven: no split breaks fewer) or a bound
    (past 1,000 actors in one block, or past the time limit). Each member is
    there by a cooperative relation with another member, or only as an enemy of
    the other camp's members (marked °). An actor that equally good splits
    place in either camp is listed as undetermined, with what each choice
    breaks, never put in a camp by a tie-break.

    Shared enemies are pairs with a common enemy and no hostility between them:
    hypotheses, each with what is (or is not) recorded between the pair.

    Each placement and shared enemy says whether it holds on the authors' own
    plainly stated claims alone; --no-hedged --no-attributed gives that stricter
    picture whole. csv gives one row per actor (--pairs: per shared-enemy pair).
    Past 200 actors, betweenness and brokerage are estimated from a fixed sample.

    Example: actorgraph analyze --actor "United States" --as-of 2021
    """
    from .present.analysis import analysis_answer

    m = _map(data_dir, seeds_dir, evidence)
    result = m.analyze(actor, as_of=as_of, time_limit=time_limit)
    emit(analysis_answer(m.graph, result, limit, evidence, pairs_table=pairs_table), fmt)


@cli.command()
@click.option("--all", "show_all", is_flag=True, help="List cited and reviewed sentences too, not only open ones.")
@formats("text", "json")
@data_options
def coverage(show_all: bool, fmt: str, data_dir: Path, seeds_dir: Path) -> None:
    """What the sources say that the data does not yet cite, pair by pair.

    Lists each sentence naming two or more actors (by any name or alias,
    longest first) in which some pair of them is neither cited (a quote of a
    relation between those two lies in the sentence) nor reviewed in
    data/reviewed.yaml: each is a relation to encode, or a sentence or pair to
    record as reviewed (`actorgraph add-review`). Names that no actor has are
    listed too, and a text where any were found is never called covered.

    Example: actorgraph coverage --format json
    """
    from .intake.queue import open_counts
    from .network.claims import EvidenceFilter
    from .present.coverage import coverage_answer

    m = _map(data_dir, seeds_dir, EvidenceFilter())
    emit(coverage_answer(m.coverage(), m.whole, show_all, seeds_dir, open_counts(m.proposals())), fmt)


@cli.command()
@formats("text", "markdown", "csv", "json", "csl-json")
@data_options
def sources(fmt: str, data_dir: Path, seeds_dir: Path) -> None:
    """The bibliography: every source text with its author, title, outlet, date and address.

    csl-json is the CSL-JSON that Zotero, pandoc and other reference managers read;
    markdown pastes into a report.

    Example: actorgraph sources --format markdown
    """
    from .network.claims import EvidenceFilter
    from .present.sources import sources_answer

    emit(sources_answer(_map(data_dir, seeds_dir, EvidenceFilter()).dataset), fmt)


@cli.command()
@evidence_options
@formats("text", "json")
@data_options
def contested(fmt: str, evidence: EvidenceFilter, data_dir: Path, seeds_dir: Path) -> None:
    """The pairs of actors the sources disagree about, with both sides' quotes.

    A pair is contested when it has a cooperative and a hostile relation at
    overlapping times (undated relations overlap everything), two relations
    whose types are declared opposite, or a relation that a quote disputes
    (`stance: disputes`). Contests are not errors: the map shows them.

    Those are the only kinds of disagreement it looks for, and the answer says
    so: it cannot see sources that give different dates, directions or
    perpetrators for the same relation, types that exclude each other without
    being declared opposite, or what a source says that the map does not record.

    Example: actorgraph contested --no-attributed
    """
    from .present.contests import contests_answer

    m = _map(data_dir, seeds_dir, evidence)
    emit(contests_answer(m.graph, m.contested(), evidence), fmt)


@cli.command()
@click.argument("old", required=False)
@click.argument("new", required=False)
@formats("text", "json", "markdown")
@data_options
def diff(old: str | None, new: str | None, fmt: str, data_dir: Path, seeds_dir: Path) -> None:
    """What changed in the data between two versions: actors and relations added,
    removed and changed (re-typed, reversed, re-hedged, re-quoted), with evidence.

    OLD and NEW are git revisions or folders holding data/ and seeds/. Without
    them: the last commit (HEAD) against the working tree; with only OLD: OLD
    against the working tree. markdown pastes into a pull-request comment.

    Example: actorgraph diff HEAD~3 --format markdown
    """
    from .curation.diff import compare, version
    from .present.diff import diff_answer

    with version(old or "HEAD", data_dir, seeds_dir) as before, version(new, data_dir, seeds_dir) as after:
        result = compare(before, after)
    answer = diff_answer(result, markdown=fmt == "markdown")
    emit(answer, "text" if fmt == "markdown" else fmt)


@cli.command()
@click.option(
    "--check", "check_only", is_flag=True, help="Change nothing; show the diff and exit 1 if a file is not canonical."
)
@click.option(
    "--migrate",
    is_flag=True,
    help="Also move keys the format no longer takes where they belong now (a relation's hedge and "
    "speaker onto each of its quotes).",
)
@data_options
def fmt(check_only: bool, migrate: bool, data_dir: Path, seeds_dir: Path) -> None:
    """Lay out the data files one canonical way, keeping comments.

    Keys in the documented order, two-space indentation, verbatim text
    (quotes, sentences, titles) double-quoted. With --check, for CI and
    pre-commit: print the diff and exit 1 when a file would change.

    With --migrate, data written for an earlier version is brought up to date
    without changing what it says: a relation's `confidence` and
    `attributed_to` move onto each of its quotes that has none of its own.

    Example: actorgraph fmt --check
    """
    from .curation.fmt import reformat
    from .dataset.load import display_path

    changed = reformat(data_dir, seeds_dir, write=not check_only, migrate=migrate)
    names = ", ".join(display_path(c.path) for c in changed)
    for c in changed:
        for line in c.review:
            echo(f"review: {line}", err=True)
    if check_only:
        for c in changed:
            echo(c.diff, nl=False)
        if changed:
            echo(f"{len(changed)} file(s) not in canonical form: {names}; run `actorgraph fmt`", err=True)
            raise SystemExit(1)
        echo("all files already canonical", err=True)
    else:
        echo(f"formatted {names}" if changed else "all files already canonical", err=True)


def into_option(folder: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """--into NAME: which file of a map that splits the list across a folder gets the new record."""
    return click.option(
        "--into",
        metavar="NAME",
        help=f"Write into data/{folder}/NAME.yaml (made if need be) instead of data/{folder}.yaml: "
        "for a map that splits its list across a folder (by source, by region, by contributor).",
    )


@cli.command(name="add-actor")
@spec_options(ACTOR_FIELDS)
@into_option("actors")
@data_options
def add_actor(data_dir: Path, seeds_dir: Path, **fields: Any) -> None:
    """Append an actor to data/actors.yaml (or, with --into NAME, to
    data/actors/NAME.yaml), keeping the file's comments and layout.

    Refused, with the message `check` would give, if the result would not pass
    `check` (a duplicate id, a name another actor has, an unknown kind).

    Example: actorgraph add-actor --id imu --name "Islamic Movement of Uzbekistan" --kind militant_group --alias IMU
    """
    from .curation.edit import add_actor as add

    path = add(data_dir, seeds_dir, **fields)
    echo(f"added actor '{fields['id']}' to {path}")


def quoted_relation(command: Callable[..., Any]) -> Callable[..., Any]:
    """SOURCE TYPE TARGET: the relation add-relation adds and add-evidence adds to."""
    for decorator in reversed(
        (click.argument("source"), click.argument("rtype", metavar="TYPE"), click.argument("target"))
    ):
        command = decorator(command)
    return command


# The new quote's fields, from the quote's own field list; `--confidence` is still read for `--hedge`.
quote_options = spec_options(EVIDENCE_FIELDS, skip=("stance", "note"))
hedge_synonym = click.option("--confidence", "confidence_synonym", hidden=True, help="The same as --hedge.")


def _quote(fields: dict[str, Any]) -> dict[str, Any]:
    """The new quote's fields as given, `--confidence` read as `--hedge`."""
    synonym = fields.pop("confidence_synonym", None)
    if synonym is not None:
        if fields.get("confidence") not in (None, synonym):
            raise click.UsageError("--confidence is another name for --hedge; give one of them")
        fields["confidence"] = synonym
    return fields


@cli.command(name="add-relation")
@quoted_relation
@quote_options
@hedge_synonym
@spec_options(EDGE_FIELDS, skip=("source", "target", "type"))
@into_option("edges")
@data_options
def add_relation(source: str, rtype: str, target: str, data_dir: Path, seeds_dir: Path, **fields: Any) -> None:
    """Append a relation to data/edges.yaml (or, with --into NAME, to
    data/edges/NAME.yaml), keeping the file's comments and layout.

    SOURCE and TARGET may be given by id, name or alias. The hedge (--hedge) and
    the speaker (--attributed-to) are written on the new quote only: they qualify
    these words, not quotes added later. Refused, with the message `check` would
    give, if the result would not pass `check` (an unknown actor or type, a
    duplicate, a quote that is not in the source).

    Example: actorgraph add-relation ISKP rival "Al Qaeda" --doc mir-nyt
    --quote "Al Qaeda, in particular, will feel the pressure"
    """
    from .curation.edit import add_relation as add

    path, source_id, target_id = add(data_dir, seeds_dir, source, rtype, target, **_quote(fields))
    echo(f"added {source_id} {rtype} {target_id} to {path}")


@cli.command()
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False), default=".")
def init(folder: Path) -> None:
    """Start a new, empty map in FOLDER (default: here): data/, seeds/, the vocabularies to
    extend, JSON Schemas for editors, a README and a .gitignore. Refuses to overwrite a map.

    Example: actorgraph init my-map && cd my-map && actorgraph check
    """
    from .curation.init import init as start

    written = start(folder)
    echo(f"started a map in {folder} ({len(written)} files); next: actorgraph add-source FILE --kind news ...")


@cli.command(name="add-source")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@spec_options(
    SOURCE_FIELDS,
    skip=("file",),
    optional=("id",),
    helps={"id": "A lowercase slug (default: made from the title, else the file name)."},
)
@data_options
def add_source(file: Path, data_dir: Path, seeds_dir: Path, **fields: Any) -> None:
    """Copy a text into the seeds folder and register it in seeds/sources.yaml.

    The copy is UTF-8 with Unix line endings and otherwise unchanged. Refused when
    the id or the very same text is already registered, or when `check` would
    refuse the record (an unknown kind, a malformed date).

    Example: actorgraph add-source ttp.txt --title "Pakistani Taliban" --kind encyclopedia
    --url https://en.wikipedia.org/wiki/Pakistani_Taliban --accessed 2026-11-21 --licence "CC BY-SA 4.0"
    """
    from .curation.edit import add_source as add

    path, new_id = add(data_dir, seeds_dir, file, **fields)
    echo(f"added source '{new_id}' to {path} (text in {seeds_dir / (new_id + '.txt')}); next: actorgraph coverage")


@cli.command(name="add-evidence")
@quoted_relation
@quote_options
@hedge_synonym
@click.option("--disputes", is_flag=True, help="The quote says the relation does NOT hold.")
@spec_options(EVIDENCE_FIELDS, skip=("doc", "quote", "attributed_to", "confidence", "stance"))
@data_options
def add_evidence(
    source: str, rtype: str, target: str, disputes: bool, data_dir: Path, seeds_dir: Path, **fields: Any
) -> None:
    """Add a quote to a relation already recorded (in data/edges.yaml or whichever file of
    data/edges/ holds it), keeping the layout.

    The commonest edit: a second source's words for a relation already recorded.
    Its hedge and speaker are its own: what the relation's other quotes say of
    theirs does not carry over. Refused, with `check`'s message, when the quote
    is not in the source.

    Example: actorgraph add-evidence isis-k rival taliban --doc wiki-ttp --quote "..."
    """
    from .curation.edit import add_evidence as add

    stance = "disputes" if disputes else None
    path, s_id, t_id = add(data_dir, seeds_dir, source, rtype, target, stance=stance, **_quote(fields))
    echo(f"added a quote from '{fields['doc']}' to {s_id} {rtype} {t_id} in {path}")


@cli.command(name="add-alias")
@click.argument("actor")
@click.argument("alias")
@data_options
def add_alias(actor: str, alias: str, data_dir: Path, seeds_dir: Path) -> None:
    """Give an actor another name, keeping the layout of data/actors.yaml.

    Refused, with `check`'s message, when another actor already has that name.

    Example: actorgraph add-alias "Islamic State Khorasan" "Daesh-Khorasan"
    """
    from .curation.edit import add_alias as add

    path, actor_id = add(data_dir, seeds_dir, actor, alias)
    echo(f"added the alias '{alias}' to '{actor_id}' in {path}")


# --- corrections ------------------------------------------------------------------------------


@cli.command(name="remove-relation")
@quoted_relation
@data_options
def remove_relation(source: str, rtype: str, target: str, data_dir: Path, seeds_dir: Path) -> None:
    """Delete a relation and its quotes from data/edges.yaml; comments around it stay.

    Refused, with `check`'s message, if the map would then fail `check`. `actorgraph
    diff` shows it as removed, with the quotes it had.

    Example: actorgraph remove-relation taliban attacked afghan-government
    """
    from .curation.correct import remove_relation as remove

    path, name = remove(data_dir, seeds_dir, source, rtype, target)
    echo(f"removed {name} from {path}")


@cli.command(name="remove-evidence")
@quoted_relation
@spec_options(EVIDENCE_FIELDS, skip=("attributed_to", "confidence", "stance", "note"))
@data_options
def remove_evidence(
    source: str, rtype: str, target: str, data_dir: Path, seeds_dir: Path, doc: str, quote: str
) -> None:
    """Delete one quote (named by its source and words) from a relation.

    A relation's only quote is not removed: remove the relation instead.

    Example: actorgraph remove-evidence isis-k rival taliban --doc mir-nyt --quote "mortal enemies"
    """
    from .curation.correct import remove_evidence as remove

    path, name = remove(data_dir, seeds_dir, source, rtype, target, doc=doc, quote=quote)
    echo(f"removed a quote from '{doc}' from {name} in {path}")


@cli.command()
@quoted_relation
@data_options
def reverse(source: str, rtype: str, target: str, data_dir: Path, seeds_dir: Path) -> None:
    """Swap the ends of a directed relation recorded the wrong way round.

    Example: actorgraph reverse ttp absorbed_fighters_from isis-k
    """
    from .curation.correct import reverse_relation

    path, name = reverse_relation(data_dir, seeds_dir, source, rtype, target)
    echo(f"reversed: now {name} in {path}")


@cli.command()
@quoted_relation
@click.option("--to", "new_type", required=True, metavar="TYPE", help="The relation type it should have.")
@data_options
def retype(source: str, rtype: str, target: str, new_type: str, data_dir: Path, seeds_dir: Path) -> None:
    """Change a relation's type, keeping its quotes, dates and note.

    Refused, as `check` would refuse it, when the pair already has a relation of
    the new type (add the quotes to that one instead).

    Example: actorgraph retype united-states allied taliban --to considered_cooperating_with
    """
    from .curation.correct import retype_relation

    path, name = retype_relation(data_dir, seeds_dir, source, rtype, target, to=new_type)
    echo(f"re-typed: now {name} in {path}")


@cli.command(name="remove-actor")
@click.argument("actor")
@data_options
def remove_actor(actor: str, data_dir: Path, seeds_dir: Path) -> None:
    """Delete an actor that no relation refers to any more; comments around it stay.

    An actor with relations is refused, naming them: remove them first.

    Example: actorgraph remove-actor "Foreign fighters"
    """
    from .curation.correct import remove_actor as remove

    path, actor_id = remove(data_dir, seeds_dir, actor)
    click.echo(f"removed actor '{actor_id}' from {path}")


@cli.command(name="remove-alias")
@click.argument("actor")
@click.argument("alias")
@data_options
def remove_alias(actor: str, alias: str, data_dir: Path, seeds_dir: Path) -> None:
    """Take one spelling off an actor's aliases, keeping the list's layout.

    Example: actorgraph remove-alias isis-k ISIS
    """
    from .curation.correct import remove_alias as remove

    path, actor_id = remove(data_dir, seeds_dir, actor, alias)
    click.echo(f"removed the alias '{alias}' from '{actor_id}' in {path}")


@cli.command(name="edit-actor")
@click.argument("actor")
@spec_options(ACTOR_FIELDS, skip=("id", "aliases"), optional=("name", "kind"))
@data_options
def edit_actor(actor: str, data_dir: Path, seeds_dir: Path, **fields: Any) -> None:
    """Change an actor's name, kind, description, region or dates; an empty value ("") takes
    an optional field off. Its id stays: relations refer to it.

    Refused, with `check`'s message, when `check` would refuse the result (a name another
    actor has, an unknown kind, a dissolution before the founding).

    Example: actorgraph edit-actor isis-k --description "Held responsible for the attack."
    """
    from .curation.correct import edit_actor as edit

    path, actor_id = edit(data_dir, seeds_dir, actor, fields)
    click.echo(f"changed actor '{actor_id}' in {path}")


@cli.command(name="edit-relation")
@quoted_relation
@spec_options(EDGE_FIELDS, skip=("source", "target", "type", "evidence"))
@data_options
def edit_relation(source: str, rtype: str, target: str, data_dir: Path, seeds_dir: Path, **fields: Any) -> None:
    """Change when a relation held (--since, --until) or its note; an empty value ("") takes
    one off. Its quotes, and their hedges and speakers, stay as they are.

    Refused, with `check`'s message, when `check` would refuse the result (an --until before
    its --since, a date that is none).

    Example: actorgraph edit-relation isis-k rival taliban --since 2015
    """
    from .curation.correct import edit_relation as edit

    path, name = edit(data_dir, seeds_dir, source, rtype, target, fields)
    echo(f"changed {name} in {path}")


@cli.command(name="edit-evidence")
@quoted_relation
@spec_options(EVIDENCE_FIELDS, optional=("attributed_to", "confidence", "stance", "note"))
@data_options
def edit_evidence(source: str, rtype: str, target: str, data_dir: Path, seeds_dir: Path, **fields: Any) -> None:
    """Change one quote's hedge, speaker, stance or note; an empty value ("") takes it off.

    The quote is named by --doc and --quote (its words as written, or typed with
    other quotation marks or dashes). Only that quote changes: its relation's
    other quotes keep their own qualifiers.

    Example: actorgraph edit-evidence taliban allied al-qaeda --doc biden-luck --quote "..." --attributed-to ""
    """
    from .curation.correct import requalify_evidence

    doc, quote = fields.pop("doc"), fields.pop("quote")
    path, name = requalify_evidence(data_dir, seeds_dir, source, rtype, target, doc=doc, quote=quote, changes=fields)
    echo(f"changed a quote from '{doc}' of {name} in {path}")


def _vocabulary_command(vocabulary: str) -> None:
    """`add-type`, `add-kind`, `add-hedge`, `add-source-kind`: one command per vocabulary, its
    options from the vocabulary's own field list."""
    from .curation.edit import VOCABULARIES
    from .dataset.format import FILES

    file_name, key, what = VOCABULARIES[vocabulary]

    article = "an" if what[0] in "aeiou" else "a"
    example = _VOCABULARY_EXAMPLES[vocabulary]
    described = _VOCABULARY_HELP.format(article=article, what=what, file=file_name, key=key, example=example)

    @cli.command(name=f"add-{vocabulary}", help=described)
    @click.argument("name")
    @spec_options(FILES[file_name][key])
    @data_options
    def add(name: str, data_dir: Path, seeds_dir: Path, **fields: Any) -> None:
        from .curation.edit import add_term

        path = add_term(data_dir, seeds_dir, vocabulary, name, **fields)
        echo(f"added the {what} '{name}' to {path}")


_VOCABULARY_HELP = """Add {article} {what} to the map's vocabulary ({key} in {file}), keeping the file's layout.

NAME is lowercase words joined by '_' or '-'. Every command knows it at once; refused,
with `check`'s message, when `check` would refuse it.

Example: {example}
"""
_VOCABULARY_EXAMPLES = {  # none of them already in a map `actorgraph init` starts
    "type": "actorgraph add-type trained --label trained --directed true --sign 1 "
    '--definition "The source trained the target\'s fighters."',
    "kind": 'actorgraph add-kind party --label "Political party" --definition "A party that contests elections." '
    "--stix identity",
    "hedge": 'actorgraph add-hedge rumoured --label rumoured --definition "The text reports it as a rumour." --rank 0',
    "source-kind": 'actorgraph add-source-kind speech --label Speech --definition "A speech or statement." '
    "--csl speech",
}

for _vocabulary in ("type", "kind", "hedge", "source-kind"):
    _vocabulary_command(_vocabulary)


@cli.command(name="add-review")
@click.argument("doc")
@click.argument("sentence")
@click.option("--reason", required=True, help="Why the sentence (or the pair) states no relation.")
@click.option("--pair", nargs=2, metavar="A B", default=None, help="Only this pair of actors in the sentence.")
@data_options
def add_review(
    doc: str, sentence: str, reason: str, pair: tuple[str, str] | None, data_dir: Path, seeds_dir: Path
) -> None:
    """Record that a sentence states no relation, or (with --pair) none between two of
    the actors it names, with the reason; `coverage` then counts it as done.

    SENTENCE is verbatim words from the sentence (checked like a quote); A and B
    may be given by id, name or alias. Refused, with `check`'s message, when the
    words are not in the source or an actor is unknown.

    Example: actorgraph add-review mir-nyt "share the same enemy" --pair "United States" Taliban
    --reason "A shared enemy, not a relation between the two"
    """
    from .curation.edit import add_review as add

    path, ids = add(data_dir, seeds_dir, doc, sentence, reason, pair or None)
    what = f"the pair {ids[0]} – {ids[1]} in a sentence" if ids else "a sentence"
    echo(f"added {what} of '{doc}' to {path} as reviewed")


@cli.command(name="remove-review")
@click.argument("doc")
@click.argument("sentence")
@click.option("--pair", nargs=2, metavar="A B", default=None, help="Only the review of this pair in the sentence.")
@data_options
def remove_review(doc: str, sentence: str, pair: tuple[str, str] | None, data_dir: Path, seeds_dir: Path) -> None:
    """Withdraw a review: the sentence (or, with --pair, that pair in it) is open again in
    `coverage`. SENTENCE is the review's words as written (or typed with other quotation
    marks); comments around it stay.

    Example: actorgraph remove-review mir-nyt "share the same enemy" --pair "United States" Taliban
    """
    from .curation.correct import remove_review as remove

    path, line = remove(data_dir, seeds_dir, doc, sentence, pair or None)
    echo(f"removed the review on line {line} of {path}")


@cli.command()
@click.argument("docs", nargs=-1, metavar="[DOC]...")
@click.option(
    "--from",
    "from_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Import relations another tool extracted: LangExtract .jsonl, W3C Web Annotation .json, or .csv.",
)
@click.option("--doc", "default_doc", metavar="DOC", help="With --from: the source of rows that name none.")
@click.option(
    "--accept-verified",
    is_flag=True,
    help="With --from: accept at once the verified rows whose quote names both ends and holds no negation, "
    "hedge or speaker the row leaves out; hold the rest for review, each with why.",
)
@data_options
def propose(
    docs: tuple[str, ...],
    from_file: Path | None,
    default_doc: str | None,
    accept_verified: bool,
    data_dir: Path,
    seeds_dir: Path,
) -> None:
    """Draft relations from the sources into the review queue (data/proposals.yaml).

    For each sentence and each pair of actors it names, every relation type whose
    cue (`cues:` in data/edges.yaml) stands near both becomes a proposal, with its
    direction, a hedge and a speaker where the sentence gives them, and the
    shortest verified quote holding both names and the cue; a pair with no cue
    becomes "named together, relation unknown". Proposing again adds only what is
    new. Nothing reaches the data until `actorgraph review` accepts it.

    With --from FILE, relations extracted elsewhere are verified row by row
    against their registered sources and queued; a refused row is named with its
    row number. A CSV with any refused row is refused whole. --accept-verified
    accepts only rows whose quote carries them; the rest are queued, with why.

    Example: actorgraph propose mir-nyt && actorgraph review
    """
    from .intake.enqueue import import_into_queue, propose_into_queue

    if from_file is None and (default_doc or accept_verified):
        raise click.UsageError("--doc and --accept-verified go with --from FILE")
    if from_file is not None and docs:
        raise click.UsageError("give either DOC... (to propose from texts) or --from FILE, not both")
    if from_file is None:
        done = propose_into_queue(data_dir, seeds_dir, docs)
        where = f" to {done.path}" if done.path else ""
        echo(
            f"proposed {len(done.added)} new relation(s){where}"
            + (f"; {done.already} already in the queue" if done.already else "")
            + (f"; {done.dropped} drafted quote(s) did not verify and were dropped" if done.dropped else "")
        )
        if done.added:
            echo("next: actorgraph review (or review --list)")
        return
    done = import_into_queue(data_dir, seeds_dir, from_file, default_doc, accept_verified)
    imported = done.imported
    assert imported is not None
    for row, why in imported.refused:
        echo(f"{from_file}:{row}: {why}", err=True)
    echo(
        f"{imported.kind}: {imported.rows} row(s), {len(imported.proposals)} verified, "
        f"{len(done.added)} new in the queue" + (f", {done.already} already there" if done.already else "")
    )
    if imported.refused:
        echo(f"{len(imported.refused)} of {imported.rows} rows refused (not queued)", err=True)
    if accept_verified and done.added:
        from .intake.review import accept

        held = {p.id for p in done.held}
        ready = [p.id for p in done.added if p.id not in held]
        accepted = accept(data_dir, seeds_dir, ready) if ready else []
        echo(f"accepted {len(accepted)} verified relation(s) into {data_dir / 'edges.yaml'}")
        if held:
            echo(f"held {len(held)} verified row(s) for review (`actorgraph review`): their quotes do not carry them")
            for p in done.held:
                echo(f"  {p.origin}: {p.source} {p.type or '?'} {p.target}: {p.reason}")
    if imported.refused:
        raise SystemExit(1)


@cli.command()
@click.option("--list", "show", is_flag=True, help="Print the open proposals and exit.")
@click.option("--all", "show_all", is_flag=True, help="With --list: decided proposals too.")
@click.option("--accept", "accept_ids", multiple=True, metavar="ID", help="Accept this proposal (repeatable).")
@click.option("--reject", "reject_ids", multiple=True, metavar="ID", help="Reject this proposal (repeatable).")
@click.option("--reason", help="With --reject: why (recorded in data/reviewed.yaml).")
@click.option("--type", "rtype", metavar="TYPE", help="With --accept: this relation type instead.")
@click.option("--flip", is_flag=True, help="With --accept: the other direction.")
@click.option("--hedge", metavar="LEVEL", help="With --accept: this hedge ('' for none).")
@click.option("--speaker", help="With --accept: whose claim it is ('' for the author's own).")
@formats("text", "json")
@data_options
def review(
    show: bool,
    show_all: bool,
    accept_ids: tuple[str, ...],
    reject_ids: tuple[str, ...],
    reason: str | None,
    rtype: str | None,
    flip: bool,
    hedge: str | None,
    speaker: str | None,
    fmt: str,
    data_dir: Path,
    seeds_dir: Path,
) -> None:
    """Decide the proposals in the review queue.

    Without options, walks the open proposals in a terminal: accept, change the
    type, flip the direction, change the hedge or the speaker, reject with a
    reason, skip. From scripts: --accept ID... (with --type, --flip, --hedge,
    --speaker to change them first) and --reject ID... --reason "...". Accepting
    writes the relation (or a quote of one already recorded) as add-relation and
    add-evidence do, refused with check's message when check would refuse it;
    rejecting records the pair in data/reviewed.yaml with the reason.

    Example: actorgraph review --reject p1a2b3c4d --reason "A question, not a claim"
    """
    from .dataset.load import load_dataset
    from .intake.queue import load_queue
    from .intake.review import Change, accept, reject
    from .present.intake import proposal_lines, queue_answer

    change = Change(rtype, flip, hedge, speaker)
    if (rtype or flip or hedge is not None or speaker is not None) and not accept_ids:
        raise click.UsageError("--type, --flip, --hedge and --speaker go with --accept")
    if reject_ids and not reason:
        raise click.UsageError("--reject needs --reason: what makes it no relation")
    if reason and not reject_ids:
        raise click.UsageError("--reason goes with --reject")
    if show or fmt == "json":
        data, _ = load_dataset(data_dir, seeds_dir)
        emit(queue_answer(load_queue(data_dir), data, show_all), fmt)
        return
    if accept_ids or reject_ids:
        for p in accept(data_dir, seeds_dir, accept_ids, change) if accept_ids else []:
            echo(f"accepted {p.id}: {p.source} {p.type} {p.target}")
        if reject_ids:
            rejected, written = reject(data_dir, seeds_dir, reject_ids, reason or "")
            echo(f"rejected {len(rejected)}; {written} pair(s) recorded in {data_dir / 'reviewed.yaml'}")
        return
    from .intake.interactive import walk

    walk(data_dir, seeds_dir, lambda p, data: "\n".join(proposal_lines(p, data)))


PIPE_CLOSED = 141  # what a shell reports for a command stopped by SIGPIPE (128 + 13), as `cat` is


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's final flush of what the closed pipe did not
    take fails silently instead of printing a second error."""
    import os
    import sys

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def main() -> None:
    # A command builds many small records that live until it ends, and the cyclic collector
    # would walk them again and again as they pile up: a fifth of a large build. Collect less
    # often (reference counting still frees everything acyclic at once); `watch` stays bounded.
    gc.set_threshold(100_000, 50, 100)
    cli(prog_name="actorgraph")


if __name__ == "__main__":  # pragma: no cover
    main()
