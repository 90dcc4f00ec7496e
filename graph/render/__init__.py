"""The HTML page. For now a plain pyvis page; pyvis is imported only here.

pyvis is slow to import and only `build` needs it, so nothing else in the
package may import this module at load time.
"""

from __future__ import annotations

import json

import networkx as nx

from graph.model import Dataset

# Okabe-Ito colours: distinguishable with the common forms of colour blindness.
_SIGN_COLOURS = {1: "#0072B2", -1: "#D55E00", 0: "#999999"}


def render_html(data: Dataset, g: nx.MultiDiGraph) -> str:
    from pyvis.network import Network

    net = Network(height="100vh", width="100%", directed=True, cdn_resources="in_line")
    for node, attrs in g.nodes(data=True):
        aliases = ", ".join(attrs.get("aliases", []))
        net.add_node(node, label=attrs["name"], title=f"{attrs['name']} ({attrs['kind']})\n{aliases}")
    for u, v, attrs in g.edges(data=True):
        quotes = "\n".join(f"[{ev['doc']}] {ev['quote']}" for ev in attrs["evidence"])
        net.add_edge(
            u,
            v,
            label=attrs["label"],
            title=quotes,
            color=_SIGN_COLOURS.get(attrs["sign"], "#999999"),
            arrows="to" if attrs["directed"] else "",
            dashes="confidence" in attrs,
        )
    net.set_options(json.dumps({"layout": {"randomSeed": 7}}))
    return net.generate_html(name="graph.html", local=True)
