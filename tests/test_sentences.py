from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimlint.sentences import split_sentences


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text, 0, len(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("One. Two! Three? Four", ["One.", "Two!", "Three?", "Four"], id="terminators"),
        pytest.param("It works!!! Really?! Yes.", ["It works!!!", "Really?!", "Yes."], id="repeated-terminators"),
        pytest.param("Wait... What now?", ["Wait...", "What now?"], id="ellipsis-then-capital"),
        pytest.param("Use it daily. it helps.", ["Use it daily. it helps."], id="lowercase-does-not-split"),
        pytest.param("Take 2. 400 mg is fine.", ["Take 2.", "400 mg is fine."], id="digit-starts-sentence"),
        pytest.param('He said "Stop." Then he left.', ['He said "Stop."', "Then he left."], id="closing-quote"),
        pytest.param("(See below.) Next one.", ["(See below.)", "Next one."], id="closing-bracket"),
        pytest.param('Done. "Quoted start" here.', ["Done.", '"Quoted start" here.'], id="opening-quote"),
        pytest.param("Done. (Aside) here.", ["Done.", "(Aside) here."], id="opening-bracket"),
        pytest.param("Fin. \u00c9t\u00e9 arrive.", ["Fin.", "\u00c9t\u00e9 arrive."], id="non-ascii-capital"),
        pytest.param("Fin. \u00e9t\u00e9 arrive.", ["Fin. \u00e9t\u00e9 arrive."], id="non-ascii-lowercase"),
        pytest.param("Ask Dr. Smith today.", ["Ask Dr. Smith today."], id="dr"),
        pytest.param("Mr. Jones and Mrs. Jones met Ms. Lee.", ["Mr. Jones and Mrs. Jones met Ms. Lee."], id="titles"),
        pytest.param("Prof. Lee and St. John agree.", ["Prof. Lee and St. John agree."], id="prof-st"),
        pytest.param("Minerals, e.g. Magnesium, help.", ["Minerals, e.g. Magnesium, help."], id="e.g."),
        pytest.param("One mineral, i.e. Zinc, helps.", ["One mineral, i.e. Zinc, helps."], id="i.e."),
        pytest.param("Drug vs. Placebo results.", ["Drug vs. Placebo results."], id="vs"),
        pytest.param("Smith et al. Reported it.", ["Smith et al. Reported it."], id="et-al"),
        pytest.param("Fish, nuts, etc. and more.", ["Fish, nuts, etc. and more."], id="etc-lowercase"),
        pytest.param("Fish, nuts, etc. The end.", ["Fish, nuts, etc.", "The end."], id="etc-capital-splits"),
        pytest.param("Approved in the U.S. Food markets.", ["Approved in the U.S. Food markets."], id="u.s."),
        pytest.param("Sold in the U.K. Stores too.", ["Sold in the U.K. Stores too."], id="u.k."),
        pytest.param("See Fig. 3 for data.", ["See Fig. 3 for data."], id="fig"),
        pytest.param("Item No. 5 works.", ["Item No. 5 works."], id="no-before-number"),
        pytest.param("No. That is wrong.", ["No.", "That is wrong."], id="no-as-a-word"),
        pytest.param("Use approx. 5 mg.", ["Use approx. 5 mg."], id="approx"),
        pytest.param("Compare cf. Table 2.", ["Compare cf. Table 2."], id="cf"),
        pytest.param("Acme Inc. Makes it. Foo Ltd. Sells it.", ["Acme Inc. Makes it.", "Foo Ltd. Sells it."], id="inc-ltd"),
        pytest.param("Bob Jr. And Bob Sr. Agree.", ["Bob Jr. And Bob Sr. Agree."], id="jr-sr"),
        pytest.param("Since Jan. 2020 and Dec. 2021.", ["Since Jan. 2020 and Dec. 2021."], id="months"),
        pytest.param("Per J. Smith it works.", ["Per J. Smith it works."], id="initial"),
        pytest.param("John F. Kennedy spoke.", ["John F. Kennedy spoke."], id="middle-initial"),
        pytest.param("Rich in vitamin D. Take it daily.", ["Rich in vitamin D.", "Take it daily."], id="vitamin-letter-ends"),
        pytest.param("Take 3.5 mg. Then rest.", ["Take 3.5 mg.", "Then rest."], id="decimal"),
        pytest.param("At 0.1-4 Hz. Then stop.", ["At 0.1-4 Hz.", "Then stop."], id="decimal-range"),
        pytest.param("See pmc.ncbi.nlm.nih.gov for it.", ["See pmc.ncbi.nlm.nih.gov for it."], id="domain"),
        pytest.param("Visit example.com/x. Then buy.", ["Visit example.com/x.", "Then buy."], id="url-then-sentence"),
        pytest.param("Note: This is key. Yes.", ["Note: This is key.", "Yes."], id="colon-no-split"),
        pytest.param("Benefits:\n- Sleep\n- Calm", ["Benefits:", "- Sleep", "- Calm"], id="bullet-lines"),
        pytest.param("Steps\n1. Mix\n2) Drink", ["Steps", "1. Mix", "2) Drink"], id="numbered-lines"),
        pytest.param("1. Mix well. Then drink.", ["1. Mix well.", "Then drink."], id="leading-number-marker"),
        pytest.param("Plain\nwrapped line.", ["Plain\nwrapped line."], id="soft-wrap-no-split"),
        pytest.param("First part\n\nSecond part", ["First part", "Second part"], id="blank-line"),
        pytest.param("  Padded.   Next.  ", ["Padded.", "Next."], id="trimmed"),
        pytest.param("   ", [], id="whitespace-only"),
        pytest.param("", [], id="empty"),
    ],
)
def test_split(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_offsets_are_absolute() -> None:
    text = "xx\n\nOne. Two.\n\nyy"
    assert split_sentences(text, 4, 13) == [(4, 8), (9, 13)]


def test_long_run_is_linear() -> None:
    # A huge token without spaces before a full stop must not be rescanned
    # for every candidate.
    text = ("a" * 200_000 + ". B ") * 5
    assert len(split_sentences(text, 0, len(text))) == 6


@given(st.text(alphabet=st.sampled_from(list("aB1. !?\n\"')(-:")), max_size=60))
def test_spans_are_trimmed_ordered_and_cover_the_text(text: str) -> None:
    spans = split_sentences(text, 0, len(text))
    prev_end = 0
    for s, e in spans:
        assert prev_end <= s < e <= len(text)
        assert text[s:e] == text[s:e].strip()
        prev_end = e
    # Every non-space character is inside exactly one sentence.
    covered = sum(text[s:e].count(c) for s, e in spans for c in "aB1")
    assert covered == sum(text.count(c) for c in "aB1")
