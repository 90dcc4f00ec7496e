"""Intake: relations proposed from texts or imported from other extractors, every quote verified
against its source, held in a review queue until a curator decides.

    texts ──propose (cues in the vocabulary)──┐
    LangExtract JSONL, W3C annotations, CSV ──┴─verify─▶ data/proposals.yaml ──review─▶ edges / reviewed

Nothing here writes a relation itself: accepting a proposal goes through the same checked, locked
edit as `add-relation` and `add-evidence`, and rejecting one records a reviewed sentence or pair.
"""
