"""Argument phrases: the words of the sentence that fill an event's actor or recipient role.

The actor mention is the name ("Croatian government"); the side's span is the phrase the
predicate takes ("the Croatian government's request"). Sentences are parsed by the default model.
"""

from __future__ import annotations

import pytest

from communique.api import Communique
from communique.events.arguments import argument_span
from communique.events.patterns import load_lexicon
from communique.nlp.model import load_model


@pytest.fixture(scope="module")
def nlp():
    return load_model()


@pytest.fixture(scope="module")
def coder() -> Communique:
    return Communique()


def phrase(nlp, sentence: str, head: str, predicate: str) -> str:
    """The argument phrase of the mention headed by the word ``head``, for the trigger ``predicate``."""
    sdoc = nlp(sentence)
    head_tok = next(t for t in sdoc if t.text == head)
    predicate_tok = next(t for t in sdoc if t.text == predicate)
    start, end = argument_span(head_tok.sent, head_tok, load_lexicon(), predicate_tok)
    return sentence[start:end]


PHRASES = [
    # a possessor belongs to the possessed noun's phrase; what follows the noun describes the request
    ("A Swiss court rejected the Croatian government's request for a new hearing.", "government", "rejected",
     "the Croatian government's request"),
    # an "of" object belongs to its noun
    ("Iraqi troops killed dozens of Islamic State fighters near Mosul.", "fighters", "killed",
     "dozens of Islamic State fighters"),
    ("The bombing killed at least 75 displaced people in eastern Syria.", "people", "killed",
     "at least 75 displaced people in eastern Syria"),
    # passive agent
    ("The draft resolution was rejected by the Russian delegation.", "delegation", "rejected",
     "the Russian delegation"),
    # prepositional object of the predicate; the time expression is not part of it
    ("Russia imposed new sanctions on the Ukrainian government on Tuesday.", "government", "imposed",
     "the Ukrainian government"),
    # the trigger noun stops the climb: the argument of "talks" is the person talked with
    ("Erdogan held talks with Russian President Vladimir Putin.", "Putin", "talks",
     "Russian President Vladimir Putin"),
    # relative clauses are left out, with or without commas
    ("A Zimbabwe court freed two former ministers who served in Robert Mugabe's government.", "ministers",
     "freed", "two former ministers"),
    ("The army, which controls the north, shelled rebel positions.", "army", "shelled", "The army"),
    # a parenthesised abbreviation and an apposition are part of the name
    ("The Nigerian Air Force (NAF) bombed a Boko Haram camp in Borno.", "Force", "bombed",
     "The Nigerian Air Force (NAF)"),
    ("Zabihullah Mujahid, the Taliban spokesman, claimed responsibility for the attack.", "Mujahid", "claimed",
     "Zabihullah Mujahid, the Taliban spokesman"),
    # ... but what is said of a place or a body is comment, not its name
    ("Kosovo is sending a military platoon to Kuwait, its first involvement in a peacekeeping mission.",
     "Kuwait", "sending", "Kuwait"),
    ("Germany contributed $46 million to the Iraq Humanitarian Fund, a pooled fund managed by the UN.",
     "Fund", "contributed", "the Iraq Humanitarian Fund"),
    ("Hezbollah threatened to shell Haifa, a port city, if Israel hits Beirut.", "Haifa", "shell", "Haifa"),
    # a place that places a place stays with it
    ("ICE returned the painting to Venafro, Italy.", "Venafro", "returned", "Venafro, Italy"),
    # who an object comes from or who made it: the object is what the predicate takes
    ("The Afghan Interior Ministry refused a request from The New York Times to visit the prison.", "Times",
     "refused", "a request from The New York Times"),
    ("The government rejected multiple proposals laid out by the National Assembly.", "Assembly", "rejected",
     "multiple proposals laid out by the National Assembly"),
    # a passive participle that places the noun is part of it
    ("Bosnian Serb units threatened to shell British forces based in the central Bosnian city of Vitez.",
     "forces", "shell", "British forces based in the central Bosnian city of Vitez"),
    # examples are not what the phrase names
    ("Rebels released 20 hostages, including two French nationals.", "hostages", "released", "20 hostages"),
    # each conjunct is its own side
    ("The United Kingdom and France opposed the resolution.", "Kingdom", "opposed", "The United Kingdom"),
    ("The United Kingdom and France opposed the resolution.", "France", "opposed", "France"),
]


@pytest.mark.parametrize("sentence, head, predicate, expected", PHRASES)
def test_argument_phrase(nlp, sentence, head, predicate, expected):
    assert phrase(nlp, sentence, head, predicate) == expected


def sides(coder: Communique, text: str) -> list[tuple[str | None, str | None]]:
    """(actor words, recipient words) of each event coded from ``text``, read through the spans."""
    doc = coder.code_text(text)

    def words(ref):
        return None if ref.start is None else doc.text[ref.start:ref.end]

    return [(words(e.actor), words(e.recipient)) for e in doc.events]


def test_the_coder_gives_each_side_its_argument_phrase(coder):
    assert sides(coder, "Japan rejected the Chinese government's proposal for joint patrols.") == [
        ("Japan", "the Chinese government's proposal")]


def test_the_joint_subject_of_a_symmetric_event_is_one_phrase_for_both_sides(coder):
    assert sides(coder, "India and Pakistan held talks in Islamabad.") == [
        ("India and Pakistan", "India and Pakistan")]


def test_spans_are_offsets_into_the_document_text(coder):
    text = "The talks had been postponed twice. Iraqi troops killed dozens of Islamic State fighters near Mosul."
    doc = coder.code_text(text)
    [event] = doc.events
    assert text[event.recipient.start:event.recipient.end] == "dozens of Islamic State fighters"
    assert event.recipient.start > text.index("Iraqi")



# What the coder knows beyond the parse shapes the phrase: who the side is, what the event is.
CODED = [
    # coordinated recipients: one event each, each with its own conjunct (a lone "both" goes)
    ("Japan lifted sanctions against both India and Pakistan.", [("Japan", "India"), ("Japan", "Pakistan")]),
    # where a person is, is not who the person is; a title's own "to" phrase is
    ("Germany summoned the Chinese ambassador in Berlin on Monday.", [("Germany", "the Chinese ambassador")]),
    ("Saudi Arabia's ambassador to the United Nations criticized the Iranian foreign minister.",
     [("Saudi Arabia's ambassador to the United Nations", "the Iranian foreign minister")]),
    # what is done with the patients is not part of them: "to Idlib", "as human shields"
    ("Turkish authorities deported more than 16,000 Syrians to Idlib.",
     [("Turkish authorities", "more than 16,000 Syrians")]),
    # the charge of an accusation is not the accused
    ("Iran accused the United States of economic terrorism.", [("Iran", "the United States")]),
    # a state found through a place inside the object: the object is the recipient's phrase
    ("Boko Haram jihadists attacked a military base in northeast Nigeria.",
     [("Boko Haram jihadists", "a military base in northeast Nigeria")]),
    # what was hit, with the place that locates it, whichever of the two the parser hangs the place on
    ("The Taliban stormed a police headquarters in eastern Afghanistan on Sunday.",
     [("The Taliban", "a police headquarters in eastern Afghanistan")]),
    # ... or the object of the preposition that takes what the act is aimed at or leaves
    ("UNDOF withdrew peacekeepers from another position in Syria.",
     [("UNDOF", "another position in Syria")]),
    ("Syrian government forces continued their attacks on the rebel-held eastern Ghouta region near Damascus.",
     [("Syrian government forces", "the rebel-held eastern Ghouta region near Damascus")]),
    # ... and so for a state named where the object lies
    ("Yemeni forces hit military positions in Saudi Arabia's Asir region with a ballistic missile.",
     [("Yemeni forces", "military positions in Saudi Arabia's Asir region")]),
    # a place after the object locates it, whichever of the two the parser hangs it on; a date does not
    ("Armenian police detained dozens of demonstrators in Yerevan on April 18.",
     [("Armenian police", "dozens of demonstrators in Yerevan")]),
    ("The United States accepted 1,141 Iraqi refugees in May.", [("The United States", "1,141 Iraqi refugees")]),
    ("Twenty New People's Army rebels surrendered to the police in Camarines Norte on Monday afternoon.",
     [("Twenty New People's Army rebels", "the police in Camarines Norte")]),
    ("The Iraqi military has carried out several air strikes against Islamic State in Syria since last year.",
     [("The Iraqi military", "Islamic State in Syria")]),
    # ... but the object a rule needs is the act, not a party: a curfew is aimed at the place
    ("Indian authorities imposed a curfew in Srinagar.", [("Indian authorities", "Srinagar")]),
    # ... through its "of" complement too ("a state of siege"); what the act follows is no party,
    # and a time zone is no organisation
    ("Indian police imposed a curfew in the city of Ahmedabad after clashes between Hindu and Muslim gangs.",
     [("Indian police", "Ahmedabad")]),
    ("The UN declared a state of siege in Katanga pending a manhunt for the rebel leader Moise Tshombe.",
     [("The UN", "Katanga")]),
    ("Iraqi officials imposed a curfew on Basra starting at 4pm local time (1300 GMT) on Saturday.",
     [("Iraqi officials", "Basra")]),
    ("The U.N. Conciliation Commission ended mediation efforts in the Arab-Israeli dispute.",
     [("The U.N. Conciliation Commission", "the Arab-Israeli dispute")]),
    # the "of" object of a noun that names an act is what the act is done to ("four of them",
    # "members of a group" keep their noun)
    ("Saudi Arabia lifted its blockade of Qatar.", [("Saudi Arabia", "Qatar")]),
    ("The Syrian army intensified its bombardment of a besieged Palestinian neighborhood.",
     [("The Syrian army", "a besieged Palestinian neighborhood")]),
    # what a verb of movement moves is the actor's own: the party is where it goes or serves
    ("Russia has strengthened its forces in Crimea.", [("Russia", "Crimea")]),
    ("Japan is sending troops to the United Nations peacekeeping force in South Sudan.",
     [("Japan", "South Sudan")]),
    # what an act hit is its recipient; a participle after it is a further act with its own
    ("Syrian warplanes attacked the final rebel-held city near Damascus on Friday, killing dozens of people.",
     [("Syrian warplanes", "the final rebel-held city near Damascus"), ("Syrian warplanes", "dozens of people")]),
    # the trigger is never part of its argument, even where the parser hangs it on the object
    ("Yemen let free activists in the face of protests.", [("Yemen", "activists")]),
    # a place named once as a word is found as that word, not inside another ("South Sudanese")
    ("About 243000 South Sudanese refugees have sought refuge in Sudan since the war.",
     [("About 243000 South Sudanese refugees", "Sudan")]),
    # who makes the demands conceded to is the one conceded to
    ("The Sao Paulo state government conceded yesterday to demands from the Neighborhood Association.",
     [("The Sao Paulo state government", "the Neighborhood Association")]),
    # the act a possessor does keeps what it is done to (what follows a possessed thing does not)
    ("Ambassador Cui Tiankai defended China's recent expansion of reefs.",
     [("Ambassador Cui Tiankai", "China's recent expansion of reefs")]),
    # a protest is not aimed at the place it is held in: its target, the state, is inferred
    ("Thousands of workers protested in Paris against the pension reform.", [("Thousands of workers", None)]),
]


@pytest.mark.parametrize("text, expected", CODED, ids=[c[0][:40] for c in CODED])
def test_coded_sides_read_as_specified(coder, text, expected):
    assert sides(coder, text) == expected
