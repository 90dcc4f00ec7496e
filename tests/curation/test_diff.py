"""`actorgraph diff`: what a change to the data changed, between folders or git revisions."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import run


def _retype(project: Path) -> None:
    edges = project / "data" / "edges.yaml"
    edges.write_text(edges.read_text().replace("    type: rival\n", "    type: allied\n", 1))


def test_diff_between_folders_shows_a_retyped_relation_with_evidence(small: Path, tmp_path: Path) -> None:
    before = tmp_path / "before"
    shutil.copytree(small / "data", before / "data")
    shutil.copytree(small / "seeds", before / "seeds")
    _retype(small)
    result = run("diff", str(before), str(small))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Relations: 0 added, 0 removed, 1 changed" in out
    assert "  ~ Alpha Front —allied— Beta Brigade (re-typed)" in out
    assert "      type: rival → allied" in out
    assert "“The Alpha Front and the Beta Brigade are bitter rivals” — memo" in out

    data = json.loads(run("diff", str(before), str(small), "--format", "json").stdout)
    (change,) = data["relations"]["changed"]
    assert change["kind"] == "re-typed"
    assert change["changes"]["type"] == {"old": "rival", "new": "allied"}
    assert change["new"]["evidence"][0]["quote"] == "The Alpha Front and the Beta Brigade are bitter rivals"

    md = run("diff", str(before), str(small), "--format", "markdown").stdout
    assert md.startswith("## Changes from ")
    assert "- **changed**: Alpha Front —allied— Beta Brigade \\(re\\-typed\\)" in md  # escaped: renders as itself
    assert "  > “The Alpha Front and the Beta Brigade are bitter rivals” — memo" in md


def test_diff_reports_added_removed_and_reversed(small: Path, tmp_path: Path) -> None:
    before = tmp_path / "before"
    shutil.copytree(small, before, ignore=shutil.ignore_patterns("build"))
    actors = small / "data" / "actors.yaml"
    actors.write_text(actors.read_text() + "  - id: delta\n    name: Delta Cell\n    kind: militant_group\n")
    edges = small / "data" / "edges.yaml"
    text = edges.read_text().replace("  - source: beta\n    target: gamma\n", "  - source: gamma\n    target: beta\n")
    start = text.index("  - source: alpha\n    target: gamma")
    edges.write_text(text[:start])
    data = json.loads(run("diff", str(before), str(small), "--format", "json").stdout)
    assert [a["id"] for a in data["actors"]["added"]] == ["delta"]
    assert [(e["source"], e["type"], e["target"]) for e in data["relations"]["removed"]] == [
        ("alpha", "allied", "gamma")
    ]
    (reversed_,) = data["relations"]["changed"]
    assert reversed_["kind"] == "reversed"
    assert reversed_["changes"]["direction"] == {"old": "beta -> gamma", "new": "gamma -> beta"}


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_diff_defaults_to_last_commit_against_working_tree(small: Path) -> None:
    _git(small, "init", "-q")
    _git(small, "-c", "user.email=t@example.org", "-c", "user.name=t", "add", ".")
    _git(small, "-c", "user.email=t@example.org", "-c", "user.name=t", "commit", "-qm", "data")
    assert run("diff").stdout.endswith("No actor or relation changed.\n")
    _retype(small)
    result = run("diff")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Changes from HEAD to working tree")
    assert "type: rival → allied" in result.stdout
    result = run("diff", "HEAD", "HEAD")
    assert result.stdout.endswith("No actor or relation changed.\n")


def test_unknown_revision_is_a_usage_error(small: Path) -> None:
    result = run("diff", "no-such-thing")
    assert result.exit_code == 2
    assert "'no-such-thing' is neither a folder nor" in result.stderr


def test_a_requoted_hedge_is_a_change_of_that_quote(small: Path, tmp_path: Path) -> None:
    before = tmp_path / "before"
    shutil.copytree(small, before)
    edges = small / "data" / "edges.yaml"
    edges.write_text(edges.read_text().replace("    confidence: possible\n", "", 1))
    text = " ".join(run("diff", str(before), str(small)).stdout.split())
    assert "~ “Analysts say the Alpha Front" in text
    assert "(was memo; according to analysts; possible)" in text
    data = json.loads(run("diff", str(before), str(small), "--format", "json").stdout)
    (change,) = data["relations"]["changed"]
    (requoted,) = change["quotes_changed"]
    assert (requoted["old"]["confidence"], requoted["new"]["confidence"]) == ("possible", None)
    assert requoted["old"]["quote"] == requoted["new"]["quote"]


def test_a_quotes_note_and_speaker_changes_are_named_with_what_the_relation_now_says(
    small: Path, tmp_path: Path
) -> None:
    """A note shows in no citation, so each changed field of a quote is named; and when a change
    of its quotes changes how the relation reads (no longer "according to analysts"), the
    reviewer sees what it read before."""
    before = tmp_path / "before"
    shutil.copytree(small, before)
    edges = small / "data" / "edges.yaml"
    edges.write_text(
        edges.read_text().replace(
            "        attributed_to: analysts\n        confidence: possible\n",
            "        confidence: possible\n        note: read with the paragraph before\n",
            1,
        )
    )
    text = " ".join(run("diff", str(before), str(small)).stdout.split())
    assert "~ Alpha Front —allied— Gamma Movement [possible] (changed)" in text, text
    assert "was: Alpha Front —allied— Gamma Movement [possible, according to analysts]" in text, text
    assert "attributed_to: analysts → (none)" in text, text
    assert "note: (none) → read with the paragraph before" in text, text


def test_a_version_that_fails_check_is_compared_with_its_raw_ids(small: Path, tmp_path: Path) -> None:
    before = tmp_path / "before"
    shutil.copytree(small, before)
    edges = small / "data" / "edges.yaml"
    edges.write_text(
        edges.read_text()
        + "  - source: alpha\n    target: omega\n    type: feuds_with\n    confidence: surely\n"
        + "    evidence:\n      - doc: nowhere\n        quote: words not in any text at all\n"
    )
    result = run("diff", str(before), str(small), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["new"]["problems"] > 0
    (added,) = data["relations"]["added"]
    assert (added["target"], added["target_name"], added["label"], added["confidence"]) == (
        "omega",
        "omega",
        "feuds_with",
        "surely",
    )
    assert added["evidence"][0]["citation"] == "— nowhere; surely"
    assert "Alpha Front —feuds_with→ omega  [surely]" in run("diff", str(before), str(small)).stdout


def test_diff_names_the_pairs_a_change_puts_in_dispute_or_settles(kabul: Path, tmp_path: Path) -> None:
    from tests.network.test_claims import add_third_source

    before = tmp_path / "before"
    shutil.copytree(kabul, before)
    add_third_source(kabul)  # a source that says ISIS-K and the Taliban fought side by side
    result = run("diff", str(before), str(kabul))
    assert result.exit_code == 0, result.output
    assert "Contested pairs: 1 new, 0 settled" in result.stdout
    assert "  + ISIS-K and Taliban:" in result.stdout
    data = json.loads(run("diff", str(before), str(kabul), "--format", "json").stdout)
    (opened,) = data["contests"]["opened"]
    assert opened["pair"] == ["isis-k", "taliban"] and opened["relations"]
    back = run("diff", str(kabul), str(before))
    assert "Contested pairs: 0 new, 1 settled" in back.stdout and "  - ISIS-K and Taliban:" in back.stdout


def test_diff_sees_a_source_registered_redated_or_rewritten(small: Path, tmp_path: Path) -> None:
    """Every citation of a source changes with it: a reviewer must see a text added, its record
    changed and its words changed, not 'No actor or relation changed'."""
    import json
    import shutil

    before = tmp_path / "before"
    shutil.copytree(small / "data", before / "data")
    shutil.copytree(small / "seeds", before / "seeds")
    sources = small / "seeds" / "sources.yaml"
    sources.write_text(
        sources.read_text().replace("    written: Spring 2019\n", "    written: Spring 2019\n    published: 2019-05\n")
    )
    memo = small / "seeds" / "memo.txt"
    memo.write_text(memo.read_text() + "\nA line added later.\n")
    (small / "report.txt").write_text("A second text, about nothing in particular at all.\n")
    assert run("add-source", "report.txt", "--id", "second", "--kind", "report").exit_code == 0
    result = run("diff", str(before), "--format", "json")
    assert result.exit_code == 0, result.output
    sources_diff = json.loads(result.stdout)["sources"]
    assert [s["id"] for s in sources_diff["added"]] == ["second"]
    (changed,) = sources_diff["changed"]
    assert changed["id"] == "memo" and changed["changes"]["published"] == {"old": None, "new": "2019-05"}
    assert changed["changes"]["text"]["old"] != changed["changes"]["text"]["new"]
    text = run("diff", str(before)).stdout
    assert "Sources: 1 added, 0 removed, 1 changed" in text, text
    assert "No actor or relation changed." not in text


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_folder_named_plainly_in_a_repository_is_read_as_a_folder(small: Path) -> None:
    """Inside a git repository a folder given by a bare name ("before", not "./before") that is
    no revision is simply the folder: only a name that is both is refused."""
    _git(small, "init", "-q")
    _git(small, "-c", "user.email=t@example.org", "-c", "user.name=t", "add", ".")
    _git(small, "-c", "user.email=t@example.org", "-c", "user.name=t", "commit", "-qm", "data")
    shutil.copytree(small / "data", small / "before" / "data")
    shutil.copytree(small / "seeds", small / "before" / "seeds")
    _retype(small)
    result = run("diff", "before")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Changes from before to working tree")
    assert "type: rival → allied" in result.stdout


def test_a_whole_sentence_reviewed_is_named_in_the_diff_without_a_pair(small: Path, tmp_path: Path) -> None:
    """A review of a whole sentence (no pair) reads as the sentence alone, and its JSON record's
    pair is null."""
    before = tmp_path / "before"
    shutil.copytree(small, before)
    sentence = "This memo, written in the spring of 2019, is invented for actorgraph's tests."
    reason = "It says who wrote it, and nothing of the groups."
    added = run("add-review", "memo", sentence, "--reason", reason)
    assert added.exit_code == 0, added.output
    text = " ".join(run("diff", str(before)).stdout.split())
    assert f"+ memo: “{sentence}”" in text and "no relation between" not in text
    data = json.loads(run("diff", str(before), "--format", "json").stdout)
    assert data["reviewed"]["added"] == [{"doc": "memo", "sentence": sentence, "pair": None, "reason": reason}]


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_name_is_looked_up_as_a_revision_in_the_maps_repository_not_the_current_folder(
    small: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run from outside the repository (the map named by --data-dir), a folder here called HEAD
    is still refused as ambiguous: HEAD is a revision of the map's repository."""
    _git(small, "init", "-q")
    _git(small, "-c", "user.email=t@example.org", "-c", "user.name=t", "add", ".")
    _git(small, "-c", "user.email=t@example.org", "-c", "user.name=t", "commit", "-qm", "data")
    outside = tmp_path / "outside"
    shutil.copytree(small / "data", outside / "HEAD" / "data")
    shutil.copytree(small / "seeds", outside / "HEAD" / "seeds")
    monkeypatch.chdir(outside)
    result = run("diff", "HEAD", "--data-dir", str(small / "data"), "--seeds-dir", str(small / "seeds"))
    assert result.exit_code == 2, result.output
    assert "'HEAD' is both a folder here and a git revision; write rev:HEAD" in result.stderr


# --- revisions of a map wherever it sits in a repository ----------------------------------------

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
VALID = Path(__file__).resolve().parent.parent / "fixtures" / "valid"


def _commit(repo: Path, message: str) -> None:
    _git(repo, "add", "-A")
    _git(repo, "-c", "user.email=t@example.org", "-c", "user.name=t", "commit", "-qm", message)


def _repo_with_map(repo: Path, inside: str) -> Path:
    """A git repository at `repo` holding a copy of the three-group map in its folder `inside`
    (data/ and seeds/ there), committed once; returns the map's folder."""
    where = repo / inside
    shutil.copytree(VALID / "data", where / "data")
    shutil.copytree(VALID / "seeds", where / "seeds")
    _git(repo, "init", "-q")
    _commit(repo, "map")
    return where


def _diff_json(*args: str) -> dict:
    result = run("diff", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@needs_git
def test_a_revision_of_a_map_deep_in_a_repository_is_read_from_outside_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The map is two folders down in its repository (the first named like an option, `-maps`),
    keeps an unrelated subfolder in data/ and is named by --data-dir from a folder outside any
    repository: git is asked in the map's repository, with the map's folder never read as an
    option, and every file of the map (but not the subfolder) is compared."""
    where = _repo_with_map(tmp_path / "repo", "-maps/east")
    (where / "data" / "archive").mkdir()
    (where / "data" / "archive" / "old.yaml").write_text("notes: []\n")
    _commit(tmp_path / "repo", "archive")
    _retype(where)
    _commit(tmp_path / "repo", "retype")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    monkeypatch.chdir(outside)
    folders = ("--data-dir", str(where / "data"), "--seeds-dir", str(where / "seeds"))
    data = _diff_json("HEAD~1", "HEAD", *folders)
    assert data["old"] == {"version": "HEAD~1", "problems": 0, "refused": []}
    assert data["new"] == {"version": "HEAD", "problems": 0, "refused": []}
    (change,) = data["relations"]["changed"]
    assert change["changes"]["type"] == {"old": "rival", "new": "allied"}
    assert change["new"]["evidence"][0]["quote"] == "The Alpha Front and the Beta Brigade are bitter rivals"


@needs_git
def test_a_revisions_files_past_the_maps_limits_are_named_and_the_rest_still_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each file of a revision is held to its own limit (a data file's, a source text's) and all
    of them to the map's total: a data file exactly at its limit is read, a text past its own
    limit and a text at its own limit that would take the map past its total are named (each with the limit it
    passes) and not read, and the files after them are still read."""
    mb = 1024 * 1024
    where = _repo_with_map(tmp_path / "repo", ".")
    monkeypatch.chdir(where)
    actors = where / "data" / "actors.yaml"
    pad = 2 * mb - len(actors.read_bytes()) - 3
    actors.write_bytes(actors.read_bytes() + b"# " + b"x" * pad + b"\n")  # exactly 2 MB: a data file's limit
    edges = where / "data" / "edges.yaml"
    edges.write_bytes(edges.read_bytes() + b"# " + b"x" * (mb // 2) + b"\n")
    (where / "seeds" / "extra.txt").write_bytes(b"x" * (3 * mb // 2))  # past a text's limit
    (where / "seeds" / "late.txt").write_bytes(b"x" * mb)  # at a text's limit, past what the map has left
    (where / "data" / "settings.yaml").write_text("max_file_mb: 2\nmax_text_mb: 1\nmax_map_mb: 3\n")
    _commit(where, "padded")
    data = _diff_json("HEAD", "HEAD")
    assert data["new"]["refused"] == [
        "seeds/extra.txt: is 2 MB in HEAD, past the limit; not read",
        "seeds/late.txt: is 1 MB in HEAD, past the map's limit; not read",
    ]
    assert data["new"]["problems"] == 2
    assert data["actors"] == {"added": [], "removed": [], "changed": []}


@needs_git
def test_a_data_folder_committed_as_a_link_is_named_and_the_seeds_still_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A revision whose data/ is a symbolic link (to another folder of the same repository) has
    that folder named as not read; the seeds folder after it is still read."""
    repo = tmp_path / "repo"
    shutil.copytree(VALID / "data", repo / "real-data")
    shutil.copytree(VALID / "seeds", repo / "seeds")
    (repo / "data").symlink_to("real-data")
    _git(repo, "init", "-q")
    _commit(repo, "linked")
    monkeypatch.chdir(repo)
    data = _diff_json("HEAD", "HEAD")
    assert data["new"]["refused"] == ["data: is a symbolic link in HEAD; a map's folders must be folders"]
    assert data["new"]["problems"] > 1  # the refusal, and the actors and relations then missing


@needs_git
def test_a_seeds_folder_outside_the_maps_repository_is_refused_by_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    where = _repo_with_map(tmp_path / "repo", ".")
    elsewhere = tmp_path / "elsewhere-seeds"
    shutil.copytree(VALID / "seeds", elsewhere)
    monkeypatch.chdir(where)
    result = run("diff", "HEAD", "--seeds-dir", str(elsewhere))
    assert result.exit_code == 2, result.output
    assert (
        f"the seeds folder '{elsewhere}' is outside the git repository at '{where.resolve()}', so no revision "
        "holds it; compare two folders instead"
    ) in result.stderr


@needs_git
def test_a_name_that_is_no_revision_of_the_maps_repository_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(_repo_with_map(tmp_path / "repo", "."))
    result = run("diff", "no-such-branch")
    assert result.exit_code == 2, result.output
    assert "'no-such-branch' is neither a folder nor a git revision" in result.stderr


def test_a_revision_without_git_installed_says_to_compare_folders(small: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without git on the PATH a revision cannot be read, and the message says so rather than
    blaming the folder."""
    monkeypatch.setenv("PATH", str(small / "no-programs-here"))
    result = run("diff", "HEAD")
    assert result.exit_code == 2, result.output
    assert "git is not installed; compare two folders instead" in result.stderr


@needs_git
def test_a_revision_git_cannot_read_is_refused_in_gits_own_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A repository missing the tree of the data folder (a damaged clone): the diff stops with
    git's last line of complaint, not a traceback and not a map read as empty."""
    where = _repo_with_map(tmp_path / "repo", ".")
    tree = subprocess.run(
        ["git", "rev-parse", "HEAD:data"], cwd=where, capture_output=True, text=True, check=True
    ).stdout.strip()
    (where / ".git" / "objects" / tree[:2] / tree[2:]).unlink()
    monkeypatch.chdir(where)
    result = run("diff", "HEAD")
    assert result.exit_code == 2, result.output
    assert result.stderr == f"error: error: Could not read {tree}\n"


@needs_git
def test_file_names_git_holds_but_text_cannot_do_not_stop_the_diff(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A seeds folder holding a file whose name has a tab in it, and one whose name is not UTF-8:
    the revision is read all the same (neither is a source text of the map)."""
    where = _repo_with_map(tmp_path / "repo", ".")
    (where / "seeds" / "draft\tcopy.txt").write_text("a draft\n")
    (where / os.fsdecode(b"seeds/old-\xff.txt")).write_text("an old draft\n")
    _commit(where, "drafts")
    monkeypatch.chdir(where)
    data = _diff_json("HEAD~1", "HEAD")
    assert data["new"]["refused"] == []
    assert data["relations"] == {"added": [], "removed": [], "changed": []}


@needs_git
def test_a_data_folder_that_is_its_own_repository_is_read_at_a_revision(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The repository is the data folder itself (seeds/ inside it, a linked dotfile at its top):
    the folder is read from the revision's top, only the link is named as not read, and the
    change between two revisions is found."""
    data = tmp_path / "data"
    shutil.copytree(VALID / "data", data)
    shutil.copytree(VALID / "seeds", data / "seeds")
    (data / ".editorconfig").symlink_to("/etc/editorconfig")
    _git(data, "init", "-q")
    _commit(data, "map")
    _retype(tmp_path)
    _commit(data, "retype")
    monkeypatch.chdir(data)
    found = _diff_json("HEAD~1", "HEAD", "--data-dir", str(data), "--seeds-dir", str(data / "seeds"))
    link = "./.editorconfig: is a symbolic link in HEAD; a map's files must be files"
    assert (found["old"]["refused"], found["new"]["refused"]) == ([link.replace("HEAD", "HEAD~1")], [link])
    (change,) = found["relations"]["changed"]
    assert change["changes"]["type"] == {"old": "rival", "new": "allied"}


@needs_git
def test_a_data_folder_named_dot_is_read_at_a_revision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from inside the data folder, `--data-dir .` names that folder, in a revision too."""
    where = _repo_with_map(tmp_path / "repo", ".")
    monkeypatch.chdir(where / "data")
    found = _diff_json("HEAD", "--data-dir", ".", "--seeds-dir", "../seeds")
    assert found["old"] == {"version": "HEAD", "problems": 0, "refused": []}


def test_a_changed_list_of_aliases_is_shown_old_and_new(small: Path, tmp_path: Path) -> None:
    before = tmp_path / "before"
    shutil.copytree(small / "data", before / "data")
    shutil.copytree(small / "seeds", before / "seeds")
    actors = small / "data" / "actors.yaml"
    actors.write_text(actors.read_text().replace("aliases: [BB, the Brigade]", "aliases: [BB, Bravo]"))
    result = run("diff", str(before), str(small))
    assert result.exit_code == 0, result.output
    assert "aliases: [BB, the Brigade] → [BB, Bravo]" in result.stdout


def test_diff_names_each_vocabulary_entry_added_removed_or_changed(small: Path, tmp_path: Path) -> None:
    """Vocabularies in their fixed order (relation types, actor kinds, hedges, source kinds), each
    entry by name within it, with the fields that changed."""
    before = tmp_path / "before"
    shutil.copytree(small / "data", before / "data")
    shutil.copytree(small / "seeds", before / "seeds")
    edges, actors, sources = (small / "data" / "edges.yaml", small / "data" / "actors.yaml",
                              small / "seeds" / "sources.yaml")  # fmt: skip
    added = "    directed: false\n    sign: -1\n    definition: A quarrel.\n"
    edges.write_text(
        edges.read_text()
        .replace(
            "  rival:\n    label: rival\n", f"  feuding:\n    label: feuding\n{added}  rival:\n    label: rival of\n"
        )
        .replace("relation_types:\n", f"relation_types:\n  avenging:\n    label: avenging\n{added}")
        .replace(
            "    definition: The text says it may be so.\n    rank: 1\n", "    definition: It may be so.\n    rank: 2\n"
        )
    )
    actors.write_text(
        actors.read_text().replace("actors:\n", "  state:\n    label: State\n    definition: A country.\nactors:\n", 1)
    )
    other = "  other:\n    label: Other\n    definition: Any other kind of text.\n    csl: document\n"
    sources.write_text(sources.read_text().replace(other, ""))
    result = run("diff", str(before))
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"Changes from {before} to working tree\n\n"
        "Vocabularies: 6 entries changed\n"
        "  + relation type 'avenging'\n"
        "  + relation type 'feuding'\n"
        "  ~ relation type 'rival'\n"
        "      label: rival → rival of\n"
        "  + actor kind 'state'\n"
        "  ~ confidence level 'possible'\n"
        "      definition: The text says it may be so. → It may be so.\n"
        "      rank: 1 → 2\n"
        "  - source kind 'other'\n"
    )
    terms = _diff_json(str(before))["vocabularies"]
    assert [(t["vocabulary"], t["name"], t["kind"]) for t in terms] == [
        ("relation type", "avenging", "added"),
        ("relation type", "feuding", "added"),
        ("relation type", "rival", "changed"),
        ("actor kind", "state", "added"),
        ("confidence level", "possible", "changed"),
        ("source kind", "other", "removed"),
    ]
    assert terms[4]["changes"] == {
        "definition": {"old": "The text says it may be so.", "new": "It may be so."},
        "rank": {"old": 1, "new": 2},
    }


def _actor(aid: str, name: str) -> str:
    return f"  - id: {aid}\n    name: {name}\n    kind: militant_group\n"


def _relation(source: str, rtype: str, target: str, quote: str) -> str:
    head = f"  - source: {source}\n    target: {target}\n    type: {rtype}\n"
    return head + f'    evidence:\n      - doc: memo\n        quote: "{quote}"\n'


RIVALS = "The Alpha Front and the Beta Brigade are bitter rivals"
FOUGHT = "they have fought over the northern valleys for years"
ABSORBED = "The Beta Brigade absorbed fighters from the Gamma Movement in 2018"
WHO_WROTE = "This memo, written in the spring of 2019, is invented for actorgraph's tests."
ANALYSTS_SAY = "Analysts say the Alpha Front “may be allied” with the Gamma Movement."


def _apart_in_every_way(small: Path, tmp_path: Path) -> Path:
    """The small map as it is now and, returned, a copy as it was before: actors, relations,
    reviews, sources and settings each added, removed or changed, two of each where order shows."""
    sentence, analysts = WHO_WROTE, ANALYSTS_SAY
    assert run("add-review", "memo", sentence, "--reason", "Says who wrote it.").exit_code == 0
    assert run("add-review", "memo", analysts, "--pair", "alpha", "beta", "--reason", "Not Beta.").exit_code == 0
    before = tmp_path / "before"
    shutil.copytree(small / "data", before / "data")
    shutil.copytree(small / "seeds", before / "seeds")
    actors, edges, reviewed = (small / "data" / n for n in ("actors.yaml", "edges.yaml", "reviewed.yaml"))
    old_actors, old_edges = actors.read_text(), edges.read_text()
    (before / "data" / "actors.yaml").write_text(old_actors + _actor("epsilon", "Epsilon") + _actor("delta", "Delta"))
    start = old_edges.index("edges:\n") + len("edges:\n")
    (before / "data" / "edges.yaml").write_text(
        old_edges.replace(
            f'        quote: "{RIVALS}"\n', f'        quote: "{RIVALS}"\n      - doc: memo\n        quote: "{FOUGHT}"\n'
        )
    )
    (before / "seeds" / "notes.txt").write_text("Notes.\n")
    with (before / "seeds" / "sources.yaml").open("a") as fh:
        fh.write("  - id: notes\n    file: notes.txt\n    kind: analysis\n    title: Notes\n")
    actors.write_text(
        old_actors.replace("    description: An invented group.\n", "    description: A group.\n").replace(
            "    region: The northern valleys\n", "    region: The valleys\n"
        )
        + _actor("zeta", "Zeta")
        + _actor("eta", "Eta")
    )
    edges.write_text(
        old_edges[:start]
        + _relation("eta", "rival", "zeta", FOUGHT)
        + _relation("beta", "rival", "alpha", RIVALS)
        + _relation("eta", "allied", "zeta", ABSORBED)
    )
    reviewed.write_text(
        reviewed.read_text()
        .replace(f'    sentence: "{sentence}"\n    reason: Says who wrote it.\n', "")
        .replace("  - doc: memo\n  - doc: memo\n", "  - doc: memo\n")
        .replace("Not Beta.", "Beta is not in it.")
    )
    (small / "data" / "settings.yaml").write_text("tlp: amber\n")
    sources = small / "seeds" / "sources.yaml"
    (small / "seeds" / "brief.txt").write_text("A brief.\n")
    sources.write_text(
        sources.read_text().replace('title: "A made-up memo for tests"', 'title: "A memo made up for tests"')
        + "  - id: brief\n    file: brief.txt\n    kind: analysis\n    title: A brief\n"
    )
    return before


def test_diff_lists_every_kind_of_change_each_in_order(small: Path, tmp_path: Path) -> None:
    """Two versions apart in every way at once: actors, relations, reviews, sources and settings
    each added, removed or changed, two of each so that their order shows (by id; relations by
    source, target and type). A relation written the other way round, undirected, is the same
    relation, here changed only by the quote it lost; and relations of the same type, or between
    the same two actors, that merely came and went are not taken for one reversed or re-typed."""
    before = _apart_in_every_way(small, tmp_path)
    found = _diff_json(str(before))
    assert [a["id"] for a in found["actors"]["added"]] == ["eta", "zeta"]
    assert [a["id"] for a in found["actors"]["removed"]] == ["delta", "epsilon"]
    assert found["actors"]["changed"] == [
        {"id": "alpha", "changes": {"description": {"old": "An invented group.", "new": "A group."}}},
        {"id": "beta", "changes": {"region": {"old": "The northern valleys", "new": "The valleys"}}},
    ]
    assert [s["id"] for s in found["sources"]["added"]] == ["brief"]
    assert found["sources"]["changed"] == [
        {"id": "memo", "changes": {"title": {"old": "A made-up memo for tests", "new": "A memo made up for tests"}}}
    ]

    def ends(records: list[dict]) -> list[tuple[str, str, str]]:
        return [(r["source"], r["type"], r["target"]) for r in records]

    assert ends(found["relations"]["added"]) == [("eta", "allied", "zeta"), ("eta", "rival", "zeta")]
    assert ends(found["relations"]["removed"]) == [
        ("alpha", "allied", "gamma"),
        ("beta", "absorbed_fighters_from", "gamma"),
    ]
    (rivals,) = found["relations"]["changed"]
    assert (rivals["kind"], rivals["changes"], rivals["quotes_added"]) == ("changed", {}, [])
    assert [q["quote"] for q in rivals["quotes_removed"]] == [FOUGHT]
    assert [r["sentence"] for r in found["reviewed"]["removed"]] == [WHO_WROTE]
    ((was, now),) = [(c["old"]["reason"], c["new"]["reason"]) for c in found["reviewed"]["changed"]]
    assert (was, now) == ("Not Beta.", "Beta is not in it.")
    assert [s["id"] for s in found["sources"]["removed"]] == ["notes"]
    assert found["settings"] == {"tlp": {"old": None, "new": "amber"}}


def test_diff_text_and_markdown_of_every_kind_of_change(small: Path, tmp_path: Path) -> None:
    """The whole answer, for a terminal and for a pull request: settings first, then each kind
    of record with its counts, each entry marked added, removed or changed, with what changed and
    the quotes it rests on."""
    before = _apart_in_every_way(small, tmp_path)
    text = run("diff", str(before))
    assert text.exit_code == 0, text.output
    assert text.stdout == f"Changes from {before} to working tree\n" + EVERY_KIND_TEXT
    markdown = run("diff", str(before), "--format", "markdown")
    assert markdown.exit_code == 0, markdown.output
    head, rest = markdown.stdout.split("\n", 1)
    assert head.startswith("## Changes from ") and head.endswith(" to working tree")
    assert rest == EVERY_KIND_MARKDOWN


EVERY_KIND_TEXT = """
Settings changed (check these first: what the map may hold, who keeps it, how it is shared)
  ~ tlp: (none) → amber

Sources: 1 added, 1 removed, 1 changed
  + brief: “A brief”.
  - notes: “Notes”.
  ~ memo
      title: A made-up memo for tests → A memo made up for tests

Actors: 2 added, 2 removed, 2 changed
  + Eta (eta, militant_group)
  + Zeta (zeta, militant_group)
  - Delta (delta, militant_group)
  - Epsilon (epsilon, militant_group)
  ~ alpha
      description: An invented group. → A group.
  ~ beta
      region: The northern valleys → The valleys

Relations: 2 added, 2 removed, 1 changed
  + Eta —allied— Zeta
      “The Beta Brigade absorbed fighters from the Gamma Movement in 2018” —
        memo
  + Eta —rival— Zeta
      “they have fought over the northern valleys for years” — memo
  - Alpha Front —allied— Gamma Movement  [possible, according to analysts]
      “Analysts say the Alpha Front "may be allied" with the Gamma Movement” —
        memo; according to analysts; possible
  - Beta Brigade —absorbed fighters from→ Gamma Movement  [since 2018]
      “The Beta Brigade absorbed fighters from the Gamma Movement in 2018” —
        memo
  ~ Beta Brigade —rival— Alpha Front (changed)
      was: Alpha Front —rival— Beta Brigade
      - “they have fought over the northern valleys for years” — memo

Contested pairs: 1 new, 0 settled
  + Eta and Zeta: cooperative ('allied') and hostile ('rival') claims at
      overlapping times

Reviewed sentences: 0 added, 1 removed, 1 changed
  - memo: “This memo, written in the spring of 2019, is invented for
      actorgraph's tests.”
      reason: Says who wrote it.
  ~ no relation between alpha and beta in memo: “Analysts say the Alpha Front
      “may be allied” with the Gamma Movement.”
      reason: Not Beta. → Beta is not in it.
"""

EVERY_KIND_MARKDOWN = r"""
### Settings changed \(check these first\: what the map may hold, who keeps it, how it is shared\)

- **changed**: tlp\: \(none\) → amber

### Sources\: 1 added, 1 removed, 1 changed

- **added**: brief\: “A brief”\.
- **removed**: notes\: “Notes”\.
- **changed**: memo
  - title\: A made\-up memo for tests → A memo made up for tests

### Actors\: 2 added, 2 removed, 2 changed

- **added**: Eta \(eta, militant\_group\)
- **added**: Zeta \(zeta, militant\_group\)
- **removed**: Delta \(delta, militant\_group\)
- **removed**: Epsilon \(epsilon, militant\_group\)
- **changed**: alpha
  - description\: An invented group\. → A group\.
- **changed**: beta
  - region\: The northern valleys → The valleys

### Relations\: 2 added, 2 removed, 1 changed

- **added**: Eta —allied— Zeta
  > “The Beta Brigade absorbed fighters from the Gamma Movement in 2018” — memo
- **added**: Eta —rival— Zeta
  > “they have fought over the northern valleys for years” — memo
- **removed**: Alpha Front —allied— Gamma Movement  \[possible, according to analysts\]
  > “Analysts say the Alpha Front \"may be allied\" with the Gamma Movement” — memo; according to analysts; possible
- **removed**: Beta Brigade —absorbed fighters from→ Gamma Movement  \[since 2018\]
  > “The Beta Brigade absorbed fighters from the Gamma Movement in 2018” — memo
- **changed**: Beta Brigade —rival— Alpha Front \(changed\)
  - was\: Alpha Front —rival— Beta Brigade
  > \- “they have fought over the northern valleys for years” — memo

### Contested pairs\: 1 new, 0 settled

- **added**: Eta and Zeta\: cooperative \('allied'\) and hostile \('rival'\) claims at overlapping times

### Reviewed sentences\: 0 added, 1 removed, 1 changed

- **removed**: memo\: “This memo, written in the spring of 2019, is invented for actorgraph's tests\.”
  - reason\: Says who wrote it\.
- **changed**: no relation between alpha and beta in memo\: “Analysts say the Alpha Front “may be allied” with the Gamma Movement\.”
  - reason\: Not Beta\. → Beta is not in it\.
"""  # noqa: E501


def test_a_settled_contest_and_a_quote_swapped_for_another_in_json(small: Path, tmp_path: Path) -> None:
    """The quote that disputed alpha and beta's rivalry gives way to one that does not: the
    contest is settled, and the relation's change names the quote removed and the quote added,
    with the relation as it was and as it is."""
    before = tmp_path / "before"
    shutil.copytree(small / "data", before / "data")
    shutil.copytree(small / "seeds", before / "seeds")
    rivals = f'        quote: "{RIVALS}"\n'
    quote = '      - doc: memo\n        quote: "{}"\n'
    old_edges = before / "data" / "edges.yaml"
    old_edges.write_text(
        old_edges.read_text().replace(rivals, rivals + quote.format(FOUGHT) + "        stance: disputes\n")
    )
    edges = small / "data" / "edges.yaml"
    edges.write_text(edges.read_text().replace(rivals, rivals + quote.format("over the northern valleys for years")))
    found = _diff_json(str(before))
    (settled,) = found["contests"]["settled"]
    assert (settled["pair"], settled["reason"]) == (["alpha", "beta"], "memo says that 'rival' does not hold")
    assert found["contests"]["opened"] == []
    (change,) = found["relations"]["changed"]
    assert [q["quote"] for q in change["old"]["evidence"]] == [RIVALS, FOUGHT]
    assert [q["quote"] for q in change["new"]["evidence"]] == [RIVALS, "over the northern valleys for years"]
    assert [(q["quote"], q["stance"]) for q in change["quotes_removed"]] == [(FOUGHT, "disputes")]
    assert [(q["quote"], q["doc"]) for q in change["quotes_added"]] == [("over the northern valleys for years", "memo")]
    text = run("diff", str(before)).stdout
    assert text.endswith(
        "Relations: 0 added, 0 removed, 1 changed\n"
        "  ~ Alpha Front —rival— Beta Brigade (changed)\n"
        "      + “over the northern valleys for years” — memo\n"
        "      - “they have fought over the northern valleys for years” — memo; disputes\n"
        "        it\n"
        "\n"
        "Contested pairs: 0 new, 1 settled\n"
        "  - Alpha Front and Beta Brigade: memo says that 'rival' does not hold\n"
    ), text


def test_a_kind_of_record_only_added_to_has_its_section(small: Path, tmp_path: Path) -> None:
    before = tmp_path / "before"
    shutil.copytree(small / "data", before / "data")
    shutil.copytree(small / "seeds", before / "seeds")
    with (small / "data" / "actors.yaml").open("a") as fh:
        fh.write(_actor("delta", "Delta"))
    result = run("diff", str(before))
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("Actors: 1 added, 0 removed, 0 changed\n  + Delta (delta, militant_group)\n")


def test_two_versions_alike_are_one_note_in_text_and_in_markdown(small: Path, tmp_path: Path) -> None:
    """Nothing changed: the title, a blank line and the note, for a terminal; for a pull request
    the note escaped like every other piece of text (its full stop would otherwise be Markdown's)."""
    same = tmp_path / "same"
    shutil.copytree(small / "data", same / "data")
    shutil.copytree(small / "seeds", same / "seeds")
    text = run("diff", str(same))
    assert text.exit_code == 0, text.output
    assert text.stdout == f"Changes from {same} to working tree\n\nNo actor or relation changed.\n"
    markdown = run("diff", str(same), "--format", "markdown")
    assert markdown.exit_code == 0, markdown.output
    head, rest = markdown.stdout.split("\n", 1)
    assert head.startswith("## Changes from ") and rest == "\nNo actor or relation changed\\.\n", markdown.stdout


def test_a_note_on_a_version_is_escaped_in_markdown(small: Path, tmp_path: Path) -> None:
    """A version that fails `check` is noted first; in markdown the note is escaped like every
    other piece of text (a note names a version, and files, that a pull request wrote), so its
    backticks show as written."""
    before = tmp_path / "before"
    shutil.copytree(small / "data", before / "data")
    shutil.copytree(small / "seeds", before / "seeds")
    edges = small / "data" / "edges.yaml"
    edges.write_text(edges.read_text().replace("target: gamma\n", "target: omega\n", 1))  # no such actor
    markdown = run("diff", str(before), "--format", "markdown").stdout
    note = "Note\\: working tree has 1 problem\\(s\\) under \\`actorgraph check\\`; compared as far as it loads\\."
    assert f"\n{note}\n" in markdown, markdown


def test_a_quote_is_wrapped_between_words_never_inside_a_hyphenated_one(small: Path, tmp_path: Path) -> None:
    """A verbatim quote keeps its hyphenated words whole across a line break ("short-lived", not
    "short-" and "lived"), so that what a reader copies from the terminal is found in the source."""
    truce = "The Beta Brigade and the Gamma Movement remain rivals despite a short-lived truce in the valleys"
    memo = small / "seeds" / "memo.txt"
    memo.write_text(memo.read_text() + truce + ".\n")
    before = tmp_path / "before"
    shutil.copytree(small / "data", before / "data")
    shutil.copytree(small / "seeds", before / "seeds")
    with (small / "data" / "edges.yaml").open("a") as fh:
        fh.write(_relation("beta", "rival", "gamma", truce))
    result = run("diff", str(before))
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith(
        "Relations: 1 added, 0 removed, 0 changed\n"
        "  + Beta Brigade —rival— Gamma Movement\n"
        "      “The Beta Brigade and the Gamma Movement remain rivals despite a\n"
        "        short-lived truce in the valleys” — memo\n"
    ), result.stdout


def test_the_last_line_of_the_answer_is_kept_whole(small: Path, tmp_path: Path) -> None:
    """Only the blank lines after the last section are trimmed, never the end of its last line:
    a region renamed "Province X" keeps its X, in text and in markdown."""
    before = tmp_path / "before"
    shutil.copytree(small / "data", before / "data")
    shutil.copytree(small / "seeds", before / "seeds")
    actors = small / "data" / "actors.yaml"
    actors.write_text(actors.read_text().replace("    region: The northern valleys\n", "    region: Province X\n"))
    text = run("diff", str(before))
    assert text.exit_code == 0, text.output
    assert text.stdout.endswith("  ~ beta\n      region: The northern valleys → Province X\n"), text.stdout
    markdown = run("diff", str(before), "--format", "markdown").stdout
    assert markdown.endswith("- **changed**: beta\n  - region\\: The northern valleys → Province X\n"), markdown
