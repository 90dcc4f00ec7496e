"""The bundle pushed to a live OpenCTI with its own client, and read back (opt-in).

Runs with `pytest -m opencti` when OPENCTI_URL and OPENCTI_TOKEN name a platform and a user's API
token; skipped otherwise (CI has no OpenCTI: it needs Elasticsearch, Redis, RabbitMQ and workers).
It writes into that platform: use a scratch instance.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import run

URL, TOKEN = os.environ.get("OPENCTI_URL"), os.environ.get("OPENCTI_TOKEN")
pytestmark = [
    pytest.mark.opencti,
    pytest.mark.skipif(not (URL and TOKEN), reason="set OPENCTI_URL and OPENCTI_TOKEN to push to a live OpenCTI"),
]


def test_opencti_takes_the_bundle_and_gives_every_relation_back(opencti_map: Path) -> None:
    pycti = pytest.importorskip("pycti")
    client = pycti.OpenCTIApiClient(URL, TOKEN, log_level="error")
    text = run("export", "--format", "stix").stdout
    objects = json.loads(text)["objects"]
    client.stix2.import_bundle_from_json(text, update=True)
    names = {o["id"]: o["name"] for o in objects if o["type"] in ("threat-actor", "identity")}
    for rel in (o for o in objects if o["type"] == "relationship"):
        found = client.stix_core_relationship.read(id=rel["id"])  # OpenCTI keeps our id among its stix ids
        assert found is not None, rel["id"]
        assert found["relationship_type"] == rel["relationship_type"]
        assert (found["from"]["name"], found["to"]["name"]) == (names[rel["source_ref"]], names[rel["target_ref"]])
        # OpenCTI keeps one relationship per type, ends and period: relations of the map that both
        # became related-to between the same actors share it, with both labels and every quote.
        assert set(rel["labels"]) <= {label["value"] for label in found["objectLabel"]}
        kept = {ref.get("external_id") for ref in found["externalReferences"]}
        assert {ref["external_id"] for ref in rel["external_references"]} <= kept  # each quote kept apart
    for opinion in (o for o in objects if o["type"] == "opinion"):
        found = client.opinion.read(id=opinion["id"])
        assert found is not None and found["opinion"] == opinion["opinion"]
