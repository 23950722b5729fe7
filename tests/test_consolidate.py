"""The ``consolidate`` stage: one event per real-world act in the article, with all its evidence.

Specification by made-up articles: what the whole pipeline keeps, what it merges (and why), and
what it drops; then the rules on hand-built events.
"""

from __future__ import annotations

import pytest

from communique.api import Communique
from communique.pipeline import default_config
from communique.reading.consolidate import Reason, consolidate, restates, voiced_at
from communique.records import ActorRef, Document, Event, Evidence, Mention, Sentence, Trigger
from communique.registry import check_order, get_stage


@pytest.fixture(scope="module")
def coder() -> Communique:
    return Communique()


def code(coder: Communique, text: str) -> Document:
    return coder.code_text(text, published="2023-03-06")


def summary(doc: Document) -> list[tuple[str, str | None, str | None]]:
    return [(e.event_type, e.actor.country, e.recipient.country) for e in doc.events]


def reasons(doc: Document) -> list[Reason]:
    return [d.reason for d in doc.annotations["consolidation"]]


# -- the stage in the pipeline ---------------------------------------------------------------------

def test_consolidate_runs_after_merge_in_the_default_pipeline():
    stages = default_config()["pipeline"]["stages"]
    assert stages.index("consolidate") > stages.index("merge")
    check_order(stages)
    assert "event.consolidated" in get_stage("consolidate").assigns


def test_a_summons_to_protest_is_one_act(coder):
    doc = code(coder, "Chile's foreign ministry on Monday summoned the Peruvian ambassador to protest the "
                      "seizure of a fishing boat.")
    assert summary(doc) == [("ACCUSE", "CHL", "PER")]
    assert Reason.PART_OF_ACT in reasons(doc)


def test_a_summons_told_again_keeps_every_sentence_as_evidence(coder):
    doc = code(coder, "Chile summoned Peru's ambassador on Monday over the seizure of a fishing boat. "
                      "At the meeting, Chile lodged a strong protest with Peru over the incident. "
                      "\"Chile firmly opposes such acts,\" the Chilean foreign minister said.")
    assert summary(doc) == [("ACCUSE", "CHL", "PER")]
    assert [ev.sentence_index for ev in doc.events[0].evidence] == [0, 1, 2]
    assert Reason.VOICED_AT in reasons(doc)


def test_what_an_agreement_is_about_is_not_a_second_act(coder):
    doc = code(coder, "Ghana and Togo agreed on Tuesday to continue to consult and support each other on "
                      "maritime security.")
    assert [e.event_type for e in doc.events] == ["AGREE"]


def test_taking_part_in_the_exercise_is_the_exercise(coder):
    doc = code(coder, "Ghana and Togo on Monday began a joint naval exercise off Lome. "
                      "Ghanaian sailors will be participating in the exercise until Friday.")
    assert summary(doc) == [("COOPERATE", "GHA", "TGO")]
    assert doc.events[0].status != "planned"  # the exercise began; taking part in it does not make it planned
    assert [ev.sentence_index for ev in doc.events[0].evidence] == [0, 1]


def test_the_reports_own_future_of_a_signing_is_a_planned_signing_not_an_intent(coder):
    doc = code(coder, "Ghana's Defence Minister will sign a defence cooperation agreement with Togo.")
    assert summary(doc) == [("SUPPORT", "GHA", "TGO")]
    assert doc.events[0].status == "planned"


def test_activity_over_a_period_up_to_now_is_not_an_event(coder):
    doc = code(coder, "Since 2015, Norway has sent 300 soldiers to Finland for training.")
    assert doc.events == []


def test_habitual_activity_is_not_an_event(coder):
    doc = code(coder, "Every spring, Ghana annually renews its complaint to the United Nations.")
    assert doc.events == []


def test_a_relative_clause_in_the_present_describes_its_noun_and_reports_no_act(coder):
    """"The militia that Togo is fighting", "a quarrel that has blocked exports": what the noun is,
    not news."""
    doc = code(coder, "Ghana summoned Togo's ambassador on Monday over the militia that Togo is fighting.")
    assert summary(doc) == [("ACCUSE", "GHA", "TGO")]
    assert Reason.DESCRIPTION in reasons(doc)


def test_a_relative_clause_in_the_past_still_tells_an_act(coder):
    doc = code(coder, "Chile, which summoned Peru's ambassador on Monday, said the talks would go on.")
    assert ("ACCUSE", "CHL", "PER") in summary(doc)


def test_two_summonses_on_stated_different_days_stay_two(coder):
    doc = code(coder, "Chile summoned Peru's ambassador on March 1 over the shelling. "
                      "Chile summoned Peru's ambassador again on March 5 over a second incident.")
    assert sorted(e.date for e in doc.events) == ["2023-03-01", "2023-03-05"]


def test_a_summons_told_again_by_a_definite_noun_on_its_own_other_day_is_another_summons(coder):
    doc = code(coder, "Chile's foreign ministry on Monday summoned the Peruvian ambassador over the shelling. "
                      "On 20 February, the Peruvian ambassador to Santiago was summoned at the ministry's "
                      "Americas department.")
    assert sorted(e.date for e in doc.events) == ["2023-02-20", "2023-03-06"]
    assert {summary(doc)[0], summary(doc)[1]} == {("ACCUSE", "CHL", "PER")}


def test_the_trace_names_each_decision(coder):
    doc = code(coder, "Chile's foreign ministry on Monday summoned the Peruvian ambassador to protest the "
                      "seizure of a fishing boat.")
    assert any("merged into" in line and Reason.PART_OF_ACT.value in line for line in doc.annotations["trace"])


# -- the rules on hand-built events ----------------------------------------------------------------

def event(event_id: str, kind: str, cameo: str, actor: str | None, recipient: str | None, *,
          sentence: int = 0, date: str | None = None, reason: str | None = None, at: int = 0,
          recipient_text: str | None = None, status: str = "occurred") -> Event:
    return Event(event_id=event_id, doc_id="d", event_type=kind, cameo=cameo,
                 actor=ActorRef(country=actor), recipient=ActorRef(country=recipient, text=recipient_text),
                 date=date, date_reason=reason, status=status, sentence_index=sentence,
                 trigger=Trigger("x", at, at + 1),
                 evidence=[Evidence("d", f"sentence {sentence}", at, at + 1, sentence)])


def document(*events: Event) -> Document:
    return Document(doc_id="d", text="", content_hash="0", events=list(events))


def test_a_partial_restatement_merges_into_the_fuller_event():
    full = event("a", "ACCUSE", "111", "CHL", "PER", date="2023-03-06", reason="sentence")
    partial = event("b", "ACCUSE", "111", "CHL", None, sentence=3, at=50)
    doc = document(full, partial)
    decisions = consolidate(doc)
    assert [e.event_id for e in doc.events] == ["a"]
    assert [ev.sentence_index for ev in doc.events[0].evidence] == [0, 3]
    assert decisions[0].reason is Reason.RESTATED and decisions[0].into == "a"


def test_conflicting_states_are_two_acts():
    assert not restates(event("a", "ACCUSE", "111", "CHL", "PER"), event("b", "ACCUSE", "111", "CHL", "BOL", at=9, sentence=1))


def test_a_visit_and_a_meeting_held_elsewhere_are_two_acts_but_talks_and_hosted_talks_are_one():
    assert not restates(event("a", "CONSULT", "042", "CHL", "PER"), event("b", "CONSULT", "044", "CHL", "PER", at=9, sentence=1))
    assert restates(event("a", "CONSULT", "040", "CHL", "PER"), event("b", "CONSULT", "043", "CHL", "PER", at=9, sentence=1))


def test_days_the_events_words_state_tell_acts_apart_and_guessed_days_do_not():
    stated = event("a", "ACCUSE", "111", "CHL", "PER", date="2023-03-06", reason="sentence")
    other_day = event("b", "ACCUSE", "111", "CHL", "PER", date="2023-03-01", reason="sentence", at=9, sentence=1)
    borrowed = event("c", "ACCUSE", "111", "CHL", "PER", date="2023-03-01", reason="context:sentence 2", at=9,
                     sentence=1)
    report_day = event("d", "ACCUSE", "111", "CHL", "PER", date="2023-03-06", reason="published:today", at=5)
    assert not restates(stated, other_day)
    assert not restates(stated, borrowed)
    assert restates(report_day, borrowed)


def test_the_stated_day_survives_a_merge():
    guessed = event("a", "ACCUSE", "111", "CHL", "PER", date="2023-03", reason="context:sentence 0")
    stated = event("b", "ACCUSE", "111", "CHL", None, date="2023-03-01", reason="sentence", at=9, sentence=1)
    doc = document(guessed, stated)
    consolidate(doc)
    assert [(e.event_id, e.date) for e in doc.events] == [("a", "2023-03-01")]


def test_opposition_voiced_at_a_summons_is_part_of_it_only_from_its_maker():
    summons = event("a", "ACCUSE", "111", "CHL", "PER", date="2023-03-06", reason="sentence")
    assert voiced_at(summons, event("b", "REJECT", "120", "CHL", "PER", at=9, sentence=2))
    assert not voiced_at(summons, event("c", "REJECT", "120", "PER", "CHL", at=9, sentence=2))
    # a refusal beside the protest in its own sentence is an act of its own
    assert not voiced_at(summons, event("d", "REJECT", "120", "CHL", "PER", at=9))


def test_an_actor_of_no_state_found_in_an_article_between_states_is_dropped(coder):
    doc = code(coder, "Chile and Peru held border talks in Lima on Monday. The two sides discussed fishing "
                      "rights. They also visited the port.")
    assert all(e.actor.country for e in doc.events)
    assert Reason.NO_ACTOR in reasons(doc)


def article(*events: Event) -> Document:
    """A three-sentence article naming two states, with ``events``."""
    doc = document(*events)
    doc.sentences = [Sentence(i, i * 10, i * 10 + 9, "x" * 9) for i in range(3)]
    doc.mentions = [Mention(f"m{i}", "d", 0, 0, 1, c, "country", country=c) for i, c in enumerate(("CHL", "PER"))]
    return doc


@pytest.mark.parametrize("kind, cameo, kept", [
    ("ACCUSE", "090", False),    # "would investigate the incident": no one accused
    ("RETREAT", "085", False),   # "would lift sanctions if progress is made": on no one named
    ("CONSULT", "044", True),    # attending a summit of many
    ("COOPERATE", "062", True),  # a multinational exercise from its host
])
def test_in_an_article_an_act_aimed_at_a_party_needs_a_target(kind, cameo, kept):
    doc = article(event("a", kind, cameo, "CHL", None))
    consolidate(doc)
    assert bool(doc.events) == kept


def test_a_single_sentence_keeps_an_actor_of_no_state():
    doc = document(event("a", "CONSULT", "040", None, "PER"))
    assert consolidate(doc) == []
    assert len(doc.events) == 1


def test_a_common_term_given_the_recipients_state_is_no_interaction():
    taken = event("a", "ACCUSE", "111", "PER", "PER", recipient_text="Peru's ambassador")
    taken.actor = ActorRef(country="PER", sector="GOV", text="The foreign ministry", mention_id="m1")
    taken.recipient = ActorRef(country="PER", sector="GOV", text="Peru's ambassador", mention_id="m2", start=30, end=47)
    doc = document(taken)
    doc.mentions = [Mention("m1", "d", 0, 0, 20, "The foreign ministry", "organisation", rule="organisation-term"),
                    Mention("m2", "d", 0, 30, 47, "Peru's ambassador", "title", rule="title-term")]
    assert [d.reason for d in consolidate(doc)] == [Reason.SAME_STATE]
    assert doc.events == []


def test_a_domestic_act_of_named_parties_stays(coder):
    doc = code(coder, "Togolese police arrested the opposition leader in Lome.")
    assert summary(doc) == [("COERCE", "TGO", "TGO")]


def test_a_recipient_of_other_states_keeps_the_event_with_its_state_unknown():
    doc = document(event("a", "AGREE", "0312", "GHA", "GHA", recipient_text="the navies of other countries"))
    assert [d.reason for d in consolidate(doc)] == [Reason.OTHER_STATES]
    assert [(e.actor.country, e.recipient.country) for e in doc.events] == [("GHA", None)]


@pytest.mark.parametrize("when, reason, status, kept", [
    ("2023-01-20", "sentence", "occurred", False),    # six weeks before: recalled
    ("2023-01", "relative", "occurred", False),        # "in January"
    ("2021", "sentence", "occurred", False),           # an earlier year
    ("2023-02-27", "sentence", "occurred", True),      # a week before: the news
    ("2023-01-20", "context:sentence 0", "occurred", True),  # a day borrowed from another sentence
    ("2023", "sentence", "occurred", True),            # this year
])
def test_an_act_dated_well_before_publication_is_background(when, reason, status, kept):
    doc = document(event("a", "CONSULT", "042", "CHL", "PER", date=when, reason=reason, status=status))
    doc.published = "2023-03-06"
    decisions = consolidate(doc)
    assert bool(doc.events) is kept
    assert kept or decisions[0].reason is Reason.BACKGROUND


def test_the_several_parties_of_one_trigger_and_acts_of_one_sentence_are_not_restatements():
    doc = document(event("a", "ACCUSE", "111", "CHL", "PER"), event("b", "ACCUSE", "111", "CHL", None))
    consolidate(doc)
    assert len(doc.events) == 2


def test_what_an_order_asks_for_is_part_of_the_order(coder):
    doc = code(coder, "Ghana's defence minister on Monday directed Togolese officers to share intelligence with "
                      "the Ghanaian navy.")
    assert [e.event_type for e in doc.events] == ["REQUEST"]


def test_an_attack_stated_as_the_aim_of_a_deployment_is_not_told_as_done(coder):
    doc = code(coder, "Chile sent its troops to Bolivia on Monday to fight against Peru.")
    assert "ASSAULT" not in [e.event_type for e in doc.events]


def test_a_future_act_under_a_condition_is_not_an_event(coder):
    assert code(coder, "If the shelling was deliberate, the Chilean government will warn Peru.").events == []


def test_a_warning_of_what_another_may_do_is_no_threat(coder):
    assert code(coder, "Chile warned on Monday that Peru could carry out further missile tests.").events == []


def test_three_states_holding_one_drill_make_one_event_per_pair(coder):
    doc = code(coder, "Chile, Peru and Bolivia on Wednesday launched their second trilateral naval exercise in "
                      "international waters.")
    pairs = {frozenset((e.actor.country, e.recipient.country)) for e in doc.events if e.event_type == "COOPERATE"}
    assert pairs == {frozenset(p) for p in (("CHL", "PER"), ("CHL", "BOL"), ("PER", "BOL"))}


def test_an_act_of_no_state_named_again_by_a_definite_noun_joins_the_act_told_before(coder):
    doc = code(coder, "Ghana and Togo on Monday began a joint naval exercise off Lome. The exercise will last "
                      "five days. Ships and aircraft are taking part in the drill.")
    exercises = [e for e in doc.events if e.event_type == "COOPERATE"]
    assert len(exercises) == 1 and exercises[0].actor.country in ("GHA", "TGO")


def test_explain_shows_every_sentence_of_a_consolidated_act_and_why():
    from typer.testing import CliRunner

    from communique.cli import app

    result = CliRunner().invoke(app, ["explain", "Chile summoned Peru's ambassador on Monday over the seizure of a "
                                      "fishing boat. \"Chile firmly opposes such acts,\" the Chilean foreign "
                                      "minister said."])
    assert result.exit_code == 0, result.output
    assert "evidence: sentences 0, 1" in result.output
    assert "merged into" in result.output


@pytest.mark.parametrize("kind, cameo, sectors, kept", [
    ("CONSULT", "040", (None, None), False),     # a state meeting itself: a side was given the wrong state
    ("MOBILIZE", "154", ("MIL", None), False),   # a deployment aimed at the deployer's own state
    ("CONSULT", "040", ("GOV", "OPP"), True),    # the government and the opposition of one state
    ("COERCE", "173", ("COP", "OPP"), True),     # an arrest: done to a state's own people
    ("ASSAULT", "190", ("MIL", "MIL"), True),    # an attack: the state where it happens may be its target
])
def test_an_act_between_states_needs_two_states(kind, cameo, sectors, kept):
    one = event("a", kind, cameo, "PER", "PER")
    one.actor.sector, one.recipient.sector = sectors
    doc = document(one)
    decisions = consolidate(doc)
    assert (doc.events == [one]) is kept
    assert kept or [d.reason for d in decisions] == [Reason.ONE_STATE]


def test_an_office_acting_on_its_own_bare_state_is_no_interaction():
    one = event("a", "ACCUSE", "111", "PER", "PER")
    one.actor = ActorRef(country="PER", sector="MIL", name="the defense ministry")
    one.recipient = ActorRef(country="PER", sector="GOV", name="Peru", actor_id="country:PER")
    doc = document(one)
    assert [d.reason for d in consolidate(doc)] == [Reason.ONE_STATE]


def test_no_one_visits_their_own_state():
    visit = event("a", "CONSULT", "042", "PER", "PER")
    visit.actor.sector, visit.recipient.sector = "CVL", "GOV"
    doc = document(visit)
    assert [d.reason for d in consolidate(doc)] == [Reason.ONE_STATE]


# -- the survivor's values: the best-resolved of the act's tellings ---------------------------------

def test_the_survivor_takes_the_named_minister_a_restatement_gives_for_its_bare_state():
    bare = event("a", "ACCUSE", "111", "CHL", "PER", date="2023-03-06", reason="sentence")
    named = event("b", "ACCUSE", "111", "CHL", "PER", sentence=2, at=40)
    named.actor = ActorRef(country="CHL", sector="GOV", text="Foreign Minister Rosa Vidal",
                           actor_id="person:rosa-vidal")
    doc = document(bare, named)
    consolidate(doc)
    assert [e.event_id for e in doc.events] == ["a"]
    assert doc.events[0].actor.actor_id == "person:rosa-vidal"
    assert doc.events[0].actor.sector == "GOV"


def test_the_survivor_keeps_its_sector_when_a_member_names_another_branch_of_the_state():
    officials = event("a", "AGREE", "030", "CHL", "PER", date="2023-03-06", reason="sentence")
    officials.actor = ActorRef(country="CHL", sector="MIL", text="Chile")
    leaders = event("b", "AGREE", "030", "CHL", "PER", sentence=3, at=60)
    leaders.actor = ActorRef(country="CHL", sector="GOV", text="President Tomas Reyes", actor_id="person:reyes")
    doc = document(officials, leaders)
    consolidate(doc)
    assert [e.event_id for e in doc.events] == ["a"]
    assert (doc.events[0].actor.sector, doc.events[0].actor.text) == ("MIL", "Chile")


def test_a_member_telling_the_act_from_the_other_side_resolves_the_matching_side():
    agreement = event("a", "AGREE", "030", "CHL", "PER", date="2023-03-06", reason="sentence")
    told_back = event("b", "AGREE", "030", "PER", "CHL", sentence=2, at=40)
    told_back.recipient = ActorRef(country="CHL", sector="GOV", text="Minister Rosa Vidal",
                                   actor_id="person:rosa-vidal")
    agreement.symmetric = told_back.symmetric = True
    doc = document(agreement, told_back)
    consolidate(doc)
    assert [e.event_id for e in doc.events] == ["a"]
    assert (doc.events[0].actor.actor_id, doc.events[0].recipient.country) == ("person:rosa-vidal", "PER")


def test_the_survivor_takes_a_stated_date_over_an_inherited_one():
    inherited = event("a", "ACCUSE", "111", "CHL", "PER", date="2023-03", reason="date from the frame")
    stated = event("b", "ACCUSE", "111", "CHL", "PER", sentence=2, at=40, date="2023-03-04", reason="sentence")
    doc = document(inherited, stated)
    consolidate(doc)
    assert [e.event_id for e in doc.events] == ["a"]
    assert (doc.events[0].date, doc.events[0].date_reason) == ("2023-03-04", "sentence")


# ---------------------------------------------------------------- the sweep over a long text

class _Told:
    """A stand-in event: its sentence, type and a state that each merge into it changes."""

    def __init__(self, number: int, sentence: int, kind: str) -> None:
        self.number, self.sentence_index, self.event_type, self.state = number, sentence, kind, number


def _restarted_sweep(events, test, pairing, merge):
    """The reference: after every merge, compare again from the first event, each event with all
    those near it that it can pair with, in article order."""
    events = list(events)
    start = 0
    while start < len(events):
        a = events[start]
        near = [b for b in events if b is not a and abs(b.sentence_index - a.sentence_index) <= pairing.reach
                and (pairing.kinds is None or b.event_type in pairing.kinds(a.event_type))
                and not (pairing.ordered and events.index(b) < start)]
        b = next((b for b in near if test(a, b)), None)
        if b is None:
            start += 1
            continue
        kept = merge(a, b)
        events.remove(b if kept is a else a)
        start = 0
    return events


def _told_events(seed: int, count: int, sentences: int) -> list[_Told]:
    import random

    rng = random.Random(seed)
    spots = sorted(rng.randrange(sentences) for _ in range(count))
    return [_Told(n, s, rng.choice("ABC")) for n, s in enumerate(spots)]


@pytest.mark.parametrize("seed", range(40))
def test_the_sweep_merges_as_a_sweep_restarted_after_every_merge(seed):
    from communique.reading.sweep import Pairing, sweep

    pairings = [Pairing(reach=0, ordered=False), Pairing(reach=3, ordered=True, kinds=lambda k: (k,)),
                Pairing(reach=5, ordered=False, kinds=lambda k: ("B", "C") if k == "A" else ())]
    pairing = pairings[seed % 3]

    def test(a, b):  # passes for some pairs, and its answer changes as merges change the state
        return (a.state * 7 + b.state * 13 + seed) % 3 == 0

    def run(how):
        merges = []

        def merge(a, b):
            kept, other = (a, b) if (a.number + b.number) % 2 else (b, a)
            kept.state = (kept.state * 31 + other.state) % 101
            merges.append((kept.number, other.number))
            return kept
        left = how(_told_events(seed, 30, 12), test, pairing, merge)
        return [e.number for e in left], merges
    assert run(sweep) == run(_restarted_sweep)
    assert run(sweep)[1], "some events merge"


def test_each_event_of_a_long_text_is_compared_only_with_those_near_it():
    from communique.reading.sweep import Pairing, sweep

    def comparisons(count: int) -> int:
        calls = []

        def test(a, b):
            calls.append((a, b))
            return a.number % 4 == 0 and b.number == a.number + 1  # every fourth act is told again

        sweep(_told_events(1, count, count // 2), test, Pairing(reach=10, ordered=True, kinds=lambda k: (k,)),
              lambda a, b: a)
        return len(calls)
    assert comparisons(4000) < 12 * comparisons(400)


def test_an_agreement_to_act_later_keeps_its_own_day_when_the_act_planned_is_merged_into_it(coder):
    """"Both sides agreed to hold a joint drill later this year": the drill is planned for later,
    the agreement was made at the meeting; the agreement does not take the drill's time."""
    doc = coder.code_text("Thai and Malaysian defence officials met in Bangkok on Monday. Both sides agreed to hold "
                          "a joint drill later this year.", published="2024-05-02")
    agreed = next(e for e in doc.events if e.event_type == "AGREE")
    assert (agreed.date, agreed.status) == ("2024-04-29", "occurred")


def test_a_promise_one_side_makes_is_not_the_agreement_both_sides_made(coder):
    """"Both sides agreed to expand patrols ... Canberra would provide two patrol boats to the Indonesian
    navy": the joint agreement and one side's promise are two acts; the navy named with "the" is the
    promise's recipient, not a reference back to an occasion told before."""
    doc = coder.code_text("Indonesian and Australian officials met in Jakarta on Wednesday. Both sides agreed to "
                          "expand joint patrols. The Australian minister said Canberra would provide two patrol boats "
                          "to the Indonesian navy.", published="2023-05-18")
    agree = sorted((e.cameo, e.symmetric) for e in doc.events if e.event_type == "AGREE")
    assert agree == [("030", True), ("0332", False)]
