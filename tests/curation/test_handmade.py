"""Edits and corrections on a map laid out by hand (tests/fixtures/handmade): each changes the
lines of the one record it is about and nothing else.

A curator's file holds comments beside fields and between records, blank lines, values quoted
by hand, folded paragraphs and both kinds of alias list. Each test compares the whole file
after the command with the file before and the one change the command should make, so a
comment dropped, a line moved, the wrong record touched or a quote style changed anywhere in
the file fails it; and a refused command must leave every file byte for byte as it was.
"""

from __future__ import annotations

from pathlib import Path

import actorgraph
import pytest

from tests.conftest import FIXTURES, map_files, run

HIGH_VALLEYS = 'they have fought over the "high valleys" for years'
SUPPLIED = "Ruritania has supplied the River Brigade since 2015"

RIVAL = """\
  - source: north  # named first in the memo
    target: river
    type: rival
    evidence:
      - doc: memo
        quote: "The North Front and the River Brigade are bitter rivals"
      # a second quote, hedged
      - doc: memo
        quote: 'they have fought over the "high valleys" for years'
        confidence: possible  # the author hedges
        note: >
          The memo hedges this in
          its next sentence.
"""
SUPPORTED = """\
  - source: ruritania  # the state
    target: "river"  # a "client" of the state
    type: supported  # arms and money
    since: 2015
    note: Read with care.
    evidence:
      - doc: memo
        quote: "Ruritania has supplied the River Brigade since 2015"
        attributed_to: officials
"""
ABSORBED = """\
  - source: 'river'
    target: north
    type: absorbed_fighters_from
    evidence:
      - doc: memo
        quote: "The River Brigade absorbed fighters from the North Front"
"""


def _changed(root: Path, file: str, *replacements: tuple[str, str]) -> None:
    """The command changed `file` by exactly these (old, new) replacements, each of a stretch
    found once in the original, and no other file of the map."""
    expected = (FIXTURES / "handmade" / file).read_text(encoding="utf-8")
    for old, new in replacements:
        assert expected.count(old) == 1, old
        expected = expected.replace(old, new)
    assert (root / file).read_text(encoding="utf-8") == expected
    others = {k: v for k, v in map_files(root).items() if k != file}
    originals = {k: v for k, v in map_files(FIXTURES / "handmade").items() if k != file}
    assert others == originals


def _ok(*args: str) -> None:
    """Run a command that must succeed (an edit is written only if the map then passes `check`)."""
    result = run(*args)
    assert result.exit_code == 0, result.output


# --- removing a relation or a quote ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "removed"),
    [
        (("north", "rival", "river"), RIVAL),
        (("ruritania", "supported", "river"), SUPPORTED),
        (("river", "absorbed_fighters_from", "north"), ABSORBED),
    ],
    ids=["first", "middle", "last"],
)
def test_remove_relation_takes_out_its_lines_and_leaves_the_comments_around_it(
    handmade: Path, args: tuple[str, str, str], removed: str
) -> None:
    _ok("remove-relation", *args)
    _changed(handmade, "data/edges.yaml", (removed, ""))


def test_removing_every_relation_leaves_an_empty_list_and_every_comment(handmade: Path) -> None:
    edges = handmade / "data" / "edges.yaml"
    edges.write_text(edges.read_text().replace("edges:\n", "edges:  # each with its words  \n"))
    for args in (
        ("river", "rival", "north"),
        ("ruritania", "supported", "river"),
        ("river", "absorbed_fighters_from", "north"),
    ):
        _ok("remove-relation", *args)
    _changed(
        handmade,
        "data/edges.yaml",
        ("edges:\n", "edges: []  # each with its words  \n"),
        (RIVAL, ""),
        (SUPPORTED, ""),
        (ABSORBED, ""),
    )
    assert run("check").stdout.startswith("4 actors, 0 relations")


LONE = '[{doc: memo, quote: "The Lone Cell is named here once"}]'
ONE_LINE = (
    f"  - {{source: lone, target: north, type: rival, evidence: {LONE}}}\n"
    f"  - {{source: lone, target: river, type: rival, evidence: {LONE}}}\n"
)


@pytest.mark.parametrize("other", ["north", "river"])
def test_a_relation_written_on_one_line_is_removed_with_that_line_only(handmade: Path, other: str) -> None:
    """The line after it (the next relation, or the blank line before the closing comment) stays."""
    edges = handmade / "data" / "edges.yaml"
    text = edges.read_text().replace("# end of relations\n", ONE_LINE + "\n# end of relations\n")
    edges.write_text(text)
    _ok("remove-relation", "Lone Cell", "rival", other)
    (line,) = [line for line in ONE_LINE.splitlines(keepends=True) if f"target: {other}" in line]
    assert edges.read_text() == text.replace(line, "")


def test_remove_evidence_takes_out_the_one_quote_named(handmade: Path) -> None:
    _ok("remove-evidence", "river", "rival", "north", "--doc", "memo", "--quote", HIGH_VALLEYS)
    _changed(
        handmade,
        "data/edges.yaml",
        (
            "      - doc: memo\n"
            "        quote: 'they have fought over the \"high valleys\" for years'\n"
            "        confidence: possible  # the author hedges\n"
            "        note: >\n"
            "          The memo hedges this in\n"
            "          its next sentence.\n",
            "",
        ),
    )


def test_remove_evidence_of_the_first_quote_keeps_the_comment_above_the_next(handmade: Path) -> None:
    first = "The North Front and the River Brigade are bitter rivals"
    _ok("remove-evidence", "north", "rival", "river", "--doc", "memo", "--quote", first)
    _changed(
        handmade,
        "data/edges.yaml",
        ('      - doc: memo\n        quote: "The North Front and the River Brigade are bitter rivals"\n', ""),
    )


# --- changing a relation --------------------------------------------------------------------------


def test_reverse_swaps_the_two_values_and_keeps_the_comment_on_the_line(handmade: Path) -> None:
    _ok("reverse", "ruritania", "supported", "river")
    _changed(
        handmade,
        "data/edges.yaml",
        (
            '  - source: ruritania  # the state\n    target: "river"  # a',
            "  - source: river  # the state\n    target: ruritania  # a",
        ),
    )


def test_reverse_writes_a_value_quoted_by_hand_in_place(handmade: Path) -> None:
    _ok("reverse", "river", "absorbed_fighters_from", "north")
    _changed(
        handmade,
        "data/edges.yaml",
        ("  - source: 'river'\n    target: north\n", "  - source: north\n    target: river\n"),
    )


def test_retype_changes_the_type_value_and_keeps_the_comment_on_the_line(handmade: Path) -> None:
    _ok("retype", "Ruritania", "supported", "RB", "--to", "rival")
    _changed(handmade, "data/edges.yaml", ("type: supported  # arms and money\n", "type: rival  # arms and money\n"))


# --- re-qualifying a quote ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "old", "new"),
    [
        (
            ["--hedge", ""],
            "        confidence: possible  # the author hedges\n",
            "",
        ),
        (
            ["--note", "", "--attributed-to", "the author"],
            "        confidence: possible  # the author hedges\n"
            "        note: >\n"
            "          The memo hedges this in\n"
            "          its next sentence.\n",
            "        attributed_to: the author\n        confidence: possible  # the author hedges\n",
        ),
        (
            ["--note", "Short now.", "--stance", "disputes"],
            "        note: >\n          The memo hedges this in\n          its next sentence.\n",
            "        stance: disputes\n        note: Short now.\n",
        ),
        (
            ["--hedge", "", "--note", "", "--attributed-to", "the author", "--stance", "disputes"],
            "        confidence: possible  # the author hedges\n"
            "        note: >\n"
            "          The memo hedges this in\n"
            "          its next sentence.\n",
            "        attributed_to: the author\n        stance: disputes\n",
        ),
    ],
    ids=["take-off", "add-above-a-removed-key", "add-above-a-changed-key", "four-at-once"],
)
def test_edit_evidence_changes_only_the_named_fields_of_the_named_quote(
    handmade: Path, changes: list[str], old: str, new: str
) -> None:
    """Keys added, changed and taken off in one command each land where the canonical order
    puts them, however many there are and whichever lies below which."""
    _ok("edit-evidence", "north", "rival", "river", "--doc", "memo", "--quote", HIGH_VALLEYS, *changes)
    _changed(handmade, "data/edges.yaml", (old, new))


def test_edit_evidence_replaces_a_speaker_with_a_hedge_in_place(handmade: Path) -> None:
    _ok(
        "edit-evidence",
        "ruritania",
        "supported",
        "river",
        "--doc",
        "memo",
        "--quote",
        SUPPLIED,
        "--attributed-to",
        "",
        "--hedge",
        "possible",
    )
    _changed(handmade, "data/edges.yaml", ("        attributed_to: officials\n", "        confidence: possible\n"))


# --- correcting an actor --------------------------------------------------------------------------


def test_edit_actor_adds_a_key_above_one_it_changes(handmade: Path) -> None:
    _ok("edit-actor", "River Brigade", "--region", "East", "--founded", "1999")
    _changed(handmade, "data/actors.yaml", ("    founded: 2001\n", "    region: East\n    founded: 1999\n"))


def test_edit_actor_keeps_the_comment_and_its_spacing_on_a_changed_line(handmade: Path) -> None:
    _ok("edit-actor", "NF", "--description", "", "--dissolved", "2020", "--name", "North Front Army")
    _changed(
        handmade,
        "data/actors.yaml",
        ("    name: North Front  # as in", "    name: North Front Army  # as in"),
        (
            "    description: >\n      A group invented for tests,\n      described over three\n      folded lines.\n",
            "",
        ),
        ("    region: 'North'  # quoted by hand\n", "    region: 'North'  # quoted by hand\n    dissolved: 2020\n"),
    )


def test_remove_actor_takes_out_its_lines_and_leaves_the_comments(handmade: Path) -> None:
    _ok("remove-actor", "Lone Cell")
    _changed(
        handmade,
        "data/actors.yaml",
        (
            "  - id: lone\n    name: Lone Cell\n  #  region: the south (unconfirmed)\n"
            "    kind: militant_group\n    aliases: [LC]  # one spelling\n",
            "",
        ),
    )


@pytest.mark.parametrize(
    ("actor", "alias", "old", "new"),
    [
        ("river", "THE brigade", "      - the Brigade  # older reports\n", ""),
        ("river", "rb", "      - RB\n", ""),
        (
            "north",
            "front the",
            'aliases: [NF, "Front, the"]  # as the press writes it  \n',
            "aliases: [NF]  # as the press writes it  \n",
        ),
        ("north", "NF", 'aliases: [NF, "Front, the"]  #', 'aliases: ["Front, the"]  #'),
        ("lone", "LC", "    aliases: [LC]  # one spelling\n", ""),
    ],
    ids=["block-with-comment", "block-first", "flow-last", "flow-first-quoted-kept", "only-one"],
)
def test_remove_alias_takes_off_one_spelling_and_keeps_the_lists_layout(
    handmade: Path, actor: str, alias: str, old: str, new: str
) -> None:
    _ok("remove-alias", actor, alias)
    _changed(handmade, "data/actors.yaml", (old, new))


# --- adding ---------------------------------------------------------------------------------------


def test_add_actor_goes_after_the_last_actor_before_the_closing_comment(handmade: Path) -> None:
    """The file separates its actors with a blank line, so the new one is set off by one too."""
    _ok(
        "add-actor",
        "--id",
        "east",
        "--name",
        "East Wing",
        "--kind",
        "militant_group",
        "--alias",
        "EW",
        "--alias",
        "Wing, the",
    )
    _changed(
        handmade,
        "data/actors.yaml",
        (
            "  # one spelling\n\n# end of actors\n",
            "  # one spelling\n\n"
            "  - id: east\n"
            "    name: East Wing\n"
            "    aliases: [EW, 'Wing, the']\n"
            "    kind: militant_group\n"
            "\n# end of actors\n",
        ),
    )


def test_add_relation_goes_after_the_last_relation_before_the_closing_comment(handmade: Path) -> None:
    _ok(
        "add-relation",
        "Lone Cell",
        "rival",
        "NF",
        "--doc",
        "memo",
        "--quote",
        "The Lone Cell is named here once",
        "--hedge",
        "possible",
        "--since",
        "2019",
    )
    _changed(
        handmade,
        "data/edges.yaml",
        (
            'North Front"\n# end of relations\n',
            'North Front"\n\n'
            "  - source: lone\n"
            "    target: north\n"
            "    type: rival\n"
            "    since: 2019\n"
            "    evidence:\n"
            "      - doc: memo\n"
            '        quote: "The Lone Cell is named here once"\n'
            "        confidence: possible\n"
            "# end of relations\n",
        ),
    )


def test_add_evidence_goes_after_the_relations_last_quote_before_the_blank_line(handmade: Path) -> None:
    _ok(
        "add-evidence",
        "ruritania",
        "supported",
        "river",
        "--doc",
        "memo",
        "--quote",
        "since 2015, officials say",
        "--attributed-to",
        "#officials",
    )
    _changed(
        handmade,
        "data/edges.yaml",
        (
            "        attributed_to: officials\n",
            "        attributed_to: officials\n"
            "      - doc: memo\n"
            '        quote: "since 2015, officials say"\n'
            "        attributed_to: '#officials'\n",
        ),
    )


@pytest.mark.parametrize(
    ("actor", "alias", "old", "new"),
    [
        ("river", "RBX", "      - Riverines\n", "      - Riverines\n      - RBX\n"),
        ("north", "Nord", '"Front, the"]  #', '"Front, the", Nord]  #'),
        ("ruritania", "Kingdom, the", "name: Ruritania\n", 'name: Ruritania\n    aliases: ["Kingdom, the"]\n'),
        ("north", "Front - North", '"Front, the"]  #', '"Front, the", Front - North]  #'),
        (
            "north",
            'The "Lions", of \\ the North',
            '"Front, the"]',
            '"Front, the", "The \\"Lions\\", of \\\\ the North"]',
        ),
        ("north", "#1 Group", '"Front, the"]', "\"Front, the\", '#1 Group']"),
        ("north", "yes", '"Front, the"]', '"Front, the", "yes"]'),
        ("north", "Xan Group", '"Front, the"]', '"Front, the", Xan Group]'),
    ],
    ids=["block", "flow-with-comment", "none-yet", "dash", "quotes-and-backslash", "hash", "yaml-1.1-boolean", "plain"],
)
def test_add_alias_writes_into_the_list_as_it_is_laid_out(
    handmade: Path, actor: str, alias: str, old: str, new: str
) -> None:
    """Each spelling is written so that YAML reads it back as typed (quoted where a comma, a
    bracket, a # or a YAML 1.1 boolean would change it, plain otherwise)."""
    _ok("add-alias", actor, alias)
    _changed(handmade, "data/actors.yaml", (old, new))
    assert alias in actorgraph.load().show(actor).actor.aliases


def test_add_type_goes_after_the_last_type_before_the_next_key(handmade: Path) -> None:
    _ok(
        "add-type",
        "split_from",
        "--label",
        "split from",
        "--directed",
        "true",
        "--sign",
        "-1",
        "--definition",
        "Left it.",
    )
    _changed(
        handmade,
        "data/edges.yaml",
        (
            "away from the target.\nconfidence_levels:\n",
            "away from the target.\n"
            "  split_from:\n"
            "    label: split from\n"
            "    directed: true\n"
            "    sign: -1\n"
            "    definition: Left it.\n"
            "confidence_levels:\n",
        ),
    )


# --- refusals -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("reverse", "north", "rival", "river"), "'rival' is symmetric"),
        (("retype", "north", "rival", "river", "--to", "nonsense"), "unknown relation type 'nonsense'"),
        (("remove-actor", "river"), "'river' has 3 relations"),
        (("remove-actor", "nobody"), "unknown actor 'nobody' in data/actors.yaml"),
        (
            ("remove-alias", "river", "Nord"),
            "'Nord' is not an alias of 'river' (its aliases: RB, the Brigade, Riverines)",
        ),
        (
            (
                "remove-evidence",
                "river",
                "absorbed_fighters_from",
                "north",
                "--doc",
                "memo",
                "--quote",
                "The River Brigade absorbed fighters from the North Front",
            ),
            "this is the only quote of river absorbed_fighters_from north",
        ),
        (
            ("remove-evidence", "north", "rival", "river", "--doc", "brief", "--quote", HIGH_VALLEYS),
            "north rival river has no quote from 'brief' with those words (its quotes are from: memo)",
        ),
        (
            ("edit-evidence", "north", "rival", "river", "--doc", "memo", "--quote", HIGH_VALLEYS, "--hedge", "maybe"),
            "unknown confidence 'maybe'",
        ),
        (
            ("edit-evidence", "north", "rival", "river", "--doc", "memo", "--quote", "not a quote it has"),
            "has no quote from 'memo' with those words",
        ),
        (("edit-actor", "north", "--name", "River Brigade"), "its name 'River Brigade' is also a name of actor"),
        (("edit-actor", "north", "--kind", ""), "an actor needs a name and a kind"),
        (("add-alias", "north", "RB"), "its alias 'RB' is also a name of actor 'north' (as 'RB', line 11)"),
        (("add-actor", "--id", "river", "--name", "Another River", "--kind", "militant_group"), "river"),
        (
            ("add-relation", "north", "rival", "lone", "--doc", "memo", "--quote", "words the memo does not have"),
            "quote not found in 'memo'",
        ),
    ],
    ids=lambda value: "-".join(value[:2]) if isinstance(value, tuple) else "",
)
def test_a_refused_edit_says_why_and_leaves_every_file_byte_for_byte(
    handmade: Path, args: tuple[str, ...], message: str
) -> None:
    before = map_files(handmade)
    result = run(*args)
    assert result.exit_code in (1, 2), result.output
    assert message in result.stderr, result.stderr
    assert map_files(handmade) == before


def test_reverse_refuses_an_end_written_as_a_block_and_writes_nothing(handmade: Path) -> None:
    edges = handmade / "data" / "edges.yaml"
    edges.write_text(edges.read_text().replace("    target: north\n", "    target: >-\n      north\n"))
    before = map_files(handmade)
    result = run("reverse", "river", "absorbed_fighters_from", "north")
    assert result.exit_code == 2, result.output
    assert "data/edges.yaml:53: 'target' is written in a way this command cannot edit" in result.stderr
    assert map_files(handmade) == before


def test_corrections_of_an_actor_in_a_part_file_change_only_that_file(handmade: Path) -> None:
    part = handmade / "data" / "actors" / "east.yaml"
    part.parent.mkdir()
    part.write_text(
        "# The eastern groups.\nactors:  # one so far, per X\n  - id: east\n    name: East Wing\n"
        '    aliases: [EW, "Wing #2", Eastern Wing]  # both in use\n    kind: militant_group\n'
    )
    _ok("remove-alias", "East Wing", "EW")
    _ok("edit-actor", "east", "--region", "East")
    assert part.read_text() == (
        "# The eastern groups.\nactors:  # one so far, per X\n  - id: east\n    name: East Wing\n"
        "    aliases: ['Wing #2', Eastern Wing]  # both in use\n    kind: militant_group\n    region: East\n"
    )
    _ok("remove-actor", "eastern wing")
    assert part.read_text() == "# The eastern groups.\nactors: []  # one so far, per X\n"
    others = {k: v for k, v in map_files(handmade).items() if k != "data/actors/east.yaml"}
    assert others == map_files(FIXTURES / "handmade")  # no other file changed


def test_an_edit_to_a_file_without_a_final_newline_keeps_its_line_endings(handmade: Path) -> None:
    """A file a Windows editor saved (CRLF, no newline after the last line): the new lines take
    its CRLF and the last line stays without one."""
    actors = handmade / "data" / "actors.yaml"
    original = (FIXTURES / "handmade" / "data" / "actors.yaml").read_text(encoding="utf-8")
    actors.write_bytes(original.rstrip("\n").replace("\n", "\r\n").encode("utf-8"))
    _ok("add-actor", "--id", "delta", "--name", "Delta Cell", "--kind", "militant_group")
    new = "  - id: delta\n    name: Delta Cell\n    kind: militant_group\n"
    expected = original.replace("\n# end of actors\n", "\n" + new + "\n# end of actors")
    assert actors.read_bytes() == expected.replace("\n", "\r\n").encode("utf-8")


# --- a list or a vocabulary in other places of its file ---------------------------------------------

LEVELS = """\
confidence_levels:
  possible:
    label: possible
    definition: The text says it may be so.
    rank: 1
"""
LIKELY = "  likely:\n    label: likely\n    definition: Likely, probably.\n    rank: 2\n"
HEDGE = ("add-hedge", "likely", "--label", "likely", "--definition", "Likely, probably.", "--rank", "2")


def test_add_hedge_goes_after_the_last_level_before_the_blank_line_and_comment(handmade: Path) -> None:
    _ok(*HEDGE)
    _changed(handmade, "data/edges.yaml", (LEVELS, LEVELS + LIKELY))


@pytest.mark.parametrize("written", ["{}  # none yet", "{}", "", "~"])
def test_add_hedge_into_an_empty_vocabulary_rewrites_only_its_line(handmade: Path, written: str) -> None:
    edges = handmade / "data" / "edges.yaml"
    unhedged = edges.read_text().replace("        confidence: possible  # the author hedges\n", "")
    edges.write_text(unhedged.replace(LEVELS, f"confidence_levels: {written}".rstrip() + "\n"))
    _ok(*HEDGE)
    comment = "  # none yet" if "#" in written else ""
    assert edges.read_text() == unhedged.replace(LEVELS, f"confidence_levels:{comment}\n{LIKELY}")


@pytest.mark.parametrize("ending", ["\n", ""])
def test_add_hedge_to_a_file_without_levels_adds_them_at_the_end(handmade: Path, ending: str) -> None:
    """After the file's last line, with or without a newline after it (none is added twice)."""
    edges = handmade / "data" / "edges.yaml"
    unhedged = edges.read_text().replace("        confidence: possible  # the author hedges\n", "")
    edges.write_text(unhedged.replace(LEVELS, "").rstrip("\n") + ending)
    _ok(*HEDGE)
    assert edges.read_text() == unhedged.replace(LEVELS, "") + "confidence_levels:\n" + LIKELY


RUR = "Ruritania has supplied the River Brigade since 2015"
NEW_RELATION = (
    "  - source: ruritania\n    target: river\n    type: supported\n    evidence:\n"
    f'      - doc: memo\n        quote: "{RUR}"\n'
)


@pytest.mark.parametrize(
    ("written", "kept"), [("[]  # none yet", "  # none yet"), ("[]", ""), ("", ""), ("~", ""), ("null", "")]
)
def test_add_relation_into_an_empty_list_rewrites_only_its_line(handmade: Path, written: str, kept: str) -> None:
    edges = handmade / "data" / "edges.yaml"
    text = edges.read_text()
    head = text[: text.index("edges:\n")]
    edges.write_text(f"{head}edges: {written}".rstrip() + "\n# end of relations\n")
    _ok("add-relation", "Ruritania", "supported", "RB", "--doc", "memo", "--quote", RUR)
    assert edges.read_text() == f"{head}edges:{kept}\n{NEW_RELATION}# end of relations\n"


def test_add_actor_to_a_list_followed_by_another_key_goes_before_that_keys_comments(handmade: Path) -> None:
    """A file that keeps its kinds after its actors: the new actor goes after the last actor,
    before the blank line and the comment that introduce the kinds."""
    actors = handmade / "data" / "actors.yaml"
    text = actors.read_text()
    kinds = text[text.index("actor_kinds:\n") : text.index("actors:\n")]
    body = text.replace(kinds, "").replace("\n# end of actors\n", "")
    actors.write_text(f"{body}\n# The kinds of actor.\n{kinds}")
    _ok("add-actor", "--id", "delta", "--name", "Delta Cell", "--kind", "state")
    new = "\n  - id: delta\n    name: Delta Cell\n    kind: state\n"
    assert actors.read_text() == f"{body}{new}\n# The kinds of actor.\n{kinds}"


@pytest.mark.parametrize("ending", ["\n\n", ""])
def test_add_kind_to_kinds_at_the_end_of_the_file_goes_after_the_last_kind(handmade: Path, ending: str) -> None:
    """Before the blank line that ends the file, or after a last line without a newline."""
    actors = handmade / "data" / "actors.yaml"
    text = actors.read_text()
    kinds = text[text.index("actor_kinds:\n") : text.index("actors:\n")]
    body = text.replace(kinds, "")
    actors.write_text(body + kinds.rstrip("\n") + ending)
    _ok("add-kind", "party", "--label", "Party", "--definition", "A political party.")
    party = "  party:\n    label: Party\n    definition: A political party.\n"
    assert actors.read_text() == body + kinds + party + ending.replace("\n", "", 1)


def test_add_relation_to_a_list_followed_by_the_hedges_goes_before_them(handmade: Path) -> None:
    edges = handmade / "data" / "edges.yaml"
    text = edges.read_text().replace("# end of relations\n", "")
    levels = "\n# Hedges last in this file.\n" + LEVELS
    edges.write_text(text.replace(LEVELS, "") + levels)
    _ok("add-relation", "Lone Cell", "rival", "NF", "--doc", "memo", "--quote", "The Lone Cell is named here once")
    new = (
        "\n  - source: lone\n    target: north\n    type: rival\n    evidence:\n"
        '      - doc: memo\n        quote: "The Lone Cell is named here once"\n'
    )
    assert edges.read_text() == text.replace(LEVELS, "") + new + levels


def test_add_review_to_a_file_without_the_list_starts_it_after_the_last_line(handmade: Path) -> None:
    reviewed = handmade / "data" / "reviewed.yaml"
    reviewed.write_text("# Sentences read and set aside.")  # no list yet, no final newline
    _ok("add-review", "memo", "The Lone Cell is named here once", "--reason", "Named, related to no one")
    assert reviewed.read_text() == (
        "# Sentences read and set aside.\nreviewed:\n  - doc: memo\n"
        '    sentence: "The Lone Cell is named here once"\n    reason: Named, related to no one\n'
    )


def test_a_quote_holding_both_quotation_marks_is_written_double_quoted(handmade: Path) -> None:
    _ok(
        "add-evidence",
        "north",
        "rival",
        "river",
        "--doc",
        "memo",
        "--quote",
        """memo's author calls it "a long war\"""",
    )
    _changed(
        handmade,
        "data/edges.yaml",
        (
            "          its next sentence.\n",
            "          its next sentence.\n"
            "      - doc: memo\n"
            """        quote: "memo's author calls it \\"a long war\\""\n""",
        ),
    )


@pytest.mark.parametrize(
    ("file", "written", "args", "message"),
    [
        ("actors", "actors: 1\n", ("remove-actor", "lone"), "unknown actor 'lone' in data/actors.yaml"),
        ("actors", "actors: 1\n", ("add-alias", "lone", "LX"), "unknown actor 'lone' in data/actors.yaml"),
        ("actors", "actors: 1\n", ("edit-actor", "lone", "--region", "x"), "unknown actor 'lone' in data/actors.yaml"),
        ("actors", "  - id: [unclosed\n", ("remove-alias", "lone", "LC"), "data/actors.yaml does not parse as it is"),
        (
            "actors",
            "  - id: [unclosed\n",
            ("add-actor", "--id", "x", "--name", "X", "--kind", "state"),
            "data/actors.yaml does not parse as it is",
        ),
        ("edges", "edges: 1\n", ("remove-relation", "north", "rival", "river"), "no 'rival' relation from north"),
        (
            "edges",
            "edges: 1\n",
            ("add-evidence", "north", "rival", "river", "--doc", "memo", "--quote", "x"),
            "no 'rival'",
        ),
        ("edges", "  - source: [unclosed\n", ("reverse", "river", "supported", "ruritania"), "does not parse as it is"),
    ],
    ids=[
        "remove-actor",
        "add-alias",
        "edit-actor",
        "unparsed-actors",
        "add-to-unparsed-actors",
        "remove-relation",
        "add-evidence",
        "unparsed-edges",
    ],
)
def test_an_edit_of_a_file_it_cannot_read_as_a_map_says_so_without_a_traceback(
    handmade: Path, file: str, written: str, args: tuple[str, ...], message: str
) -> None:
    """A list key that holds no list, or a file that does not parse, is refused with a message
    (check says the rest), not a traceback, and nothing is written."""
    path = handmade / "data" / f"{file}.yaml"
    text = path.read_text()
    path.write_text(text[: text.index(f"{file}:\n")] + written if written.startswith(file) else text + written)
    before = map_files(handmade)
    result = run(*args)
    assert result.exit_code in (1, 2), result.output
    assert message in result.stderr, result.stderr
    assert map_files(handmade) == before


def test_add_actor_to_a_file_ending_in_a_record_without_a_newline_starts_a_line(handmade: Path) -> None:
    actors = handmade / "data" / "actors.yaml"
    body = actors.read_text().replace("\n# end of actors\n", "").rstrip("\n")
    actors.write_text(body)
    _ok("add-actor", "--id", "delta", "--name", "Delta Cell", "--kind", "state")
    assert actors.read_text() == body + "\n\n  - id: delta\n    name: Delta Cell\n    kind: state\n"
