"""Event dates: finding date mentions, resolving them, and dating events from their context."""

from __future__ import annotations

from pathlib import Path

import pytest

from communique.nlp.clauses import in_other_clause
from communique.nlp.model import load_model
from communique.records import Document, Event, Evidence, Sentence, Trigger
from communique.time.dates import DateValue, find_date_mentions, resolve_date
from communique.time.stage import make_dates, make_status
from communique.time.vocab import VocabularyError, load_date_words

# phrase, publication date, future context, anchor (last stated date), expected (iso, precision, end)
RESOLVE_TABLE = [
    ("April 23", "2021-04-23", False, None, ("2021-04-23", "day", None)),
    ("Apr. 23", "2021-04-23", False, None, ("2021-04-23", "day", None)),
    ("April 23, 2021", None, False, None, ("2021-04-23", "day", None)),
    ("23 April", "2021-05-01", False, None, ("2021-04-23", "day", None)),
    ("23 April 2021", None, False, None, ("2021-04-23", "day", None)),
    ("2021-04-23", None, False, None, ("2021-04-23", "day", None)),
    ("November 2", None, False, None, ("XXXX-11-02", "day", None)),
    ("on November 2", None, False, None, ("XXXX-11-02", "day", None)),
    ("November 4", "2016-10-20", True, None, ("2016-11-04", "day", None)),
    ("December 30", "2021-01-05", False, None, ("2020-12-30", "day", None)),
    ("Jan. 3", "2020-12-28", True, None, ("2021-01-03", "day", None)),
    ("Sept. 5, 2020", None, False, None, ("2020-09-05", "day", None)),
    ("Monday, Nov. 2, 2020", None, False, None, ("2020-11-02", "day", None)),
    ("the 23rd of April", "2021-04-25", False, None, ("2021-04-23", "day", None)),
    ("2 February", "2021-04-23", False, None, ("2021-02-02", "day", None)),
    ("Monday", "2021-04-23", False, None, ("2021-04-19", "day", None)),
    ("on Monday", "2021-04-23", True, None, ("2021-04-26", "day", None)),
    ("Friday", "2021-04-23", False, None, ("2021-04-23", "day", None)),
    ("last Friday", "2021-04-23", False, None, ("2021-04-16", "day", None)),
    ("next Tuesday", "2021-04-23", False, None, ("2021-04-27", "day", None)),
    ("Tuesday morning", "2021-04-23", False, None, ("2021-04-20", "day", None)),
    ("yesterday", "2021-04-23", False, None, ("2021-04-22", "day", None)),
    ("today", "2021-04-23", False, None, ("2021-04-23", "day", None)),
    ("tomorrow", "2021-04-23", True, None, ("2021-04-24", "day", None)),
    ("last night", "2021-03-01", False, None, ("2021-02-28", "day", None)),
    ("last week", "2021-04-23", False, None, ("2021-04-12", "day", "2021-04-18")),
    ("next week", "2021-04-23", True, None, ("2021-04-26", "day", "2021-05-02")),
    ("earlier this week", "2021-04-23", False, None, ("2021-04-19", "day", "2021-04-23")),
    ("this weekend", "2021-04-21", True, None, ("2021-04-24", "day", "2021-04-25")),
    ("last month", "2021-01-15", False, None, ("2020-12", "month", None)),
    ("earlier this month", "2021-04-23", False, None, ("2021-04", "month", None)),
    ("next month", "2021-12-10", True, None, ("2022-01", "month", None)),
    ("last year", "2021-04-23", False, None, ("2020", "year", None)),
    ("earlier this year", "2021-04-23", False, None, ("2021", "year", None)),
    ("three days ago", "2021-04-23", False, None, ("2021-04-20", "day", None)),
    ("two weeks ago", "2021-04-23", False, None, ("2021-04-09", "day", None)),
    ("a fortnight ago", "2021-04-23", False, None, ("2021-04-09", "day", None)),
    ("in April", "2021-10-01", False, None, ("2021-04", "month", None)),
    ("late April", "2021-05-10", False, None, ("2021-04", "month", None)),
    ("in March", None, False, None, ("XXXX-03", "month", None)),
    ("April 2021", None, False, None, ("2021-04", "month", None)),
    ("in 2019", None, False, None, ("2019", "year", None)),
    ("mid-2020", None, False, None, ("2020", "year", None)),
    ("on the 10th", "2021-04-23", False, None, ("2021-04-10", "day", None)),
    ("the 10th", None, False, "XXXX-11-02", ("XXXX-11-10", "day", None)),
    ("from February 27 to March 2", "2021-03-10", False, None, ("2021-02-27", "day", "2021-03-02")),
    ("Feb 27-March 2", "2021-01-10", True, None, ("2021-02-27", "day", "2021-03-02")),
    ("between 3 and 5 May", "2021-04-01", True, None, ("2021-05-03", "day", "2021-05-05")),
    ("May 3-5, 2022", None, False, None, ("2022-05-03", "day", "2022-05-05")),
    ("from December 30 to January 2", "2021-01-05", False, None, ("2020-12-30", "day", "2021-01-02")),
    ("27 February to 2 March 2021", None, False, None, ("2021-02-27", "day", "2021-03-02")),
    ("Nov. 2-4", None, False, None, ("XXXX-11-02", "day", "XXXX-11-04")),
    ("The same day", None, False, "XXXX-11-02", ("XXXX-11-02", "day", None)),
    ("earlier the same day", "2021-04-23", False, "2021-04-20", ("2021-04-20", "day", None)),
    ("the following day", "2021-04-23", False, "2021-04-20", ("2021-04-21", "day", None)),
    ("a day earlier", None, False, "XXXX-12-01", ("XXXX-11-30", "day", None)),
    # Unanchored: a date phrase, but nothing to resolve it against.
    ("the previous day", None, False, "XXXX-03-01", (None, None, None)),  # leap year unknown
    ("on Monday", None, False, None, (None, None, None)),
    ("yesterday", None, False, None, (None, None, None)),
    ("last week", None, False, None, (None, None, None)),
    ("the same day", "2021-04-23", False, None, (None, None, None)),
]


@pytest.mark.parametrize("phrase, published, future, anchor, expected", RESOLVE_TABLE)
def test_resolve_date(phrase, published, future, anchor, expected):
    value = resolve_date(phrase, published, future=future, anchor=anchor)
    assert value is not None
    assert (value.iso, value.precision, value.end) == expected
    assert value.raw == phrase


def test_a_month_of_the_reports_year_or_the_one_before_or_after_takes_that_year():
    assert [resolve_date(p, "2024-11-14").iso for p in ("June this year", "in late June this year",
                                                        "March 3 last year", "the 5th of May next year")] == \
        ["2024-06", "2024-06", "2023-03-03", "2025-05-05"]
    assert resolve_date("June this year", None).iso == "XXXX-06"
    assert find_date_mentions("It was held in June this year.") == [(15, 29, "June this year")]


def test_a_month_or_day_told_in_the_past_tense_is_not_after_publication():
    """"visited Quito in January", written in October: the January just gone, not the next one,
    however near the next one is; an act planned looks forward, one of no known tense to the nearest."""
    assert resolve_date("in January", "2024-10-16", past=True).iso == "2024-01"
    assert resolve_date("December 20", "2024-01-03", past=True).iso == "2023-12-20"
    assert resolve_date("January 2", "2024-12-28", past=True).iso == "2024-01-02"
    assert resolve_date("in January", "2024-10-16").iso == "2025-01"
    assert resolve_date("in January", "2024-10-16", future=True).iso == "2025-01"


@pytest.mark.parametrize("phrase", [
    "the 10th Defense and Security Consultation", "sixth dialogue", "the 1990s", "Defense Minister", "",
])
def test_resolve_date_rejects_non_dates(phrase):
    assert resolve_date(phrase, "2021-04-23") is None


MENTION_TABLE = [
    ("The 10th Defense and Security Consultation between the two ministries was held in Dongxing city on April 23.",
     ["April 23"]),
    ("BEIJING, Apr. 23 (Xinhua) -- Chinese and Vietnamese officials met in Beijing.", ["Apr. 23"]),
    ("Vinh is leading a delegation to the sixth Defense Strategic Dialogue slated for November 4 in China.",
     ["November 4"]),
    ("Relations have grown steadily since the 1990s and the 2021 agreement.", []),
    ("The sixth dialogue was the 10th such meeting.", []),
    ("The two sides met again on the 10th in Hanoi.", ["the 10th"]),
    ("The exercise will run from February 27 to March 2 off the coast.", ["from February 27 to March 2"]),
    ("Talks were held between 3 and 5 May in Geneva.", ["between 3 and 5 May"]),
    ("The foreign ministry said on Monday that talks would resume next week.", ["Monday", "next week"]),
    ("May I add that the talks, held in May, went well?", ["May"]),
    ("The same day, the delegation also visited the naval academy.", ["The same day"]),
    ("The two countries have held joint patrols since 2019.", ["2019"]),
    ("Officials met on Monday, Nov. 2, 2020, and again two days later.", ["Monday, Nov. 2, 2020"]),
    ("The drills, first held 2021-04-23, ended yesterday.", ["2021-04-23", "yesterday"]),
]


@pytest.mark.parametrize("text, expected", MENTION_TABLE)
def test_find_date_mentions(text, expected):
    found = find_date_mentions(text)
    assert [t for _, _, t in found] == expected
    assert all(text[s:e] == t for s, e, t in found)


# ---------------------------------------------------------------- stage level

@pytest.fixture(scope="module")
def nlp():
    return load_model()


def make_doc(nlp, text: str, triggers: list[str], *, published: str | None = None,
             dateline: str | None = None) -> Document:
    """A parsed document with one event per trigger ("word" or "word@context" to pick an occurrence)."""
    sdoc = nlp(text)
    doc = Document(doc_id="t", text=text, content_hash="t", published=published, dateline_date=dateline)
    doc.annotations["spacy"] = sdoc
    doc.sentences = [Sentence(i, s.start_char, s.end_char, s.text) for i, s in enumerate(sdoc.sents)]
    for number, spec in enumerate(triggers):
        word, _, context = spec.partition("@")
        start = text.index(word, text.index(context) if context else 0)
        index = next(s.index for s in doc.sentences if s.start <= start < s.end)
        sentence = doc.sentences[index]
        doc.events.append(Event(
            event_id=f"t-{number}", doc_id="t", event_type="CONSULT", cameo="040",
            trigger=Trigger(word, start, start + len(word)),
            evidence=[Evidence("t", sentence.text, sentence.start, sentence.end, index)],
            sentence_index=index,
        ))
    return doc


def run_time_stages(doc: Document) -> Document:
    return make_status({})(make_dates({})(doc))


def dates_of(doc: Document) -> list[tuple]:
    return [(e.date, e.date_reason) for e in doc.events]


def test_sample_000_consultation_dated_from_its_sentence(nlp, examples: Path):
    raw = (examples / "000_5d86ad8f59b759c7.txt").read_text(encoding="utf-8")
    text = raw.split("--", 1)[1].strip()  # the body, as left by ingest after the dateline
    doc = run_time_stages(make_doc(nlp, text, ["held", "hosted", "willing"], published="2021-04-23",
                                   dateline="Apr. 23"))
    held, hosted, willing = doc.events
    assert (held.date, held.date_precision, held.date_raw, held.date_reason) == \
        ("2021-04-23", "day", "April 23", "sentence")
    assert hosted.date == "2021-04-23" and hosted.date_reason.startswith("context:")
    assert willing.date == "2021-04-23"
    assert [e.status for e in doc.events] == ["occurred"] * 3


def test_sample_003_without_publication_date_keeps_year_unknown(nlp, examples: Path):
    text = (examples / "003_73568821c3b19598.txt").read_text(encoding="utf-8")
    doc = run_time_stages(make_doc(nlp, text, [
        "meeting@during his meeting", "Dialogue@Strategic Dialogue slated", "took part", "acknowledged",
    ]))
    meeting, dialogue, took_part, acknowledged = doc.events
    assert (meeting.date, meeting.date_reason, meeting.status) == ("XXXX-11-02", "sentence", "occurred")
    assert (dialogue.date, dialogue.date_raw, dialogue.status) == ("XXXX-11-04", "November 4", "planned")
    assert (took_part.date, took_part.date_raw, took_part.status) == ("XXXX-11-02", "The same day", "occurred")
    assert took_part.date_end == "XXXX-11-03"  # "the two-day meeting" in the next sentence
    assert acknowledged.date == "XXXX-11-02"  # context skips the planned dialogue's date


STAGE_TABLE = [
    # text, trigger, published, dateline, expected (date, date_end, reason)
    ("Chinese Foreign Minister Wang Yi met his Russian counterpart Sergei Lavrov in Moscow on Monday.",
     "met", "2024-03-07", None, ("2024-03-04", None, "sentence")),
    ("Xi Jinping will visit Paris on Monday, the foreign ministry said on Friday.",
     "visit", "2024-03-08", None, ("2024-03-11", None, "sentence")),
    ("Xi Jinping will visit Paris on Monday, the foreign ministry said on Friday.",
     "said", "2024-03-08", None, ("2024-03-08", None, "sentence")),
    ("The two leaders spoke by phone on Tuesday.",
     "spoke", None, None, (None, None, "relative date, no publication date")),
    ("The two navies held a joint drill in the Gulf of Tonkin on December 30.",
     "held", "2021-01-04", None, ("2020-12-30", None, "sentence")),
    ("Japan and India held talks in Tokyo on March 3, 2023. The ministers also signed an agreement on defence "
     "equipment.", "signed", None, None, ("2023-03-03", None, "context:sentence 0")),
    ("Both sides exchanged views on regional security.",
     "exchanged", "2021-04-24", "Apr. 23", ("2021-04-23", None, "dateline")),
    # a dateline on the day of publication dates no more than the publication does
    ("Both sides exchanged views on regional security.",
     "exchanged", "2021-04-23", "Apr. 23", (None, None, "none")),
    ("China and Vietnam are holding talks in Hanoi on maritime issues.",
     "holding", "2024-05-02", None, ("2024-05-02", None, "published:today")),
    ("China and Vietnam held talks in Hanoi on maritime issues.",
     "held", "2024-05-02", None, (None, None, "none")),
    ("The two countries, partners since 2006, signed a trade deal.",
     "signed", "2024-05-02", None, (None, None, "none")),
    ("The navies of Thailand and Cambodia will hold a joint patrol from February 27 to March 2.",
     "hold", "2024-02-01", None, ("2024-02-27", "2024-03-02", "sentence")),
    ("Defence officials of the two countries opened a two-day meeting in Manila on May 3.",
     "meeting", "2024-05-03", None, ("2024-05-03", "2024-05-04", "sentence")),
    ("Vietnam's Defence Minister met his Lao counterpart on August 12, 2022. On the 14th, the two sides signed a "
     "protocol.", "signed", None, None, ("2022-08-14", None, "sentence")),
    # the day of the act a complement names is that act's, not the day of agreeing to it
    ("Both navies agreed to hold a joint drill later this year.", "agreed", "2024-05-02", None, (None, None, "none")),
    ("Both navies agreed on Monday to hold a joint drill later this year.",
     "agreed", "2024-05-02", None, ("2024-04-29", None, "sentence")),
    # an act a measure of time puts before the one told is dated from it
    ("Kenya and Somalia agreed on Thursday to restore ties, five months after Mogadishu cut them.",
     "cut", "2021-05-07", None, ("2020-12", None, "sentence")),
    ("Armenian and Azerbaijani forces clashed on Friday. The clashes come a week after the ministers met in Washington.",
     "met", "2023-09-02", None, ("2023-08-25", None, "sentence")),
    # what follows the agent of "a delegation led by X" closes the sentence's own clause
    ("The minister received a delegation led by General Sok, Secretary of State, in Hanoi on June 20.",
     "received", "2022-06-21", None, ("2022-06-20", None, "sentence")),
    # a date describing a thing's history dates no later sentence; a gathering held is the story's
    ("Both sides pledged to implement the protocol signed in 2019. The general thanked his hosts.",
     "thanked", "2022-06-21", None, (None, None, "none")),
    ("The envoys attended a reception held on June 20. The general thanked his hosts.",
     "thanked", "2022-06-21", None, ("2022-06-20", None, "context:sentence 0")),
    ("The premier thanked his guest and invited him to visit Seoul later this year.",
     "thanked", "2024-05-02", None, (None, None, "none")),
    ("Japan and China began operating a defence hotline on Tuesday.",
     "began", "2024-05-02", None, ("2024-04-30", None, "sentence")),
    ("Indonesia said on Tuesday that it summoned the Chinese ambassador on Sunday.",
     "summoned", "2024-06-05", None, ("2024-06-02", None, "sentence")),
    # the clause that says when an activity began dates it, not the verb its noun hangs from
    ("The ministers will fly to Iquique on Thursday for the last day of Trident 7, a naval exercise involving "
     "the Chilean and Peruvian navies that began in the Pacific on Monday.",
     "exercise", "2024-06-04", None, ("2024-06-03", None, "sentence")),
]


@pytest.mark.parametrize("text, trigger, published, dateline, expected", STAGE_TABLE)
def test_dates_stage(nlp, text, trigger, published, dateline, expected):
    doc = make_dates({})(make_doc(nlp, text, [trigger], published=published, dateline=dateline))
    event = doc.events[0]
    assert (event.date, event.date_end, event.date_reason) == expected


def test_a_word_of_another_parse_tree_is_not_in_another_clause_of_the_event(nlp):
    """The climb from a word towards the trigger stops at the root of the word's own tree."""
    sdoc = nlp("The envoys began talks in Lisbon. On Tuesday the ministers spoke.")
    began, tuesday = next(t for t in sdoc if t.text == "began"), next(t for t in sdoc if t.text == "Tuesday")
    assert began.sent != tuesday.sent
    assert in_other_clause(tuesday, began) is False


def test_unresolved_relative_date_keeps_its_text(nlp):
    doc = make_dates({})(make_doc(nlp, "The ministers met in Seoul yesterday.", ["met"]))
    assert (doc.events[0].date, doc.events[0].date_raw) == (None, "yesterday")


def test_date_words_file_errors_name_file_and_line(tmp_path):
    bad = tmp_path / "words.yaml"
    bad.write_text("anaphora:\n  the same day: zero\nnumbers: {}\nnot_event_date_prefixes: []\n")
    with pytest.raises(VocabularyError, match=r"words\.yaml \(line 2\).*the same day"):
        load_date_words(bad)


def test_date_value_defaults():
    assert DateValue("2021-04-23", "day", "April 23").end is None


def test_an_act_said_to_happen_on_a_list_of_days_is_one_event_on_each_day(nlp):
    """ "summoned on 4 and 11 March" tells two summonses; "between 4 and 11 March" one span."""
    listed = make_dates({})(make_doc(nlp, "Chile summoned the Peruvian envoy on 4 and 11 March to protest.",
                                     ["summoned"], published="2024-03-20"))
    assert [(e.date, e.date_end) for e in listed.events] == [("2024-03-04", None), ("2024-03-11", None)]
    assert listed.events[0].trigger == listed.events[1].trigger
    spanned = make_dates({})(make_doc(nlp, "The navies patrolled the strait between 4 and 11 March.",
                                      ["patrolled"], published="2024-03-20"))
    assert [(e.date, e.date_end) for e in spanned.events] == [("2024-03-04", "2024-03-11")]


def test_a_list_of_days_resolves_to_its_first_day_and_the_others():
    assert resolve_date("August 3 and 5, 2022", None) == DateValue("2022-08-03", "day", "August 3 and 5, 2022",
                                                                   also=("2022-08-05",))
