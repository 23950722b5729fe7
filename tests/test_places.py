"""Place mentions and the ``places`` stage, on parsed sentences and the sample articles."""

from __future__ import annotations


import pytest

from communique import registry
from communique.nlp.model import load_model
from communique.place.places import find_place_mentions
from communique.place.stage import REMOTE_REASON, locate_events, make_places
from communique.records import Event

from builders import add_event, parsed_document, sample_article



@pytest.fixture(scope="module")
def nlp():
    return load_model()








def where(event: Event) -> tuple | None:
    loc = event.location
    return None if loc is None else (loc.name, loc.admin1, loc.country)


def test_stage_is_registered():
    assert registry._FACTORIES["places"] is make_places
    assert callable(make_places({}))


def test_sample_000_consultation_and_dateline(nlp, examples):
    doc = sample_article(examples, "000")
    held = add_event(doc, "10th Defense", "held")
    willing = add_event(doc, "The Vietnamese military is willing", "enhancing")
    locate_events(doc)
    assert where(held) == ("Dongxing", "Guangxi", "CHN")
    assert "Dongxing city" in held.location_reason
    assert where(willing) == ("Dongxing", "Guangxi", "CHN")
    assert willing.location_reason.startswith("dateline")


def test_sample_003_events(nlp, examples):
    doc = sample_article(examples, "003")
    meeting = add_event(doc, "during his meeting", "meeting")
    planned = add_event(doc, "slated for November 4", "leading")
    munich = add_event(doc, "Core Group Meeting", "took")
    signed = add_event(doc, "memorandum of understanding", "signed")
    topics = add_event(doc, "Topics of the two-day meeting", "included")
    locate_events(doc)
    assert where(meeting) == ("Beijing", "Beijing", "CHN")
    assert where(planned) == ("China", None, "CHN")
    assert planned.location.feature == "country"
    assert where(munich) == ("Beijing", "Beijing", "CHN")  # not Munich: that is an organisation's name
    assert signed.location is None and "no place" in signed.location_reason
    assert topics.location is None  # "security in the South Pacific" is a topic, not a venue


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("China and Vietnam held talks on Monday.", "held", None),
        ("The two ministers met in Hanoi on Tuesday after a stop in Da Nang.", "met", ("Hanoi", "Hanoi", "VNM")),
        ("Chinese President Xi Jinping visited Moscow last week.", "visited", ("Moscow", "Moscow", "RUS")),
        ("The navy held drills near Scarborough Shoal on Friday.", "held", ("Scarborough Shoal", None, None)),
        ("Wang said security in the South Pacific was discussed.", "said", None),
        ("Leaders gathered in Sochi, Russia, for the summit.", "gathered", ("Sochi", "Krasnodarskiy", "RUS")),
        ("Blinken arrived in Tokyo for talks with his Japanese counterpart.", "arrived", ("Tokyo", "Tokyo", "JPN")),
        # the possessor decides among homonyms: Sierra Leone also has a Southern Province
        ("Rebels attacked a base in Rwanda's Southern Province.", "attacked", ("Southern", "Southern", "RWA")),
        ("Kuwait lifted the ban in the Gulf state on Monday.", "lifted", ("Persian Gulf", None, None)),
    ],
)
def test_place_in_own_sentence(nlp, text, trigger, expected):
    doc = parsed_document(text)
    event = add_event(doc, text[:10], trigger)
    locate_events(doc)
    assert where(event) == expected
    assert event.location_reason


def test_phone_talks_have_no_place(nlp):
    doc = parsed_document("The two presidents held phone talks in Beijing on Monday.", dateline="BEIJING")
    event = add_event(doc, "phone talks", "held", mode="phone")
    locate_events(doc)
    assert event.location is None
    assert event.location_reason == REMOTE_REASON


def test_dateline_is_read_with_the_article_context(nlp):
    doc = parsed_document("The ministers signed an agreement. They met in Vietnam last year.", dateline="WASHINGTON")
    event = add_event(doc, "signed an agreement", "signed")
    locate_events(doc)
    assert where(event) == ("Washington", "Washington, D.C.", "USA")
    assert event.location_reason == "dateline WASHINGTON"


def test_unknown_dateline_gives_no_place_with_reason(nlp):
    doc = parsed_document("The ministers signed an agreement.", dateline="ZZYZXQ")
    event = add_event(doc, "signed", "signed")
    locate_events(doc)
    assert event.location is None and "ZZYZXQ" in event.location_reason


def test_place_chain_is_one_mention(nlp):
    text = "The talks were held in Dongxing city, Guangxi Zhuang Autonomous Region of South China, on April 23."
    mentions = find_place_mentions(nlp(text))
    chain = [m for m in mentions if m.name.startswith("Dongxing")]
    assert len(chain) == 1
    assert chain[0].context == ["Guangxi Zhuang Autonomous Region", "South China"]
    loc = chain[0].location
    assert (loc.name, loc.admin1, loc.country, loc.feature) == ("Dongxing", "Guangxi", "CHN", "city")
    assert text[chain[0].start : chain[0].end] == chain[0].text


def test_lists_of_countries_are_not_chains():
    mentions = find_place_mentions("Vietnam, China and Laos signed the pact.")
    assert [m.location.country for m in mentions] == ["VNM", "CHN", "LAO"]


def test_prepositional_proper_noun_chain_without_place_entity(nlp):
    # the small model tags "Cam Ranh" as a person; after "at" it is read as a place all the same
    mentions = find_place_mentions(nlp("The fleet anchored at Cam Ranh on Friday."))
    assert [(m.location.name, m.location.country) for m in mentions] == [("Cam Ranh", "VNM")]


def test_organisation_after_preposition_is_no_place(nlp):
    mentions = find_place_mentions(nlp("She spoke in the Munich Security Conference debate."))
    assert [m.location for m in mentions if m.location is not None] == []


@pytest.fixture(scope="module")
def coder():
    from communique.api import Communique

    return Communique()


def _coded(coder, text: str, event_type: str) -> Event:
    doc = coder.code_text(text, published="2021-05-04")
    return next(e for e in doc.events if e.event_type == event_type)


def test_an_act_addressed_to_a_foreign_envoy_takes_place_where_the_envoy_is_posted(coder):
    """A protest handed to another state's ambassador is made where the protesting state's government
    sits, whatever city the report was filed from."""
    event = _coded(coder, "PARIS (AP) — Norway protested to the Danish ambassador on Monday over the fishing "
                          "dispute.", "ACCUSE")
    assert where(event) == ("Oslo", "Oslo", "NOR")
    assert event.location_reason.endswith("where the acting state's government sits")


def test_an_incursion_takes_place_in_the_target_state(coder):
    event = _coded(coder, "PARIS (AP) — Norwegian fighter jets violated Swedish airspace on Monday.", "MOBILIZE")
    assert (event.location.name, event.location.country, event.location.feature) == ("Sweden", "SWE", "country")


def test_a_place_the_sentence_names_comes_before_what_the_act_implies(coder):
    event = _coded(coder, "Norwegian fighter jets violated Swedish airspace near Kiruna on Monday.", "MOBILIZE")
    assert where(event)[0] == "Kiruna"
    assert event.location_reason.endswith("in the event's sentence")
