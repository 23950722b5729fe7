"""The ``frame`` stage: the occasion an article reports gives its date, place, edition and status
to the events that restate it, and its date and place to the acts said at it."""

from __future__ import annotations

import pytest

from communique import registry
from communique.linking.mechanisms import analyse_name
from communique.pipeline import default_config
from communique.reading.anchors import frame_cues
from communique.reading.frame import Attribute, Frame, Link
from communique.records import ActorRef, Document, Event

from builders import add_event, parsed_document

STAGES = ("mechanisms", "dates", "status", "places", "frame")


def read(doc: Document) -> Document:
    """Run the attribute stages and the frame over a document whose events are placed by hand."""
    for name in STAGES:
        doc = registry.get_stage(name).factory({})(doc)
    return doc


def event(doc: Document, part: str, trigger: str, kind: str, actor: str | None, recipient: str | None,
          rule: str | None = None) -> Event:
    found = add_event(doc, part, trigger)
    found.event_type, found.rule = kind, rule
    found.actor, found.recipient = ActorRef(country=actor), ActorRef(country=recipient)
    return found


def frame_of(doc: Document) -> Frame:
    return doc.annotations["frame"]


# --------------------------------------------------------------------------- the registered stage


def test_the_frame_is_a_declared_stage_between_places_and_merge():
    stages = default_config()["pipeline"]["stages"]
    assert stages.index("places") < stages.index("frame") < stages.index("merge")
    info = registry.get_stage("frame")
    assert "event.date" in info.requires and "event.location" in info.requires
    assert {"doc.frame", "event.date", "event.location", "event.mechanism", "event.status"} <= set(info.assigns)


def test_a_later_stage_order_is_refused():
    with pytest.raises(registry.PipelineError, match="frame"):
        registry.check_order(["parse", "actors", "events", "frame", "dates", "places"])


# --------------------------------------------------------------------------- restating the occasion


OPENING = ("The 9th Chile-Peru Border Security Dialogue opened in Lima on Monday. "
           "The two delegations are headed by the deputy defence ministers of both countries. "
           "At the talks, the Chilean side proposed joint patrols along the border. "
           "Last year the two countries held talks in Santiago.")


@pytest.fixture(scope="module")
def opening() -> Document:
    doc = parsed_document(OPENING, published="2023-03-06")  # a Monday
    event(doc, "delegations are headed", "headed", "CONSULT", "CHL", "PER")
    event(doc, "At the talks", "proposed", "AGREE", "CHL", "PER")
    event(doc, "Last year", "held", "CONSULT", "CHL", "PER")
    return read(doc)


def test_an_event_restating_the_occasion_takes_its_date_place_edition_and_status(opening):
    headed = opening.events[0]
    assert headed.date == "2023-03-06"
    assert headed.location is not None and headed.location.country == "PER"
    assert headed.mechanism is not None and headed.mechanism.edition == 9
    assert headed.status == "ongoing"  # it opened on the day the article appeared


def test_inherited_values_say_which_sentence_they_come_from(opening):
    headed = opening.events[0]
    assert headed.date_reason == "date from the frame: sentence 0 (the main event)"
    assert headed.location_reason == "place from the frame: sentence 0 (the main event)"
    taken = {value.attribute: value for index, value in frame_of(opening).inherited if index == 0}
    assert set(taken) == {Attribute.DATE, Attribute.PLACE, Attribute.MECHANISM, Attribute.STATUS}
    assert all(value.sentence == 0 and value.link is Link.MAIN for value in taken.values())


def test_an_act_at_the_talks_takes_date_and_place_but_not_the_edition(opening):
    proposal = opening.events[1]
    assert proposal.date == "2023-03-06"
    assert proposal.location is not None and proposal.location.country == "PER"
    assert proposal.mechanism is None
    assert proposal.status == "occurred"
    assert "(said at the main event)" in proposal.date_reason


def test_an_earlier_meeting_with_its_own_date_and_place_keeps_them(opening):
    earlier = opening.events[2]
    assert earlier.date == "2022"
    assert earlier.location is not None and earlier.location.name == "Santiago"
    assert earlier.mechanism is None


def test_a_later_act_between_the_two_states_with_no_day_of_its_own_takes_the_place_only():
    doc = parsed_document("The 9th Chile-Peru Border Security Dialogue opened in Lima on Monday. "
                          "The two delegations are headed by the deputy defence ministers. "
                          "Relations have grown for years. Trade rose sharply. "
                          "Peru also offered Chile the use of its naval academy.", published="2023-03-06")
    event(doc, "delegations are headed", "headed", "CONSULT", "CHL", "PER")
    offer = event(doc, "Peru also offered", "offered", "AID", "PER", "CHL")
    read(doc)
    assert offer.location is not None and offer.location.country == "PER"
    assert "(reported with the main event)" in offer.location_reason
    assert offer.mechanism is None and "frame" not in (offer.date_reason or "")


def test_a_later_paragraph_about_another_day_is_not_the_occasion():
    doc = parsed_document("The 9th Chile-Peru Border Security Dialogue opened in Lima on Monday. "
                          "The two delegations are headed by the deputy defence ministers. "
                          "Relations have grown for years. "
                          "On January 3, a Chilean patrol boat detained Peruvian fishermen. "
                          "Peru also protested to Chile over the fishermen.", published="2023-03-06")
    event(doc, "delegations are headed", "headed", "CONSULT", "CHL", "PER")
    protest = event(doc, "Peru also protested", "protested", "ACCUSE", "PER", "CHL")
    read(doc)
    assert protest.date == "2023-01-03"
    assert "frame" not in (protest.location_reason or "")


def test_in_the_area_is_the_place_named_just_before():
    doc = parsed_document("Peru's coast guard began patrols near Chile's southern islands on Friday. "
                          "On Monday, its cutter detained a Chilean trawler in the area.",
                          published="2023-03-06")
    boarding = event(doc, "detained", "detained", "COERCE", "PER", "CHL")
    read(doc)
    assert boarding.location is not None and boarding.location.country == "CHL"
    assert "'in the area'" in boarding.location_reason


def test_a_dialogue_the_lead_names_for_another_day_is_not_the_meeting():
    doc = parsed_document("Chile's defence minister met Peru's deputy defence minister in Santiago on November 2. "
                          "The deputy minister is leading a delegation to the fifth Chile-Peru Defence Dialogue "
                          "slated for November 4. He said the delegation attends the 5th dialogue to expand ties.")
    meeting = event(doc, "met Peru", "met", "CONSULT", "CHL", "PER")
    event(doc, "attends", "attends", "CONSULT", "PER", "CHL")
    read(doc)
    assert meeting.mechanism is None and meeting.status == "occurred"
    assert meeting.date == "XXXX-11-02" and meeting.location.country == "CHL"


def test_a_sentence_opening_on_another_time_is_not_the_occasion():
    doc = parsed_document("Chile and Peru held the 5th Pacific Coast Defence Dialogue in Lima on Friday. "
                          "Earlier, the Chilean minister received Peru's foreign minister.", published="2023-03-10")
    event(doc, "held the 5th", "held", "CONSULT", "CHL", "PER")
    earlier = event(doc, "Earlier", "received", "CONSULT", "CHL", "PER")
    read(doc)
    assert earlier.mechanism is None
    assert "frame" not in (earlier.date_reason or "")


def test_an_unknown_year_stays_unknown():
    doc = parsed_document("Chile and Peru held the 3rd Andean Navy Staff Talks in the city of Lima on June 4. "
                          "The two sides agreed to exchange cadets.")
    event(doc, "held the 3rd", "held", "CONSULT", "CHL", "PER")
    agreed = event(doc, "two sides agreed", "agreed", "AGREE", "CHL", "PER")
    read(doc)
    assert agreed.date == "XXXX-06-04"
    assert agreed.location is not None and agreed.location.country == "PER"


def test_a_meeting_on_the_sidelines_is_another_meeting():
    doc = parsed_document("Chile and Peru held the 5th Pacific Coast Defence Dialogue in Lima on Friday. "
                          "On the sidelines of the dialogue, the Chilean minister met his Peruvian counterpart.",
                          published="2023-03-10")
    event(doc, "held the 5th", "held", "CONSULT", "CHL", "PER")
    sideline = event(doc, "On the sidelines", "met", "CONSULT", "CHL", "PER")
    read(doc)
    assert sideline.mechanism is None
    assert sideline.date == "2023-03-10" and sideline.location.country == "PER"


# --------------------------------------------------------------------------- the lead's time


def test_a_call_named_in_the_lead_dates_the_warning_made_in_it():
    doc = parsed_document("Iceland's foreign minister has cautioned Norway against the quota plan. "
                          "In a phone conversation on Tuesday, the two ministers also reviewed fishing rights.",
                          published="2024-05-09")  # a Thursday
    warned = event(doc, "has cautioned", "cautioned", "THREATEN", "ISL", "NOR")
    read(doc)
    assert warned.date == "2024-05-07"
    assert warned.date_reason == "date from the frame: sentence 1 (the main event)"


def test_a_lead_sentence_telling_the_act_again_dates_it():
    doc = parsed_document("Norway has called in Iceland's ambassador over the quota row. "
                          "In a note issued on Wednesday, the ministry said it called him in to object.",
                          published="2024-05-09")  # a Thursday
    summons = event(doc, "Norway has called", "called", "ACCUSE", "NOR", "ISL", rule="summon-envoy")
    read(doc)
    assert summons.date == "2024-05-08"
    assert summons.date_reason == "date from the frame: sentence 1 (the main event)"


def test_a_weekday_ahead_named_on_that_weekday_is_the_publication_day():
    from communique.time.dates import resolve_date

    assert resolve_date("on Monday", "2023-03-06", future=True).iso == "2023-03-06"  # a Monday
    assert resolve_date("on Friday", "2023-03-06", future=True).iso == "2023-03-10"
    assert resolve_date("next Monday", "2023-03-06", future=True).iso == "2023-03-13"


def test_a_present_perfect_alone_is_not_dated_to_the_publication_day():
    doc = parsed_document("Norway has summoned Iceland's ambassador over the fishing dispute.", published="2024-05-09")
    summons = event(doc, "has summoned", "summoned", "ACCUSE", "NOR", "ISL", rule="summon-envoy")
    read(doc)
    assert summons.date is None


# --------------------------------------------------------------------------- places by the nature of the act


def test_a_summons_takes_place_where_the_summoning_state_sits():
    doc = parsed_document("Norway summoned the Icelandic envoy, objecting to a ruling that lets whalers "
                          "dock in Reykjavik.", published="2024-05-09")
    summons = event(doc, "Norway summoned", "summoned", "ACCUSE", "NOR", "ISL", rule="summon-envoy")
    read(doc)
    assert summons.location is not None and summons.location.country == "NOR"


def test_a_place_in_another_clause_is_not_the_events_place():
    doc = parsed_document("The ministers agreed to expand the drills, agreed upon by the presidents at a summit "
                          "in Oslo last year.", published="2024-05-09")
    agreed = event(doc, "ministers agreed", "agreed", "AGREE", "NOR", "ISL")
    read(doc)
    assert agreed.location is None or agreed.location.country != "NOR"
    assert agreed.date is None or not agreed.date.startswith("2023")


# --------------------------------------------------------------------------- status and editions


@pytest.mark.parametrize("published, expected", [("2023-03-06", "ongoing"), ("2023-03-09", "occurred")])
def test_an_exercise_begun_on_the_publication_day_is_under_way(published, expected):
    doc = parsed_document("Chilean and Peruvian warships began joint drills on Monday.", published=published)
    drill = event(doc, "began", "began", "COOPERATE", "CHL", "PER")
    read(doc)
    assert drill.status == expected


def test_a_launched_missile_is_not_under_way():
    doc = parsed_document("The army launched a missile toward the border on Monday.", published="2023-03-06")
    launch = event(doc, "launched", "launched", "THREATEN", "PRK", "KOR")
    read(doc)
    assert launch.status == "occurred"


def test_its_nth_edition_counts_the_occasion_named_in_the_lead():
    doc = parsed_document("Chile and Peru began the Sea Guard naval exercise off Arica on Monday. "
                          "The exercise, now in its 24th edition, runs until Friday.", published="2023-03-06")
    drill = event(doc, "began", "began", "COOPERATE", "CHL", "PER")
    read(doc)
    assert drill.mechanism is not None and drill.mechanism.edition == 24
    assert "Sea Guard" in drill.mechanism.name


def test_an_edition_stated_just_after_the_lead_counts_the_occasion():
    doc = parsed_document("Chilean and Peruvian warships began joint drills off Arica on Monday. "
                          "Ten ships take part. Officers of both navies command the drills. "
                          "The 12th naval drill marks a treaty anniversary.", published="2023-03-06")
    drill = event(doc, "began", "began", "COOPERATE", "CHL", "PER")
    read(doc)
    assert drill.mechanism is not None and drill.mechanism.edition == 12


def test_a_first_meeting_counts_no_series():
    doc = parsed_document("The Chilean and Peruvian ministers held their first meeting in Lima on Monday.",
                          published="2023-03-06")
    meeting = event(doc, "held", "held", "CONSULT", "CHL", "PER")
    read(doc)
    assert meeting.mechanism is None


def test_an_inaugural_meeting_is_the_first_edition():
    assert analyse_name("the inaugural Chile-Peru Coast Guard Forum").edition == 1


@pytest.mark.parametrize("text", ["At their bilateral meeting, the sides agreed.", "during the talks",
                                  "On the sidelines of the 5th summit", "In parallel to the conference",
                                  "during a phone call on Friday"])
def test_phrases_that_place_a_statement_at_the_occasion(text):
    assert frame_cues().anchor.search(text)


def test_an_article_with_no_event_in_its_lead_has_no_frame():
    doc = parsed_document("Relations have grown in recent years. Trade doubled. "
                          "Analysts expect more. Later, Chile and Peru held talks.")
    event(doc, "held talks", "held", "CONSULT", "CHL", "PER")
    read(doc)
    assert "frame" not in doc.annotations


def test_a_place_and_full_date_before_a_colon_is_the_dateline():
    from communique.ingest.metadata import split_metadata

    meta, body = split_metadata("Santiago, March 6, 2023: The ministers met at the port.")
    assert (meta.dateline_place, meta.dateline_date, body) == ("Santiago", "March 6, 2023", "The ministers met at the port.")
    meta, body = split_metadata("On Monday, March 6, 2023: the ministers met.")
    assert meta.dateline_place is None and body.startswith("On Monday")


def test_a_visit_whose_host_the_words_leave_unresolved_is_to_the_state_it_took_place_in():
    """"A Togolese delegation visited him in Accra": the visit is to Ghana."""
    from communique.api import Communique
    from communique.records import ResolutionKind

    doc = Communique().code_text("A delegation of the Togolese Armed Forces visited him in Accra on Monday.",
                                 published="2021-06-29")
    visit = next(e for e in doc.events if e.cameo.startswith("042"))
    assert (visit.actor.country, visit.recipient.country) == ("TGO", "GHA")
    assert any(r.kind is ResolutionKind.HOST for ev in visit.evidence for r in ev.resolutions)


def test_another_act_of_the_kind_between_other_people_lends_the_occasion_no_date():
    """"In early April, the presidents had a phone call" between two reports of the defence
    ministers' call: its date is the presidents' call's, not the ministers'."""
    from communique.api import Communique

    doc = Communique().code_text(
        "Chile's Defence Minister Ana Soto spoke with her Peruvian counterpart Luis Vega by phone. In early April, "
        "Chilean President Pedro Rojas and Peruvian President Maria Flores had a phone call. Ana Soto and Luis Vega "
        "had a video call.", published="2024-04-17")
    dates = {e.actor.name: e.date for e in doc.events}
    assert dates == {"Ana Soto": None, "Pedro Rojas": "2024-04"}
