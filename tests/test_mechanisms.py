"""Recurring named mechanisms: names, editions, the ``mechanisms`` stage and series with gaps."""

from __future__ import annotations


import pytest

from communique import registry
from communique.linking.mechanisms import (
    analyse_name,
    find_mechanisms,
    make_mechanisms,
    mechanism_series,
    normalise_mechanism_name,
    run_mechanisms,
)
from communique.nlp.model import load_model
from communique.records import Event

from builders import add_event, parsed_document, sample_article


# phrase -> (mechanism_id, name, edition, frequency, participants)
NAMES = [
    ("The 10th Defense and Security Consultation",
     ("defense-and-security-consultation", "Defense and Security Consultation", 10, None, [])),
    ("Vietnam-China Defense Strategic Dialogue",
     ("defense-strategic-dialogue", "Defense Strategic Dialogue", None, None, ["VNM", "CHN"])),
    ("the sixth Vietnam-China Defence Strategic Dialogue",
     ("defense-strategic-dialogue", "Defense Strategic Dialogue", 6, None, ["VNM", "CHN"])),
    ("the 6th defence strategic dialogue",
     ("defense-strategic-dialogue", "Defense Strategic Dialogue", 6, None, [])),
    ("the annual Munich Security Conference\u2019s Core Group Meeting",
     ("munich-security-conference-core-group-meeting", "Munich Security Conference Core Group Meeting", None,
      "annual", [])),
    ("the 24th edition of the Malabar exercise", ("malabar-exercise", "Malabar Exercise", 24, "annual", [])),
    ("the second round of the China-US strategic dialogue",
     ("strategic-dialogue", "Strategic Dialogue", 2, None, ["CHN", "USA"])),
    ("the Sino-Vietnamese border defence friendship exchange",
     ("border-defense-friendship-exchange", "Border Defense Friendship Exchange", None, None, ["CHN", "VNM"])),
    ("the twenty-first Shangri-La Dialogue", ("shangri-la-dialogue", "Shangri-La Dialogue", 21, "annual", [])),
    ("the fifth India-Japan 2+2 ministerial dialogue", ("2-2-dialogue", "2+2 Dialogue", 5, None, ["IND", "JPN"])),
    ("the 18th ASEAN Defence Ministers' Meeting",
     ("asean-defense-ministers-meeting", "ASEAN Defence Ministers' Meeting", 18, "annual", [])),
    ("the biennial RIMPAC 2024 exercise", ("rimpac", "RIMPAC", None, "biennial", [])),
    ("the 13th round of Corps Commander-level talks",
     ("corps-commander-level-talks", "Corps Commander-level Talks", 13, None, [])),
    ("the first US-South Korea Nuclear Consultative Group meeting",
     ("nuclear-consultative-group-meeting", "Nuclear Consultative Group Meeting", 1, None, ["USA", "KOR"])),
    ("the third yearly Japan-Philippines Vice-Ministerial Strategic Dialogue",
     ("vice-ministerial-strategic-dialogue", "Vice-Ministerial Strategic Dialogue", 3, "annual", ["JPN", "PHL"])),
    # a name counted by the number after it
    ("the Condor 12 naval drills", ("condor-naval-drills", "Condor Naval Drills", 12, None, [])),
    # a code name beside the lower-case head of an exercise, before or after it, in the words of the kind
    ("the Sea Breeze exercise", ("sea-breeze-exercise", "Sea Breeze Exercise", None, None, [])),
    ("drill Sea Breeze", ("sea-breeze-exercise", "Sea Breeze Exercise", None, None, [])),
    ("the second phase of the Sea Breeze drills", ("sea-breeze-exercise", "Sea Breeze Exercise", 2, None, [])),
]


@pytest.mark.parametrize(("text", "expected"), NAMES, ids=[n for n, _ in NAMES])
def test_name_table(text, expected):
    found = analyse_name(text)
    assert (found.mechanism_id, found.name, found.edition, found.frequency, found.participants) == expected


def test_editions_of_one_series_share_an_id():
    ids = {
        normalise_mechanism_name(text)
        for text in (
            "Vietnam-China Defense Strategic Dialogue",
            "the sixth Vietnam-China Defence Strategic Dialogue",
            "the 6th defence strategic dialogue",
            "the seventh Sino-Vietnamese Defense Strategic Dialogue",
        )
    }
    assert ids == {("defense-strategic-dialogue", "Defense Strategic Dialogue")}


@pytest.fixture(scope="module")
def nlp():
    return load_model()








def ref(event: Event):
    return None if event.mechanism is None else (event.mechanism.name, event.mechanism.edition)


def test_stage_is_registered():
    assert registry._FACTORIES["mechanisms"] is make_mechanisms
    assert callable(make_mechanisms({}))


def test_sample_000(nlp, examples):
    doc = sample_article(examples, "000")
    held = add_event(doc, "10th Defense", "held")
    hosted = add_event(doc, "jointly hosted the meeting", "hosted")
    run_mechanisms(doc)
    assert [(m.name, m.edition) for m in doc.mechanisms] == [("Defense and Security Consultation", 10)]
    assert doc.mechanisms[0].participants == ["CHN", "VNM"]
    assert ref(held) == ("Defense and Security Consultation", 10)
    assert held.mechanism.mechanism_id == "defense-and-security-consultation"
    assert hosted.mechanism is None  # "the meeting" names no mechanism


def test_sample_003(nlp, examples):
    doc = sample_article(examples, "003")
    meeting = add_event(doc, "during his meeting", "meeting")
    planned = add_event(doc, "slated for November 4", "leading")
    munich = add_event(doc, "Core Group Meeting", "took")
    replicate = add_event(doc, "replicate the model", "replicate")
    run_mechanisms(doc)
    assert ref(meeting) is None
    assert ref(planned) == ("Defense Strategic Dialogue", 6)
    assert ref(munich) == ("Munich Security Conference Core Group Meeting", None)
    assert ref(replicate) is None  # an "annual ... exchange" as a model is no edition
    series = {m.mechanism_id for m in doc.mechanisms}
    assert series == {"defense-strategic-dialogue", "munich-security-conference-core-group-meeting"}
    sixth = [m for m in doc.mechanisms if m.text == "the sixth dialogue"]
    assert len(sixth) == 1 and sixth[0].name == "Defense Strategic Dialogue" and sixth[0].edition == 6
    assert all(doc.text[m.start : m.end] == m.text for m in doc.mechanisms)


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("The 24th edition of the Malabar exercise began off Sydney on Monday.", "began", ("Malabar Exercise", 24)),
        ("Austin attended the 20th Shangri-La Dialogue in Singapore.", "attended", ("Shangri-La Dialogue", 20)),
        ("India and China held the 13th round of Corps Commander-level talks on Sunday.", "held",
         ("Corps Commander-level Talks", 13)),
        ("Wang, who spoke at the fifth Xiangshan Forum last year, met Austin in Singapore.", "met", None),
        ("The two sides held talks on Monday.", "held", None),
        ("It was the first such exercise between the two navies.", "was", None),
        # a descriptive phrase beside a proper name: the name is the exercise's
        ("The ministers flew to Tromso for the last day of Polar Lance 6, a naval exercise of the three navies.",
         "exercise", ("Polar Lance Exercise", 6)),
        ("The ministers met Sweden's Nils Berg, a veteran of the exercise.", "met", None),
    ],
)
def test_event_links_only_to_its_own_argument(nlp, text, trigger, expected):
    doc = parsed_document(text)
    event = add_event(doc, text[:10], trigger)
    run_mechanisms(doc)
    assert ref(event) == expected


def test_find_mechanisms_on_unseen_names(nlp):
    doc = parsed_document("The third Pakistan-Afghanistan Joint Coordination Committee met in Kabul.")
    found = find_mechanisms(doc)
    assert [(m.mechanism_id, m.edition, m.participants) for m in found] == [
        ("joint-coordination-committee", 3, ["PAK", "AFG"])
    ]


def test_the_number_after_a_name_is_its_edition_unless_it_is_the_year(nlp):
    doc = parsed_document("The navies began the Condor 12 naval drills and the 3-day exercise.", published="2024-05-02")
    assert [(m.mechanism_id, m.edition) for m in find_mechanisms(doc)] == [("condor-naval-drills", 12)]
    doc = parsed_document("The air forces began the Condor 24 air drills.", published="2024-05-02")
    assert [(m.mechanism_id, m.edition) for m in find_mechanisms(doc)] == [("condor-air-drills", None)]


def test_standing_bodies_are_not_mechanisms(nlp):
    doc = parsed_document("The Central Military Commission and the New York Stock Exchange issued statements.")
    assert find_mechanisms(doc) == []


def row(edition, doc_id, date=None, place=None, country=None, participants=()):
    return {
        "mechanism_id": "defense-strategic-dialogue",
        "name": "Defense Strategic Dialogue",
        "edition": edition,
        "doc_id": doc_id,
        "date": date,
        "location_name": place,
        "location_country": country,
        "participants": list(participants),
    }


def test_series_flags_gaps():
    rows = [
        row(6, "a", "2016-11-04", "Beijing", "CHN", ["CHN", "VNM"]),
        row(10, "b", "2021-04-23", "Dongxing", "CHN"),
        row(6, "c", "2016-11-04"),
        row(12, "d"),
        row(None, "e"),
        {"mechanism_id": "shangri-la-dialogue", "name": "Shangri-La Dialogue", "edition": 20, "doc_id": "f"},
    ]
    series = {s["mechanism_id"]: s for s in mechanism_series(rows)}
    dialogue = series["defense-strategic-dialogue"]
    assert dialogue["editions"] == [6, 10, 12]
    assert dialogue["missing_editions"] == [7, 8, 9, 11]
    assert dialogue["gaps"] == ["editions 7-9 not seen", "edition 11 not seen"]
    assert dialogue["dates"] == ["2016-11-04", "2021-04-23"]
    assert dialogue["places"] == ["Beijing, CHN", "Dongxing, CHN"]
    assert dialogue["participants"] == ["CHN", "VNM"]
    assert dialogue["doc_ids"] == ["a", "b", "c", "d", "e"]
    assert series["shangri-la-dialogue"]["gaps"] == []


@pytest.fixture(scope="module")
def coder():
    from communique.api import Communique

    return Communique()


def test_a_meeting_on_the_sidelines_of_a_named_edition_happens_at_that_edition(coder):
    """"On the sidelines of the conference", after the article named "the 12th Conference of ...":
    the bilateral meeting carries the edition, and stays its own event."""
    doc = coder.code_text("TALLINN, May 4 -- Defence ministers from Estonia, Latvia and Lithuania attended the 12th "
                          "Conference of Baltic Defence Ministers in Tallinn on Monday. On the sidelines of the "
                          "conference, Estonian Defence Minister Hanno Pevkur met his Finnish counterpart Antti "
                          "Hakkanen.", published="2021-05-04")
    sideline = [e for e in doc.events if {e.actor.country, e.recipient.country} == {"EST", "FIN"}]
    assert len(sideline) == 1
    assert ref(sideline[0]) == ("Conference of Baltic Defense Ministers", 12)
    assert any(e.sentence_index == 0 and ref(e) == ref(sideline[0]) for e in doc.events)


def test_a_name_completed_by_its_of_part_is_the_whole_name(nlp):
    doc = parsed_document("The 9th Conference of Defence Ministers of the Andes opened in Quito.")
    assert [(m.name, m.edition) for m in find_mechanisms(doc)] == [("Conference of Defense Ministers of the Andes", 9)]


def test_one_article_s_two_names_for_one_edition_are_one_mechanism(nlp):
    doc = parsed_document("Norway and Denmark began their third joint naval exercise on Monday. "
                          "The third joint naval drill will last a week, the ministry said.")
    assert {(m.mechanism_id, m.edition) for m in find_mechanisms(doc)} == {("joint-naval-exercise", 3)}


def test_a_leaders_retreat_is_a_recurring_mechanism_with_editions():
    from communique.api import Communique

    doc = Communique().code_text("The Indonesian president arrived in Singapore on Thursday for the 12th "
                                 "Indonesia-Singapore Leaders' Retreat.", published="2024-01-12")
    assert [(e.mechanism.name, e.mechanism.edition) for e in doc.events if e.mechanism] == [("Leaders Retreat", 12)]


def test_an_occasion_named_by_a_participle_is_its_mechanism_and_a_later_edition_of_its_kind_is_its_edition():
    """"a joint exercise dubbed 'Desert Falcon 3'": the name given; "code-named Steppe Guard 2024 ... the
    12th edition of the peacekeeping exercise": the named exercise is that edition."""
    from communique.api import Communique

    coder = Communique()
    dubbed = coder.code_text("Egyptian and Sudanese air forces on Wednesday launched a joint military exercise dubbed "
                             "\"Desert Falcon 3\" at an air base in northern Sudan.", published="2021-04-01")
    assert [(e.mechanism.name, e.mechanism.edition) for e in dubbed.events if e.mechanism] == [
        ("Desert Falcon Exercise", 3)]
    later = coder.code_text("The multinational peacekeeping exercise, code-named Steppe Guard 2024, started near the "
                            "Mongolian capital today. Troops from 20 countries are taking part in the 12th edition of "
                            "the peacekeeping exercise.", published="2024-06-10")
    assert {(e.mechanism.name, e.mechanism.edition) for e in later.events if e.mechanism} == {
        ("Steppe Guard Exercise", 12)}


def test_a_description_of_a_code_named_exercise_is_not_a_name():
    """"the Navy exercise": capitalised, but only words that describe an exercise; "the Black Sea
    drills": a sea says where they are, not which."""
    assert not analyse_name("the Navy exercise").capitalised
    assert not analyse_name("the Black Sea drills").capitalised


def test_an_exercise_counted_in_one_place_and_code_named_in_another_is_one_series(nlp):
    """"their second trilateral naval exercise ... The first drill Sea Breeze was held in March": the
    article's one named series of the kind; each description counts one of its editions."""
    doc = parsed_document("Chile, Peru and Ecuador on Monday launched their second trilateral naval exercise. "
                          "The first drill Sea Breeze was held in March this year.")
    assert [(m.name, m.edition) for m in find_mechanisms(doc)] == [
        ("Sea Breeze Exercise", 2), ("Sea Breeze Exercise", 1)]


def test_a_first_exercise_is_an_edition_only_of_a_series_the_article_names(nlp):
    """"their first trilateral exercise" counts the first of the series the article names, which the
    name, given with no count of its own, then is; with no series named it is no edition of anything."""
    named = parsed_document("The ministers praised the Sea Breeze exercise. The three navies "
                            "held their first trilateral exercise in June.")
    assert [(m.name, m.edition) for m in find_mechanisms(named)] == [
        ("Sea Breeze Exercise", 1), ("Sea Breeze Exercise", 1)]
    unnamed = parsed_document("The three navies held their first trilateral exercise in June.")
    assert find_mechanisms(unnamed) == []


def test_a_person_acting_after_an_exercise_noun_is_no_code_name(nlp):
    doc = parsed_document("The exercise Putin ordered began on Monday.")
    assert find_mechanisms(doc) == []


def test_a_code_name_after_a_counted_exercise_is_its_series(nlp):
    """"the 13th edition of their joint military exercise Ekuverin", "their second joint exercise Sea
    Breeze": the count is of the series the code name names."""
    counted = parsed_document("The armies began the 13th edition of their joint military exercise Ekuverin.")
    assert [(m.name, m.edition) for m in find_mechanisms(counted)] == [("Ekuverin Exercise", 13)]
    second = parsed_document("The navies began their second joint exercise Sea Breeze on Monday.")
    assert [(m.name, m.edition) for m in find_mechanisms(second)] == [("Sea Breeze Exercise", 2)]
