"""The graph cache: faster repeat queries, never a stale or unchecked answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run


def _entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("*.json")) if cache.exists() else []


def test_repeat_query_reads_the_cache_and_answers_the_same(small: Path, private_cache: Path, monkeypatch) -> None:
    first = run("path", "alpha", "gamma", "--all", "--format", "json")
    assert first.exit_code == 0, first.output
    assert len(_entries(private_cache)) == 1
    again = run("path", "alpha", "gamma", "--all", "--format", "json")
    monkeypatch.setenv("ACTORGRAPH_NO_CACHE", "1")
    uncached = run("path", "alpha", "gamma", "--all", "--format", "json")
    assert first.stdout == again.stdout == uncached.stdout
    for args in (["show", "beta"], ["analyze", "--format", "json"], ["list", "relations"]):
        monkeypatch.delenv("ACTORGRAPH_NO_CACHE")
        cached = run(*args).stdout
        monkeypatch.setenv("ACTORGRAPH_NO_CACHE", "1")
        assert run(*args).stdout == cached, args


def test_an_edit_is_never_answered_from_the_cache(small: Path) -> None:
    assert run("path", "alpha", "beta").exit_code == 0
    edges = small / "data" / "edges.yaml"
    edges.write_text(edges.read_text().replace("are bitter rivals", "are sworn rivals"))
    result = run("path", "alpha", "beta")
    assert result.exit_code == 1
    assert "data/edges.yaml:29: edge alpha -> beta, evidence 1: quote not found" in result.stderr


def test_a_changed_source_text_invalidates_the_cache(small: Path) -> None:
    assert run("path", "alpha", "beta").exit_code == 0
    memo = small / "seeds" / "memo.txt"
    memo.write_text(memo.read_text().replace("bitter rivals", "old friends"))
    result = run("path", "alpha", "beta")
    assert result.exit_code == 1
    assert "quote not found in 'memo'" in result.stderr


def test_a_damaged_cache_entry_is_rebuilt(small: Path, private_cache: Path) -> None:
    assert run("show", "alpha").exit_code == 0
    (entry,) = _entries(private_cache)
    entry.write_text('{"nodes": [')
    result = run("show", "alpha")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Alpha Front")


def test_an_unwritable_cache_costs_nothing_but_time(small: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = small / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("ACTORGRAPH_CACHE_DIR", str(blocker / "cache"))
    result = run("path", "alpha", "gamma")
    assert result.exit_code == 0, result.output


SPLIT = "Mr. Smith met the U.S. envoy in Kabul. He said little.\n\nA new paragraph starts here."


def test_sentences_are_kept_between_runs_and_a_bad_entry_is_ignored(private_cache: Path) -> None:
    from actorgraph.dataset import sentences
    from actorgraph.network.cache import sentence_spans

    fresh = sentences.sentence_spans(SPLIT)
    assert len(fresh) == 3  # the splitter sees through "Mr." and "U.S."
    assert sentence_spans(SPLIT) == fresh
    [entry] = (private_cache / "sentences").glob("*.json")
    entry.write_text("[[0, 99999]]", encoding="utf-8")  # out of the text's range: not believed
    assert sentence_spans(SPLIT) == fresh
    entry.write_text("not json", encoding="utf-8")
    assert sentence_spans(SPLIT) == fresh
    assert sentence_spans(SPLIT + " One more.") != fresh  # another text, another entry


def test_the_cache_lives_where_the_user_keeps_caches(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """ACTORGRAPH_CACHE_DIR when set; else under XDG_CACHE_HOME; else under ~/.cache."""
    from actorgraph.network.cache import cache_dir

    monkeypatch.delenv("ACTORGRAPH_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "actorgraph"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_dir() == tmp_path / "home" / ".cache" / "actorgraph"
    monkeypatch.setenv("ACTORGRAPH_CACHE_DIR", str(tmp_path / "mine"))
    assert cache_dir() == tmp_path / "mine"


def test_the_cache_keeps_the_newest_eight_maps(small: Path, private_cache: Path) -> None:
    """Each version of a map is its own entry; past eight, the oldest go, and the newest stays."""
    from actorgraph.network.cache import checked_dataset, content_key

    actors = small / "data" / "actors.yaml"
    for version in range(10):
        actors.write_text(actors.read_text() + f"# version {version}\n")
        checked_dataset(small / "data", small / "seeds")
    kept = _entries(private_cache)
    assert len(kept) == 8, kept
    assert private_cache / f"{content_key(small / 'data', small / 'seeds')}.json" in kept  # the newest
