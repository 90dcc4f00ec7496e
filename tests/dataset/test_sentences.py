"""Sentence spans of a paragraph longer than pySBD is given at once (`BLOCK` characters)."""

from __future__ import annotations

from actorgraph.dataset.sentences import BLOCK, sentence_spans


def test_a_paragraph_longer_than_a_block_is_cut_between_its_sentences_and_keeps_every_offset() -> None:
    sentences = [f"Report {i} says the Alpha Front met the Beta Brigade by the river." for i in range(200)]
    text = "Preface.\n\n" + " ".join(sentences) + "\n"
    assert len(text) > 2 * BLOCK  # three pieces at least
    spans = sentence_spans(text)
    assert [text[lo:hi] for lo, hi in spans] == ["Preface.", *sentences]


def test_a_paragraph_longer_than_a_block_with_no_sentence_end_is_cut_at_a_space() -> None:
    words = " ".join(f"word{i}" for i in range(1500))  # about 10,000 characters, no full stop
    spans = sentence_spans(words)
    joined = " ".join(words[lo:hi] for lo, hi in spans)
    assert joined == words and len(spans) >= 3
    assert all(words[lo:hi].startswith("word") and words[lo:hi][-1].isdigit() for lo, hi in spans)
