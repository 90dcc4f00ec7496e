"""The map's settings file and the vocabularies' STIX mappings: read, checked, and named when missing."""

from __future__ import annotations

from pathlib import Path

from actorgraph.dataset.load import load_dataset
from actorgraph.dataset.model import Settings

from tests.conftest import run


def test_a_map_without_settings_has_none(small: Path) -> None:
    data, problems = load_dataset(small / "data", small / "seeds")
    assert problems == []
    assert data.settings == Settings()


def test_settings_are_read_with_their_line(small: Path) -> None:
    (small / "data" / "settings.yaml").write_text(
        "# who keeps it\nmaintainer: Jane Doe\nmaintainer_class: individual\ntlp: amber\n"
    )
    data, problems = load_dataset(small / "data", small / "seeds")
    assert problems == []
    assert (data.settings.maintainer, data.settings.maintainer_class, data.settings.tlp) == (
        "Jane Doe",
        "individual",
        "amber",
    )
    assert data.settings.contact is None
    assert data.settings.location is not None and data.settings.location.line == 2


def test_a_settings_file_with_every_setting_commented_out_is_no_settings(small: Path) -> None:
    (small / "data" / "settings.yaml").write_text("# maintainer: Jane Doe\n# tlp: clear\n")
    result = run("check")
    assert result.exit_code == 0, result.output


def test_a_wrong_setting_is_a_problem_at_its_line(small: Path) -> None:
    (small / "data" / "settings.yaml").write_text("maintainer: Jane Doe\ntlp: amber+strict\nmaintaner: x\n")
    result = run("check")
    assert result.exit_code == 1, result.output
    assert "data/settings.yaml:2: settings: 'tlp' must be one of clear, green, amber, red" in result.output
    assert "data/settings.yaml:3: settings: unknown key 'maintaner' (did you mean 'maintainer'?)" in result.output


def test_a_settings_file_that_is_not_a_mapping_is_a_problem(small: Path) -> None:
    (small / "data" / "settings.yaml").write_text("- maintainer\n")
    result = run("check")
    assert result.exit_code == 1, result.output
    assert "data/settings.yaml:1: expected a mapping of settings, not a list" in result.output


def test_check_names_a_type_and_a_kind_without_a_stix_mapping(small: Path) -> None:
    """The fixture maps nothing: every type and kind is named, each at its line; mapping one
    silences it. A warning, not a problem: check still passes."""
    result = run("check")
    assert result.exit_code == 0, result.output
    assert (
        "warning: data/edges.yaml:3: relation type 'rival' has no 'stix' mapping; "
        "the STIX export writes it as related-to" in result.stderr
    )
    assert "actor kind 'militant_group' has no 'stix' mapping" in result.stderr
    edges = small / "data" / "edges.yaml"
    edges.write_text(
        edges.read_text().replace(
            "    definition: Sustained competition or enmity.\n",
            "    definition: Sustained competition or enmity.\n    stix: related-to\n",
        )
    )
    result = run("check")
    assert result.exit_code == 0, result.output
    assert "relation type 'rival'" not in result.stderr
    assert "relation type 'allied' has no 'stix' mapping" in result.stderr


def test_a_mapping_must_be_a_stix_relationship_type(small: Path) -> None:
    edges = small / "data" / "edges.yaml"
    edges.write_text(
        edges.read_text().replace(
            "    definition: Sustained competition or enmity.\n",
            "    definition: Sustained competition or enmity.\n    stix: Related To\n",
        )
    )
    result = run("check")
    assert result.exit_code == 1, result.output
    assert "relation type 'rival': 'stix' must be lowercase letters, digits and single hyphens" in result.output
