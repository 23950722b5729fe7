"""Whole made-up articles of the kinds the coder reads, each with what a careful annotator would list.

Each article exercises several readings at once (who the parties are across sentences, which day
belongs to which act, what is planned); the assertions name the events that must be there and
the mistakes that must not come back.
"""

from __future__ import annotations

import pytest

from communique.api import Communique


@pytest.fixture(scope="module")
def coder() -> Communique:
    return Communique()


def listed(doc) -> set[tuple]:
    return {(e.event_type, e.actor.country, e.recipient.country, e.status, e.date) for e in doc.events}


EXPULSION = (
    "VILNIUS - Lithuania on Tuesday declared a Russian diplomat persona non grata and gave him five days to leave "
    "the country, accusing him of activities incompatible with his diplomatic status.\n\n"
    "Foreign Minister Gabrielius Landsbergis said the decision was made after consultations with Lithuania's "
    "allies. Moscow vowed to respond in kind.")


def test_an_expulsion_article_lists_the_expulsion_the_charge_and_the_vowed_response(coder):
    doc = coder.code_text(EXPULSION, published="2022-04-06")
    assert {("SANCTION", "LTU", "RUS", "occurred", "2022-04-05"), ("ACCUSE", "LTU", "RUS", "occurred", "2022-04-05"),
            ("THREATEN", "RUS", "LTU", "occurred", "2022-04-05")} <= listed(doc)
    assert not [e for e in doc.events if e.event_type == "AGREE"], "a vow to retaliate is no promise"


DIALOGUE = (
    "JAKARTA, May 17 - Indonesian and Australian defence officials met in Jakarta on Wednesday for the fourth round "
    "of their Maritime Security Dialogue, focusing on illegal fishing.\n\n"
    "Both sides agreed to expand joint patrols in the Timor Sea and to hold a tabletop exercise later this year, "
    "according to a statement from Indonesia's defence ministry.\n\n"
    "Ward said Canberra would provide two patrol boats to the Indonesian navy.")


def test_a_dialogue_article_dates_the_agreement_at_the_meeting_not_at_the_exercise_it_plans(coder):
    doc = coder.code_text(DIALOGUE, published="2023-05-18")
    meeting = next(e for e in doc.events if e.event_type == "CONSULT")
    assert (meeting.date, meeting.mechanism.edition) == ("2023-05-17", 4)
    agreed = next(e for e in doc.events if e.event_type == "AGREE" and e.cameo == "030")
    assert (agreed.date, agreed.status) == ("2023-05-17", "occurred")
    assert any(e.cameo.startswith("033") and e.recipient.country == "IDN" for e in doc.events), \
        "the boats promised are an intent to give military aid"


SUMMONS = (
    "BEIJING, Nov. 13 -- Chinese Vice Foreign Minister Sun Weidong on Thursday summoned Japanese Ambassador to China "
    "Kenji Kanasugi and lodged solemn representations over the Japanese prime minister's recent remarks on Taiwan.\n\n"
    "Sun urged Japan to retract the remarks immediately.\n\n"
    "Japan's Chief Cabinet Secretary said Tokyo had lodged a protest in return.")


def test_a_summons_article_keeps_its_two_states_and_the_topic_out_of_the_parties(coder):
    doc = coder.code_text(SUMMONS, published="2025-11-14")
    assert {("ACCUSE", "CHN", "JPN", "occurred", "2025-11-13"), ("REQUEST", "CHN", "JPN", "occurred", "2025-11-13"),
            ("ACCUSE", "JPN", "CHN", "occurred", "2025-11-13")} <= listed(doc)
    assert all("TWN" not in (e.actor.country, e.recipient.country) for e in doc.events)


RECEPTION = (
    "Hanoi - Deputy Minister of National Defence Senior Lieutenant General Hoang Xuan Chien received a delegation "
    "of the Cambodian Ministry of National Defence led by General Neang Phat, Secretary of State, in Hanoi on "
    "June 20.\n\n"
    "The two sides agreed to continue coordinating in border management and to implement the protocol on border "
    "defence cooperation signed in 2019.\n\n"
    "Phat thanked Vietnam for its support in training Cambodian officers.")


def test_a_reception_article_dates_its_acts_by_the_reception_not_by_the_protocols_history(coder):
    doc = coder.code_text(RECEPTION, published="2022-06-21")
    received = next(e for e in doc.events if e.event_type == "CONSULT")
    assert (received.actor.country, received.recipient.country, received.date) == ("VNM", "KHM", "2022-06-20")
    assert all(e.date != "2019" for e in doc.events)


FIVE_OUTLETS = {
    "andes": ("Andes Daily", "2024-03-12",
              "SANTIAGO, March 11 — Chile's foreign ministry summoned Peru's ambassador on Monday to protest the "
              "detention of two Chilean fishermen by the Peruvian navy.\n\nThe ministry said the fishermen were "
              "seized in Chilean waters."),
    "wire": ("Pacific Wire", "2024-03-11",
             "Chile on Monday summoned the Peruvian ambassador in Santiago over the arrest of two fishermen, the "
             "foreign ministry said in a statement.\n\nRelations between the neighbours have been tense over "
             "fishing rights."),
    "herald": ("Lima Herald", "2024-03-13",
               "Peru's ambassador to Chile was summoned to the Chilean foreign ministry on March 11, Peruvian "
               "officials confirmed on Wednesday.\n\nThe Peruvian navy detained two Chilean fishing boats last "
               "week."),
    "post": ("Southern Post", "2024-03-12",
             "The Chilean government yesterday summoned the Peruvian ambassador to lodge a formal protest over "
             "the detention of two fishermen."),
    "review": ("Global Affairs Review", "2024-03-15",
               "Tensions between Chile and Peru rose this week after Santiago summoned Lima's ambassador to protest "
               "the arrest of two Chilean fishermen by Peru's navy."),
}


def test_one_summons_told_five_ways_by_five_outlets_is_one_event_with_five_sources(coder, tmp_path):
    """A dateline and a weekday, a weekday alone, a date in the passive told by the envoy's own side,
    "yesterday", and "this week" with no day: one summons of Chile's, five sources."""
    from communique.records import Document
    from communique.store import Store

    docs = [Document(doc_id=doc_id, text=text, content_hash=doc_id, source=outlet, published=published)
            for doc_id, (outlet, published, text) in FIVE_OUTLETS.items()]
    with Store(tmp_path / "five.duckdb") as store:
        store.write(list(coder.code_documents(docs)))
        summons = [e for e in store.linked_events() if e["event_type"] == "ACCUSE"]
    assert [(e["actor"]["country"], e["recipient"]["country"], e["date"], e["num_sources"]) for e in summons] == [
        ("CHL", "PER", "2024-03-11", 5)]
