"""The coder's decisions are typed values (the trace renders them), and its state is per document.

Why an act is not coded, how a side was found and what the coder made of a rule are enum values
kept in ``doc.annotations["coding"]``; the status stage reads an event's stance, not its rule's
name; one coder codes documents interleaved or in threads as it codes them one after another.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from communique.api import Communique
from communique.events.outcomes import Block, Blocked, Decision, Modifier, RuleName, Together
from communique.export import event_to_dict
from communique.records import Stance
from communique.time.stage import make_status
from tests.test_status import make_doc

ARTICLES = (
    "Chile and Peru signed a fishing accord in Lima on Monday. Chile also accused Peru of violating the "
    "maritime border. Santiago will not accept migrants from Peru, the minister said.",
    "Norway failed to reach an agreement with Iceland on fishing quotas. Oslo threatened to impose sanctions "
    "on Reykjavik. Kenya and Uganda condemned the attack on Tanzania.",
)


@pytest.fixture(scope="module")
def coder() -> Communique:
    return Communique()


def decisions(coder: Communique, text: str) -> list[Decision]:
    return coder.code_text(text, published="2024-03-05").annotations["coding"]


def test_a_negated_act_is_blocked_as_negated_and_traced_in_words(coder):
    doc = coder.code_text("Chile did not sign the trade agreement with Peru.", published="2024-03-05")
    blocked = [d for d in doc.annotations["coding"] if isinstance(d.outcome, Blocked)]
    assert [d.outcome.why for d in blocked] == [Block.NEGATED]
    assert doc.events == []
    assert str(blocked[0]) in doc.annotations["trace"] and str(blocked[0]).endswith("not coded: negated")


def test_an_act_governed_by_failure_is_a_refusal_modifier_of_its_rule(coder):
    doc = coder.code_text("Norway failed to reach an agreement with Iceland on fishing quotas.", published="2024-03-05")
    coded = [d for d in doc.annotations["coding"] if d.event is not None]
    assert [d.rule.steps for d in coded] == [(Modifier.REFUSAL,)]
    assert doc.events[0].rule == str(coded[0].rule) and doc.events[0].rule.endswith("+refusal")
    assert doc.events[0].event_type == "REJECT"


def test_a_condition_with_unless_makes_an_ultimatum(coder):
    found = decisions(coder, "Egypt will withdraw its ambassador from Sudan unless Khartoum releases the detainees.")
    coded = next(d for d in found if d.event is not None)
    assert coded.rule.has(Modifier.ULTIMATUM) and coded.event.event_type == "THREATEN"
    assert any(isinstance(d.outcome, Blocked) and d.outcome.why is Block.INSIDE_CONDITION for d in found)


def test_how_a_side_was_found_says_whether_its_parties_act_together_or_on_each_other(coder):
    co_actors = decisions(coder, "Kenya and Uganda condemned the attack on Tanzania.")
    joint = decisions(coder, "Canada and Mexico held joint naval drills in the Pacific.")
    assert {d.how.together for d in co_actors if d.event is not None} == {Together.CO_ACTORS}
    assert {d.how.together for d in joint if d.event is not None} == {Together.JOINT_ACTORS}
    assert all(str(d).endswith("(subject (co-actors))") for d in co_actors if d.event is not None)


def test_a_stated_intent_carries_its_stance(coder):
    doc = coder.code_text("Brazil will lift its sanctions on Argentina.", published="2024-03-05")
    assert [(e.stance, e.rule.endswith("+intent")) for e in doc.events] == [(Stance.INTENT, True)]
    doc = coder.code_text("Portugal is willing to deepen cooperation with Morocco.", published="2024-03-05")
    assert [e.stance for e in doc.events] == [Stance.INTENT]


def test_rule_names_render_their_modifiers_in_order():
    rule = RuleName("ease-sanctions").plus(Modifier.INTENT)
    assert str(rule) == "ease-sanctions+intent" and rule.event_stance is Stance.INTENT
    assert str(RuleName("join").plus("joint-exercise").plus(Modifier.OFFICIAL)) == "join+joint-exercise+official"
    assert RuleName("appeal-to-cooperate", stance=Stance.APPEAL).event_stance is Stance.APPEAL


@pytest.fixture(scope="module")
def nlp():
    from communique.nlp.model import load_model

    return load_model()


def test_the_status_stage_reads_the_stance_not_the_rule_name(nlp):
    # a future act stated as an intent occurs when stated; the same act with no stance is planned
    text = "The ministers will sign the accord next week."
    stated = make_doc(nlp, text, "sign", published="2024-03-05")
    stated.events[0].stance = Stance.INTENT
    plain = make_doc(nlp, text, "sign", published="2024-03-05")
    plain.events[0].rule = "intent-to-cooperate"  # a name alone decides nothing
    assert make_status({})(stated).events[0].status == "occurred"
    assert make_status({})(plain).events[0].status == "planned"


def _prepared(coder: Communique, text: str, n: int):
    """The document after the stages before ``events``."""
    from communique.ingest import document_from_text

    doc = document_from_text(text, doc_id=f"doc-{n}", origin=f"doc-{n}", published="2024-03-05")
    for name, run in coder.pipeline.stages:
        if name == "events":
            break
        doc = run(doc)
    return doc


def _events_stage(coder: Communique):
    return next(run for name, run in coder.pipeline.stages if name == "events")


def _result(doc) -> tuple[list[dict], list[str]]:
    return [event_to_dict(e) for e in doc.events], list(doc.annotations["trace"])


def test_one_coder_codes_documents_in_threads_as_one_after_another(coder):
    stage = _events_stage(coder)
    texts = list(enumerate(ARTICLES * 3))
    sequential = [_result(stage(_prepared(coder, text, n))) for n, text in texts]
    prepared = [_prepared(coder, text, n) for n, text in texts]
    with ThreadPoolExecutor(max_workers=3) as pool:
        threaded = [_result(doc) for doc in pool.map(stage, prepared)]
    assert threaded == sequential
    assert all(events for events, _ in sequential)


def test_one_coder_codes_two_documents_interleaved_token_by_token(coder):
    stage = _events_stage(coder)
    docs = [_prepared(coder, text, n) for n, text in enumerate(ARTICLES)]
    contexts = [stage.context(doc) for doc in docs]
    tokens = [[(i, sent, tok) for i, sent in enumerate(doc.spacy_doc.sents) for tok in sent] for doc in docs]
    interleaved: list[list] = [[], []]
    for step in range(max(map(len, tokens))):
        for n in (0, 1):
            if step < len(tokens[n]):
                interleaved[n] += stage.code_token(contexts[n], *tokens[n][step])
    alone = []
    for doc in (_prepared(coder, text, n) for n, text in enumerate(ARTICLES)):
        ctx = stage.context(doc)
        alone.append([e for i, sent in enumerate(doc.spacy_doc.sents) for tok in sent
                      for e in stage.code_token(ctx, i, sent, tok)])
    assert [[event_to_dict(e) for e in found] for found in interleaved] == \
        [[event_to_dict(e) for e in found] for found in alone]
    assert [c.trace for c in contexts] == [[str(d) for d in c.decisions] for c in contexts]
