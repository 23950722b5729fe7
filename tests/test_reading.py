"""Reading a whole article: its participants, and event sides resolved across sentences.

The ``references`` stage runs after ``events``. These specifications use made-up articles: each
states what the article-level reading must give a person, a body or an event side that the
sentence it is coded from does not name in full.
"""

from __future__ import annotations

import pytest

from communique.api import Communique
from communique.records import Basis, Document, Event, ResolutionKind
from communique.reading.home import load_home_words, outlet_country
from communique.reading.participants import act_sector, load_act_sectors

HOME = load_home_words()


@pytest.fixture(scope="module")
def coder() -> Communique:
    return Communique()


def sides(doc: Document, plover: str) -> set[tuple[str | None, str | None]]:
    return {(e.actor.country, e.recipient.country) for e in doc.events if e.event_type == plover}


def unordered(doc: Document, plover: str) -> set[frozenset]:
    return {frozenset((e.actor.country, e.recipient.country)) for e in doc.events if e.event_type == plover}


def resolutions(event: Event) -> list:
    return [r for ev in event.evidence for r in ev.resolutions]


def participant(doc: Document, name: str):
    return next(p for p in doc.participants if p.name == name)


# -- the participants registry -------------------------------------------------------------------

def test_an_office_set_beside_a_name_gives_the_person_its_state_and_sector(coder):
    doc = coder.code_text("Chile's Defence Minister, Prince Tomas Varga, arrived in Lima on Monday. "
                          "Prince Tomas held talks with Peruvian officials.")
    varga = participant(doc, "Tomas Varga")
    assert (varga.country, varga.sector) == ("CHL", "MIL")
    assert varga.sector_basis == Basis.OFFICE
    assert varga.first_sentence == 0


def test_each_participant_is_listed_once_with_every_mention(coder):
    doc = coder.code_text("Kenyan Foreign Minister Ruth Achieng met Ugandan Foreign Minister Paul Okello. "
                          "Achieng said the talks were useful.")
    names = [p.name for p in doc.participants if p.kind == "person"]
    assert names.count("Ruth Achieng") == 1
    assert len(participant(doc, "Ruth Achieng").mentions) >= 2


def test_a_body_the_article_never_places_is_of_the_dateline_state(coder):
    doc = coder.code_text("NAIROBI, May 4 (Reuters) - The Ministry of Foreign Affairs summoned the Somali ambassador "
                          "on Monday over a border dispute with Kenya.")
    ministry = next(p for p in doc.participants if p.kind == "organisation" and "Foreign" in p.name)
    assert (ministry.country, ministry.country_basis) == ("KEN", Basis.DATELINE)
    assert sides(doc, "ACCUSE") == {("KEN", "SOM")}


def test_a_dateline_state_the_article_does_not_name_places_no_one(coder):
    doc = coder.code_text("CAIRO, May 4 - House Speaker Ann Miller visited Taiwan on Monday, angering China.")
    miller = participant(doc, "Ann Miller")
    assert miller.country != "EGY"


def test_the_outlet_home_country_comes_from_its_name_or_its_web_address():
    assert outlet_country(Document("d", "", "h", source="Daily Courier Ghana"), HOME) == "GHA"
    assert outlet_country(Document("d", "", "h", source="Wire", url="https://news.example.lk/a"), HOME) == "LKA"
    assert outlet_country(Document("d", "", "h", source="Wire", url="https://example.tv/a"), HOME) is None
    assert outlet_country(Document("d", "", "h", source="Global Wire"), HOME) is None


# -- references resolved against the participants ------------------------------------------------

def test_they_after_two_ministers_is_both_of_them_acting_together(coder):
    doc = coder.code_text("Indonesian Defence Minister Budi Santoso met his Chilean counterpart Ana Rojas in "
                          "Jakarta on Monday. They agreed to expand cooperation in maritime security.")
    agreements = [e for e in doc.events if e.event_type == "AGREE"]
    assert agreements and {frozenset((e.actor.country, e.recipient.country)) for e in agreements} == \
        {frozenset(("IDN", "CHL"))}
    assert all(e.symmetric for e in agreements)
    plural = [r for e in agreements for r in resolutions(e) if r.kind == ResolutionKind.PLURAL]
    assert plural and plural[0].text == "They" and plural[0].sentence_index == 0
    assert set(plural[0].resolved_to) == {"Budi Santoso", "Ana Rojas"}


def test_the_two_sides_are_the_parties_named_before(coder):
    doc = coder.code_text("Vietnamese Deputy Defence Minister Tran Quoc Hung held talks with Lao Defence Minister "
                          "Somsak Vongsa in Hanoi. The two sides agreed to boost military training cooperation.")
    assert frozenset(("VNM", "LAO")) in unordered(doc, "AGREE")


def test_a_named_person_keeps_the_state_his_office_gave_him_in_a_later_sentence(coder):
    doc = coder.code_text("Ghana's Defence Minister, Kwame Mensah, hosted Togolese army chief Jean Kodjo in Accra. "
                          "Mensah pledged to help Togo train its officers.")
    pledges = [e for e in doc.events if e.event_type == "AGREE" and e.actor.name == "Kwame Mensah"]
    assert pledges and pledges[0].actor.country == "GHA" and pledges[0].actor.sector == "MIL"


# -- sector from the office ----------------------------------------------------------------------

def test_a_defence_minister_is_coded_with_the_military():
    assert act_sector("062", load_act_sectors()) == "MIL"
    assert act_sector("114", load_act_sectors()) == "GOV"
    assert act_sector("0312", load_act_sectors()) == "GOV"
    assert act_sector("999", load_act_sectors()) is None


def test_a_bare_state_takes_the_sector_of_its_office_in_the_story(coder):
    doc = coder.code_text("Peruvian Defence Minister Luis Quispe met Bolivian Defence Minister Jorge Mamani in Lima. "
                          "Peru and Bolivia agreed to hold joint border patrols.")
    agreements = [e for e in doc.events if e.event_type == "AGREE" and e.actor.country == "PER"]
    assert agreements and agreements[0].actor.sector == "MIL"
    assert any(r.kind == ResolutionKind.OFFICE_SECTOR for r in resolutions(agreements[0]))


def test_a_bare_state_with_no_office_in_the_story_takes_the_office_of_the_act(coder):
    doc = coder.code_text("Ecuador summoned the Colombian ambassador on Monday to protest the border incident.")
    protests = [e for e in doc.events if e.actor.country == "ECU" and e.event_type == "ACCUSE"]
    assert protests and protests[0].actor.sector == "GOV"


def test_a_named_person_of_no_stated_office_takes_the_office_of_the_act(coder):
    doc = coder.code_text("Uruguay's Mateo Silva met Paraguay's Lucas Benitez in Montevideo on Monday.")
    meeting = next(e for e in doc.events if e.event_type == "CONSULT")
    assert (meeting.actor.sector, meeting.recipient.sector) == ("GOV", "GOV")
    assert any(r.kind == ResolutionKind.ACT_SECTOR for r in resolutions(meeting))


def test_a_coast_guard_is_coded_with_the_police(coder):
    doc = coder.code_text("The Philippine Coast Guard seized a Vietnamese fishing boat near Scarborough Shoal.")
    seizures = [e for e in doc.events if e.actor.country == "PHL"]
    assert seizures and seizures[0].actor.sector == "COP"


# -- many parties --------------------------------------------------------------------------------

def test_states_launching_an_exercise_together_are_one_event_per_pair(coder):
    doc = coder.code_text("Brazil, Argentina and Uruguay on Monday launched a joint naval exercise off Montevideo.")
    assert unordered(doc, "COOPERATE") == {frozenset(("BRA", "ARG")), frozenset(("BRA", "URY")),
                                           frozenset(("ARG", "URY"))}
    assert all(e.actor.sector == "MIL" for e in doc.events if e.event_type == "COOPERATE")
    first = [e for e in doc.events if e.event_type == "COOPERATE" and e.actor.country == "BRA"]
    assert len(first) == 2, "the first named (host) state is the actor of its pairs"


def test_an_exercise_held_in_the_passive_by_no_one_named_is_held_by_the_articles_exercising_states(coder):
    """"The first drill was held on May 20": no one is said to hold it, and the article has named who
    holds its drills; done on a day of its own before the one under way began, it is another exercise."""
    doc = coder.code_text("Brazil, Argentina and Uruguay on Monday launched their second joint naval exercise off "
                          "Montevideo. The first drill was held on May 20.", published="2024-06-05")
    drills = [e for e in doc.events if e.event_type == "COOPERATE"]
    assert {(e.date, frozenset((e.actor.country, e.recipient.country))) for e in drills} == {
        (date, frozenset(pair)) for date in ("2024-06-03", "2024-05-20")
        for pair in (("BRA", "ARG"), ("BRA", "URY"), ("ARG", "URY"))}
    lone = coder.code_text("The first drill was held on May 20.", published="2024-06-05")
    assert not [e for e in lone.events if e.event_type == "COOPERATE"], "no parties named: no event"


def test_talks_attended_by_officials_of_three_states_are_one_meeting_per_pair(coder):
    """"The 7th ... Talks held in Riga, attended by A, B and C": each pair of their states met, the
    host first, though all three are at one edition of the talks."""
    doc = coder.code_text("The deal was reached at the 7th Baltic Defence Talks held in Riga, attended by Latvian "
                          "Defence Minister Janis Berzins, Estonian Defence Minister Kadri Tamm and Lithuanian "
                          "Defence Minister Tomas Jonaitis.", published="2023-09-12")
    assert unordered(doc, "CONSULT") == {frozenset(("LVA", "EST")), frozenset(("LVA", "LTU")),
                                         frozenset(("EST", "LTU"))}
    hosted = {e.cameo for e in doc.events if e.event_type == "CONSULT" and e.actor.country == "LVA"}
    assert hosted == {"043"}
    assert all(e.mechanism is not None and e.mechanism.edition == 7 for e in doc.events if e.event_type == "CONSULT")


def test_the_two_members_of_a_body_are_the_two_states_named_before(coder):
    doc = coder.code_text("Spain summoned the Portuguese ambassador on Monday. Portugal rejected the complaint. "
                          "On Tuesday, the two EU members held talks in Madrid.", published="2023-03-08")
    assert unordered(doc, "CONSULT") == {frozenset(("ESP", "PRT"))}


def test_an_appeal_the_sides_make_together_is_their_joint_resolve_not_a_demand_on_one(coder):
    doc = coder.code_text("The 4th Norway-Sweden defence dialogue took place in Oslo on Friday. The sides noted they "
                          "will push for the early signing of a coast guard cooperation agreement. Norway urged "
                          "Sweden to sign the deal.", published="2023-11-18")
    assert unordered(doc, "AGREE") == {frozenset(("NOR", "SWE"))}
    assert sides(doc, "REQUEST") == {("NOR", "SWE")}


def test_navies_announcing_the_beginning_of_joint_exercises_exercise_together_and_are_under_way(coder):
    doc = coder.code_text("The navies of Chile and Peru announced the beginning of Pacific Shield 9 joint training "
                          "exercises on Saturday.", published="2013-11-24")
    exercise = next(e for e in doc.events if e.event_type == "COOPERATE")
    assert {exercise.actor.country, exercise.recipient.country} == {"CHL", "PER"}
    assert (exercise.status, exercise.mechanism.edition) == ("ongoing", 9)


def test_officials_of_several_states_agreeing_agree_among_themselves(coder):
    doc = coder.code_text("Senior defence officials from Kenya, Tanzania and Uganda agreed to hold more joint drills.")
    assert unordered(doc, "AGREE") >= {frozenset(("KEN", "TZA")), frozenset(("KEN", "UGA"))}
    assert all(e.actor.sector == "MIL" for e in doc.events if e.event_type == "AGREE")


def test_a_headline_opening_with_a_state_and_its_verb_names_the_acting_state():
    from communique.reading.home import headline_state

    assert headline_state(Document("d", "", "h", title="Quito summons Lima envoy over border shooting"), HOME) == "ECU"
    assert headline_state(Document("d", "", "h", title="Chile to buy six frigates from Spain"), HOME) == "CHL"
    assert headline_state(Document("d", "", "h", title="Peruvian ambassador summoned by ministry"), HOME) is None
    assert headline_state(Document("d", "", "h", title="Chile, Peru hold defence talks"), HOME) is None


def test_a_ministry_the_article_never_places_is_of_the_state_the_headline_has_acting(coder):
    doc = coder.code_text("The foreign ministry summoned Peru's ambassador in Quito to protest the shooting.",
                          title="Quito summons Peruvian envoy over border shooting")
    assert sides(doc, "ACCUSE") == {("ECU", "PER")}
    ministry = next(p for p in doc.participants if p.kind == "organisation")
    assert ministry.country_basis == Basis.HEADLINE


def test_an_office_named_earlier_with_its_state_places_the_person_named_later_with_it(coder):
    doc = coder.code_text("The foreign ministry summoned Peru's ambassador in Quito on Monday. "
                          "Ambassador Carlos Huaman came in for a meeting.",
                          title="Quito summons Peruvian envoy over border shooting")
    huaman = participant(doc, "Carlos Huaman")
    assert (huaman.country, huaman.country_basis) == ("PER", Basis.EARLIER)


def test_an_exercise_involving_several_forces_is_one_event_per_pair_with_the_host_first(coder):
    doc = coder.code_text("The ministers will then fly to Sicily for the last day of Trident 4, a naval exercise "
                          "involving the Spanish, Italian and Maltese navies that began on Sunday.")
    pairs = [(e.actor.country, e.recipient.country) for e in doc.events if e.event_type == "COOPERATE"]
    assert ("ITA", "ESP") in pairs and ("ITA", "MLT") in pairs, "the exercise is held in Italy: its host"
    assert {frozenset(p) for p in pairs} == {frozenset(("ITA", "ESP")), frozenset(("ITA", "MLT")),
                                             frozenset(("ESP", "MLT"))}
    assert all(e.symmetric and e.cameo == "062" for e in doc.events if e.event_type == "COOPERATE")


def test_a_joint_exercise_named_by_its_parties_modifiers_is_coded(coder):
    doc = coder.code_text("Georgian-Armenian joint military training has started at a training field near Tbilisi.")
    assert unordered(doc, "COOPERATE") == {frozenset(("GEO", "ARM"))}


def test_an_exercise_without_its_parties_is_no_event_of_this_reading(coder):
    doc = coder.code_text("The first drill was held in June this year.")
    assert not [e for e in doc.events if e.rule == "exercise-parties"]


def test_the_body_that_summons_an_envoy_is_of_the_state_he_is_posted_to(coder):
    doc = coder.code_text("The foreign ministry on Tuesday summoned Chilean ambassador to Lima Pedro Soto over "
                          "the border incident.")
    assert sides(doc, "ACCUSE") == {("PER", "CHL")}
    assert any(r.kind == ResolutionKind.BODY for e in doc.events for r in resolutions(e))


def test_a_title_alone_is_the_official_of_that_title_named_before(coder):
    doc = coder.code_text("Foreign Office director general Imran Qadir summoned the Afghan charge d'affaires on "
                          "Monday.\nThe director general urged the Afghan side to stop the shelling.",
                          title="Pakistan summons Afghan diplomat over shelling")
    appeals = [e for e in doc.events if e.event_type == "REQUEST"]
    assert appeals and appeals[0].actor.country == "PAK"


def test_states_agreeing_to_cooperate_against_a_threat_agree_among_themselves_not_with_it(coder):
    doc = coder.code_text("Defence officials from Norway, Finland and Sweden agreed to strengthen cooperation "
                          "against Russia.")
    countries = {c for e in doc.events if e.event_type == "AGREE" for c in (e.actor.country, e.recipient.country)}
    assert "RUS" not in countries
    assert unordered(doc, "AGREE") == {frozenset(("NOR", "FIN")), frozenset(("NOR", "SWE")),
                                       frozenset(("FIN", "SWE"))}


def test_states_agreeing_to_act_on_a_third_are_co_actors_toward_it(coder):
    doc = coder.code_text("Mexico and Canada agreed to lift retaliatory tariffs on American products.")
    assert sides(doc, "AGREE") == {("MEX", "USA"), ("CAN", "USA")}


STORY = ("Philippine Defense Secretary Carlo Reyes met Australian Defence Minister Tom Hart in Manila on Friday. "
         "He also asked Australia to send more trainers. "
         "The two ministers agreed to hold joint patrols in the South China Sea.")


def test_he_asking_a_state_is_the_speaker_named_before_not_that_state(coder):
    doc = coder.code_text(STORY)
    asks = [e for e in doc.events if e.event_type == "REQUEST"]
    assert asks and (asks[0].actor.name, asks[0].actor.country, asks[0].recipient.country) == \
        ("Carlo Reyes", "PHL", "AUS")
    pronoun = [r for r in resolutions(asks[0]) if r.kind == ResolutionKind.PRONOUN]
    assert pronoun and pronoun[0].text == "He" and pronoun[0].sentence_index == 0


def test_the_two_ministers_are_the_ministers_named_before_with_their_offices(coder):
    doc = coder.code_text(STORY)
    agreements = [e for e in doc.events if e.event_type == "AGREE"]
    assert agreements
    sides_named = {(e.actor.name, e.actor.sector) for e in agreements} | \
        {(e.recipient.name, e.recipient.sector) for e in agreements}
    assert sides_named == {("Carlo Reyes", "MIL"), ("Tom Hart", "MIL")}
    assert any(r.kind == ResolutionKind.PLURAL for e in agreements for r in resolutions(e))


def test_explain_shows_how_each_side_was_resolved():
    from typer.testing import CliRunner

    from communique.cli import app

    shown = CliRunner().invoke(app, ["explain", STORY])
    assert shown.exit_code == 0
    assert "resolved: actor: 'He' -> Carlo Reyes named in sentence 0 (pronoun)" in shown.stdout.replace("\n", " ")


def test_officers_of_a_service_are_of_its_sector(coder):
    doc = coder.code_text("Six Chilean Coast Guard officers boarded a Peruvian fishing boat on Monday.")
    officers = next(m for m in doc.mentions if "officers" in m.text)
    assert (officers.country, officers.sector) == ("CHL", "COP")


def test_the_two_rivals_are_the_two_parties_named_before(coder):
    doc = coder.code_text("Chinese Defense Minister Dong Wei held a video call with US Defense Secretary Mark Hale "
                          "on Tuesday. The two rivals agreed to keep military channels open.")
    assert unordered(doc, "AGREE") == {frozenset(("CHN", "USA"))}


def test_a_multinational_exercise_naming_no_party_is_one_event_from_its_host(coder):
    doc = coder.code_text("The annual multinational peacekeeping exercise, code-named Steppe Shield, started at a "
                          "training area near the Kazakh capital today.")
    exercises = [e for e in doc.events if e.rule == "exercise-parties"]
    assert [(e.actor.country, e.recipient.country) for e in exercises] == [("KAZ", None)]


def test_a_meeting_named_with_its_parties_that_takes_place_is_their_consultation(coder):
    doc = coder.code_text("The 5th Peru-Chile defence dialogue took place in Lima on Tuesday under the chair of "
                          "the two deputy ministers.")
    assert unordered(doc, "CONSULT") == {frozenset(("PER", "CHL"))}


def test_a_meeting_mentioned_in_passing_is_no_consultation(coder):
    doc = coder.code_text("It was the first contact since the Peru-Chile defence dialogue was suspended in 2022.")
    assert not [e for e in doc.events if e.rule == "meeting-parties"]


def test_a_participants_statement_of_joint_work_is_an_intent_towards_the_other_state_made_at_the_meeting():
    from communique.api import Communique

    doc = Communique().code_text(
        "Turkish and Georgian army commanders met in Tbilisi on December 17 for the 9th High-Level Military "
        "Dialogue. The delegations reviewed training programmes and regional security. Turkish General Murat "
        "Aydin stated that the joint activities will continue to intensify.", published="2024-12-18")
    intent = next(e for e in doc.events if e.event_type == "AGREE")
    assert (intent.actor.country, intent.recipient.country, intent.date) == ("TUR", "GEO", "2024-12-17")


def test_leaders_who_attend_a_bodys_summit_together_meet_the_body_not_each_other():
    from communique.api import Communique

    doc = Communique().code_text(
        "Kyrgyz border guards opened fire on a Tajik outpost on Tuesday, the Tajik side said. Tajikistan accused "
        "Kyrgyzstan of provoking the clash. Kyrgyz and Tajik leaders are expected to attend a summit of the Caspian "
        "Security Organisation in Kazakhstan this week alongside Russian President Vladimir Putin.",
        published="2025-05-06")
    attending = {(e.actor.country, e.recipient.country) for e in doc.events if e.event_type == "CONSULT"}
    assert attending == {("KGZ", None), ("TJK", None)}


def test_a_third_partys_appeal_to_both_sides_is_an_appeal_to_each_of_the_articles_states(coder):
    doc = coder.code_text("Armenia accused Azerbaijan on Friday of shelling its positions near the border. Azerbaijan "
                          "denied the claim. The European Union called on both sides to show restraint.",
                          published="2023-09-02")
    assert sides(doc, "REQUEST") == {("EU", "ARM"), ("EU", "AZE")}


def test_an_appeal_two_leaders_make_together_is_no_demand_on_either_once_they_are_named(coder):
    doc = coder.code_text("Indian Prime Minister Narendra Modi and his Australian counterpart Anthony Albanese spoke "
                          "by phone on Monday. The two leaders also called for freedom of navigation.",
                          published="2024-01-16")
    assert not [e for e in doc.events if e.event_type == "REQUEST"]
    assert unordered(doc, "AGREE") == {frozenset(("IND", "AUS"))}


def test_the_next_round_of_the_articles_talks_is_another_meeting_of_the_same_parties(coder):
    """"The next round will take place in Lima in 2025": no one is named, the article's talks' parties
    hold it; "next" makes it another round, planned, not the one told."""
    doc = coder.code_text("Chile and Peru held the third round of their Strategic Dialogue in Santiago on Tuesday. "
                          "The next round will take place in Lima in 2025.", published="2024-10-02")
    rounds = sorted((e.status, e.date) for e in doc.events if e.event_type == "CONSULT")
    assert rounds == [("occurred", "2024-10-01"), ("planned", "2025")]
    assert unordered(doc, "CONSULT") == {frozenset(("CHL", "PER"))}


def test_a_visit_by_a_minister_told_ahead_of_is_planned_and_not_dated_by_the_act_told_before_it(coder):
    """"X accused Y on Tuesday, a week ahead of a visit to Lima by Chile's foreign minister": the
    visit, named by its agent ("by"), comes later; Tuesday is the accusation's day."""
    doc = coder.code_text("Peru's president accused Chile on Tuesday of backing smugglers, a week ahead of a visit to "
                          "Lima by Chile's foreign minister.", published="2024-05-23")
    visit = next(e for e in doc.events if e.event_type == "CONSULT")
    assert (visit.actor.country, visit.recipient.country, visit.status, visit.date) == ("CHL", "PER", "planned", None)


def test_an_exercise_many_nations_begin_off_a_states_coast_is_that_states_with_no_one_recipient(coder):
    """"Twenty nations began the Pacific Shield exercise off Darwin": a multinational exercise is coded
    once, from its host (the state off whose coast it is held), with no recipient; a sentence no rule
    codes gives the sentence model no licence to pair the host with "ships"."""
    doc = coder.code_text("Twenty nations began the Pacific Shield naval exercise off Darwin on Monday, the navy said. The "
                          "exercise, hosted by the Royal Australian Navy, involves 40 surface ships and three "
                          "submarines, and will run until August 2.", published="2024-06-25")
    assert [(e.event_type, e.actor.country, e.recipient.country, e.status) for e in doc.events] == [
        ("COOPERATE", "AUS", None, "ongoing")]
    pair = coder.code_text("Egypt's chief of staff received his Jordanian counterpart in Cairo on Tuesday. The two "
                           "countries held a joint air exercise off Alexandria.", published="2021-11-10")
    assert all(e.recipient.country is not None for e in pair.events), "two countries are a pair, not many"


def test_a_state_named_for_a_military_act_acts_through_its_military(coder):
    """"India and China held military talks": no official is named, the act's own words (military,
    defence, naval) name the office; trade talks stay the government's."""
    military = coder.code_text("India and China held military talks in Chushul on Monday.", published="2024-02-21")
    trade = coder.code_text("India and China held trade talks in Delhi on Monday.", published="2024-02-21")
    assert {(e.actor.sector, e.recipient.sector) for e in military.events} == {("MIL", "MIL")}
    assert {(e.actor.sector, e.recipient.sector) for e in trade.events} == {("GOV", "GOV")}


def test_an_official_listed_after_one_of_a_state_is_of_that_state_and_a_delegation_signs_once(coder):
    """"signed by Japanese Foreign Minister X, Defence Minister Y and Philippine Defence Secretary Z":
    Y is Japanese, and the two Japanese ministers' signature is one act between the two states."""
    doc = coder.code_text("The access agreement was signed by Japanese Foreign Minister Yoko Kamikawa, Defence "
                          "Minister Minoru Kihara and Philippine Defence Secretary Gilberto Teodoro in Manila on "
                          "Monday.", published="2024-07-09")
    assert participant(doc, "Minoru Kihara").country == "JPN"
    assert unordered(doc, "SUPPORT") == {frozenset(("JPN", "PHL"))}
    assert len([e for e in doc.events if e.event_type == "SUPPORT"]) == 1


def test_the_ship_and_the_crew_are_the_craft_named_before_them(coder):
    """"The Indian Navy frigate INS Teg arrived in Port Louis ... The ship was welcomed by the
    Mauritian coast guard ... the crew will take part in an exercise": the same Indian naval craft."""
    doc = coder.code_text("The Indian Navy frigate INS Teg arrived in Port Louis on Sunday for a three-day visit. "
                          "The ship was welcomed by the Mauritius coast guard. During its stay, the crew will take "
                          "part in a joint exercise with the Mauritius coast guard.", published="2023-09-04")
    sides = {(e.event_type, e.actor.country, e.actor.sector) for e in doc.events if "IND" in (e.actor.country, e.recipient.country)}
    assert ("COOPERATE", "IND", "MIL") in sides
    assert all(e.recipient.sector != "CVL" for e in doc.events if e.recipient.country == "IND")


def test_an_earlier_drill_of_the_exercising_states_is_their_own_event_however_long_ago(coder):
    """"The first drill was held in March": an earlier occasion of the article's own news between the
    same states is the story the article tells, not background, though the lead names the parties
    inside the noun ("their second trilateral naval exercise")."""
    doc = coder.code_text("Chile, Peru and Ecuador on Monday launched their second trilateral naval exercise "
                          "off Valparaiso, officials said. The first drill was held in March this year. "
                          "Peru's president visited Quito in January, officials recalled.",
                          published="2024-10-16")
    drills = [e for e in doc.events if e.event_type == "COOPERATE"]
    assert {e.date for e in drills} == {"2024-10-14", "2024-03"}
    assert len([e for e in drills if e.date == "2024-03"]) == 3, "one event per pair of the exercising states"
    assert not [e for e in doc.events if e.event_type == "CONSULT"], "an old visit of another kind is background"


def test_a_drill_told_again_in_the_passive_is_the_drill_already_coded(coder):
    """"The 12th drill is being held to mark ...": no word of sequence and no time of its own, the
    passive tells again the exercise the lead coded; it adds no event and no day."""
    doc = coder.code_text("Mongolian-Russian joint military training Steppe Shield has started at a range near Choibalsan. "
                          "The 12th drill is being held to mark the anniversary of a battle.", published="2019-08-20")
    drills = [e for e in doc.events if e.event_type == "COOPERATE"]
    assert [(e.actor.country, e.recipient.country, e.date) for e in drills] == [("MNG", "RUS", None)]


def test_an_act_told_in_the_past_tense_with_a_month_is_dated_in_the_months_before_publication(coder):
    """"visited Quito in November", written in October: the November before, an earlier visit the
    article recalls beside its own news, not one a month ahead."""
    doc = coder.code_text("Peru's foreign minister arrived in Quito on Monday for talks with his Ecuadorian "
                          "counterpart. Peru's foreign minister also visited Ecuador in November, officials said.", published="2024-10-16")
    assert sorted(e.date for e in doc.events if e.event_type == "CONSULT") == ["2023-11", "2024-10-14"]


def test_an_agreed_edition_of_a_named_exercise_is_planned_for_each_pair_of_the_officials_named_before(coder):
    """"Officials also agreed to go ahead with the second phase of the Sea Breeze exercise": the
    officials are those named before with their states ("senior defence officials from A, B and C"),
    and the named edition they agree to is an event of its own, planned, one per pair. Exercises of
    no one occasion ("more exercises") are only the agreement's content."""
    doc = coder.code_text("On May 10, senior defence officials from Chile, Peru and Ecuador agreed to deepen security "
                          "cooperation. Officials also agreed to go ahead with the second phase of the Sea Breeze "
                          "exercise.", published="2024-05-11")
    planned = [e for e in doc.events if e.event_type == "COOPERATE"]
    assert {frozenset((e.actor.country, e.recipient.country)) for e in planned} == {
        frozenset(pair) for pair in (("CHL", "PER"), ("CHL", "ECU"), ("PER", "ECU"))}
    assert {(e.status, e.date, e.mechanism.name, e.mechanism.edition) for e in planned} == {
        ("planned", None, "Sea Breeze Exercise", 2)}
    more = coder.code_text("On May 10, senior defence officials from Chile, Peru and Ecuador agreed to hold more "
                           "trilateral exercises.", published="2024-05-11")
    assert not [e for e in more.events if e.event_type == "COOPERATE"]


def test_bare_officials_are_the_officials_named_before_with_their_states(coder):
    """"Senior defence officials from A, B and C met ... Officials also agreed to ...": the plural noun
    refers back to the group of that noun whose states the article named."""
    doc = coder.code_text("Senior defence officials from Chile, Peru and Ecuador met in Lima on Monday. The talks "
                          "lasted two days. Officials also agreed to share intelligence on drug trafficking.",
                          published="2024-05-15")
    agreed = [e for e in doc.events if e.event_type == "AGREE"]
    assert {frozenset((e.actor.country, e.recipient.country)) for e in agreed} == {
        frozenset(pair) for pair in (("CHL", "PER"), ("CHL", "ECU"), ("PER", "ECU"))}


def test_the_reporters_a_speaker_tells_are_not_they_who_will_act(coder):
    """"told reporters that they would investigate": the audience is told what the speaker's side will
    do; "they" is the body named before, and the inquiry a charge against the other state. Reporters
    who say what happened to them are "they" ("Journalists said they were beaten")."""
    doc = coder.code_text("Bangladesh summoned Myanmar's ambassador on Monday over mortar shells that landed near "
                          "the border. Bangladesh's foreign ministry said the shelling violated its sovereignty. "
                          "Foreign Secretary Abdul Karim told reporters on Sunday that they would investigate "
                          "whether the incident was deliberate.", published="2022-08-30")
    inquiry = [e for e in doc.events if e.sentence_index == 2]
    assert [(e.event_type, e.status, e.actor.country, e.actor.sector, e.recipient.country) for e in inquiry] == [
        ("ACCUSE", "planned", "BGD", "GOV", "MMR")]
    beaten = coder.code_text("Journalists said they were beaten by police in Dhaka.")
    assert [m.sector for m in beaten.mentions if m.kind == "pronoun"] == ["MED"]


def test_a_charge_whose_actor_only_the_article_places_is_aimed_at_the_other_state():
    """"they would investigate whether ...", "they" a body the article places in the first state: as
    the coder aims a charge that names no one at the other state of an article between two, so once
    the reading has found the actor's state. An actor the coder knew stays as the coder aimed it."""
    from communique.events.codeclasses import load_code_classes
    from communique.reading.references import _aim_at_the_other_state
    from communique.records import ActorRef, Mention, Sentence

    doc = Document(doc_id="d", text="", content_hash="0",
                   sentences=[Sentence(i, 0, 1, "s") for i in range(3)],
                   mentions=[Mention(f"m{i}", "d", 0, i, i + 1, c, "country", country=c)
                             for i, c in enumerate(("BGD", "MMR"))])
    found = [Event(event_id=i, doc_id="d", event_type="ACCUSE", cameo="090", actor=ActorRef(country="BGD"),
                   recipient=ActorRef()) for i in ("found", "known")]
    _aim_at_the_other_state(doc, found, load_code_classes(), placed_here={"found"})
    assert [e.recipient.country for e in found] == ["MMR", None]


def test_the_shells_named_again_are_those_fired_from_a_state_and_fall_beyond_it(coder):
    """"two mortar shells fired from Myanmar ... The shells fell near a mosque": the definite noun is
    the one named before with its origin, whose state fired them; what is fired from a state lands
    beyond it, in the article's other state."""
    doc = coder.code_text("Bangladesh summoned Myanmar's ambassador on Monday to protest two mortar shells fired "
                          "from Myanmar. The shells fell near a mosque in the Ghumdhum border area on Sunday, police "
                          "said. No one was hurt, officials said.", published="2022-08-29")
    assert [(e.event_type, e.date, e.actor.country, e.recipient.country) for e in doc.events
            if e.sentence_index == 1] == [("ASSAULT", "2022-08-28", "MMR", "BGD")]
