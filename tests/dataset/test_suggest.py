"""'Did you mean ...?' in a large vocabulary: the trigram index must find what a full comparison
finds, though it compares the word only with the few names sharing its rarer trigrams."""

from __future__ import annotations

import difflib

from actorgraph.dataset.suggest import RARE, SCAN_AT_MOST, closest, hint, offer

# Names that start as the words below do ("  a", " ab" become trigrams too common to say
# anything) and numbered groups: a vocabulary big enough to be searched through the index.
FILLER = tuple(f"ab{i:03d}" for i in range(100)) + tuple(f"group-{i:05d}" for i in range(1000))


def test_a_large_vocabulary_is_searched_through_the_index_with_the_same_answers() -> None:
    """A typo in a map of a thousand names gets the name meant, as difflib over every name would
    give it; names are split into trigrams whatever their case."""
    assert len(FILLER) > SCAN_AT_MOST
    assert closest("Grup-00042", FILLER) == difflib.get_close_matches("Grup-00042", FILLER, n=1) == ["group-00042"]
    assert closest("GROUP-00042", [n.upper() for n in FILLER]) == ["GROUP-00042"]
    assert hint("grop-00977", FILLER) == " (did you mean 'group-00977'?)"
    assert hint("nothing like any", FILLER) == ""  # too many to list


def test_a_name_sharing_only_three_letter_runs_with_the_word_is_still_found() -> None:
    """Trigrams, not longer grams: 'xabcydefz' has only 'abc' and 'def' in common with the name
    it is close to (difflib's ratio 0.67), and no four letters in a row."""
    names = (*FILLER, "qabcrdefs")
    assert closest("xabcydefz", names) == difflib.get_close_matches("xabcydefz", names, n=1) == ["qabcrdefs"]


def test_a_name_sharing_only_its_last_two_letters_as_a_run_is_still_found() -> None:
    """The last trigram (two letters and the end of the word) counts: 'abycdyefygh' shares with
    'abxcdxefxgh' only runs of two letters, the last pair among them, and its opening 'ab', which a
    hundred names share."""
    names = (*FILLER, "abxcdxefxgh")
    assert closest("abycdyefygh", names) == ["abxcdxefxgh"]


def test_a_trigram_shared_by_as_many_names_as_the_index_keeps_still_finds_the_name() -> None:
    """A trigram is dropped only when more than RARE names share it: at exactly RARE it still
    leads to the name ('abcx' to 'abcd', 'abc' being all they share beyond the common 'ab')."""
    shared = ("abcd", *(f"q{i:02d}abc" for i in range(RARE - 1)))
    names = (*shared, *FILLER)
    assert sum("abc" in n for n in names) == RARE
    assert closest("abcx", names) == ["abcd"]


def test_names_found_another_way_are_offered_one_or_several() -> None:
    assert offer(["Alpha Front"]) == "did you mean 'Alpha Front'?"
    assert offer(["Alpha Front", "Alpha Brigade"]) == "did you mean one of: 'Alpha Front', 'Alpha Brigade'?"
