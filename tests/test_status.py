"""Event status: occurred, planned or ongoing, from tense, auxiliaries, cue words and the date."""

from __future__ import annotations

import pytest

from communique.nlp.model import load_model
from communique.records import Document, Event, Evidence, Sentence, Trigger
from communique.time.stage import make_status
from communique.time.vocab import VocabularyError, load_status_cues

# sentence, trigger word, expected status
STATUS_TABLE = [
    # what the act is done to may tell its own time; the act is done now
    ("The two ministers discussed plans to expand joint exercises next year.", "discussed", "occurred"),
    ("The leaders welcomed progress and discussed the upcoming summit.", "discussed", "occurred"),
    # a purpose infinitive is as done as the act it is the purpose of
    ("The minister will travel to Osaka on Monday to visit the naval base.", "visit", "planned"),
    ("The minister travelled to Osaka on Monday to visit the naval base.", "visit", "occurred"),
    ("The 10th Defense and Security Consultation was held in Dongxing city on April 23.", "held", "occurred"),
    ("The foreign ministers signed a memorandum of understanding on maritime cooperation.", "signed", "occurred"),
    ("The joint exercise was held as planned in the Gulf of Thailand.", "held", "occurred"),
    ("Japan has lodged a protest with China over the incident.", "lodged", "occurred"),
    ("Chang Wanquan spoke during his meeting with Nguyen Chi Vinh in Beijing on November 2.", "meeting", "occurred"),
    ("China wants to deepen defense cooperation with Vietnam, stated Defense Minister Chang Wanquan.",
     "deepen", "occurred"),
    ("The minister said the two countries agreed to expand military ties.", "agreed", "occurred"),
    ("The Vietnamese military is willing to continue enhancing cooperation with China.", "enhancing", "occurred"),
    ("Chinese Foreign Minister Wang Yi will visit Jakarta next week.", "visit", "planned"),
    ("The sixth Vietnam-China Defense Strategic Dialogue is slated for November 4 in China.", "Dialogue", "planned"),
    ("Vinh is leading a delegation to the sixth Defense Strategic Dialogue slated for November 4.",
     "Dialogue", "planned"),
    ("The two navies are to hold a joint patrol in the Gulf of Tonkin.", "hold", "planned"),
    ("India plans to send a frigate to the Philippines.", "send", "planned"),
    ("The two sides agreed to hold the next round of talks in Lima.", "hold", "planned"),
    ("The two sides agreed to hold the next round of talks in Lima.", "agreed", "occurred"),
    ("The talks are expected to resume in Doha on Monday.", "resume", "planned"),
    ("The summit, to be held in Vientiane in October, will focus on trade.", "summit", "planned"),
    ("Officials discussed the upcoming visit by the Indian prime minister.", "visit", "planned"),
    ("He said the two countries would hold a strategic dialogue next month.", "hold", "planned"),
    ("China is going to host the next round of talks.", "host", "planned"),
    ("The president met his counterpart and will sign the agreement on Friday.", "met", "occurred"),
    ("The president met his counterpart and will sign the agreement on Friday.", "sign", "planned"),
    ("The leaders will meet in Geneva and sign a joint statement.", "sign", "planned"),
    ("The ministers are scheduled to meet in Brussels.", "meet", "planned"),
    ("The joint naval exercise kicked off in the Gulf of Thailand on Monday.", "exercise", "ongoing"),
    ("Talks between the two delegations are under way in Geneva.", "Talks", "ongoing"),
    ("Russia and China are holding joint naval drills in the Sea of Japan.", "holding", "ongoing"),
    ("The Chilean and Peruvian defence ministers will co-sign the Pacific Defence Arrangement.", "sign", "planned"),
    ("The ongoing negotiations between Iran and the agency were discussed.", "negotiations", "ongoing"),
    ("The negotiations between Iran and the agency continue in Vienna.", "negotiations", "ongoing"),
    ("China continues to build up its presence near the atoll.", "build", "ongoing"),
    ("The standoff at the border continues, officials said.", "standoff", "ongoing"),
]


@pytest.fixture(scope="module")
def nlp():
    return load_model()


def make_doc(nlp, text: str, trigger: str | None, *, published: str | None = None) -> Document:
    """A parsed one-event document; ``trigger`` is the first occurrence of that word (or None)."""
    sdoc = nlp(text)
    doc = Document(doc_id="s", text=text, content_hash="s", published=published)
    doc.annotations["spacy"] = sdoc
    doc.sentences = [Sentence(i, s.start_char, s.end_char, s.text) for i, s in enumerate(sdoc.sents)]
    start = text.index(trigger) if trigger else 0
    doc.events.append(Event(
        event_id="s-0", doc_id="s", event_type="CONSULT", cameo="040",
        trigger=Trigger(trigger, start, start + len(trigger)) if trigger else None,
        evidence=[Evidence("s", text, 0, len(text), 0)], sentence_index=0,
    ))
    return doc


@pytest.mark.parametrize("text, trigger, expected", STATUS_TABLE)
def test_status_from_sentence(nlp, text, trigger, expected):
    doc = make_status({})(make_doc(nlp, text, trigger))
    assert doc.events[0].status == expected


def test_date_after_publication_means_planned(nlp):
    doc = make_doc(nlp, "Talks between the foreign ministers take place in Hanoi on May 10.", "Talks",
                   published="2024-05-02")
    doc.events[0].date = "2024-05-10"
    assert make_status({})(doc).events[0].status == "planned"


def test_date_range_over_publication_means_ongoing(nlp):
    doc = make_doc(nlp, "The joint exercise runs from May 1 to May 10.", "exercise", published="2024-05-05")
    doc.events[0].date, doc.events[0].date_end = "2024-05-01", "2024-05-10"
    assert make_status({})(doc).events[0].status == "ongoing"


def test_past_date_keeps_occurred(nlp):
    doc = make_doc(nlp, "The ministers met in Hanoi on May 1.", "met", published="2024-05-05")
    doc.events[0].date = "2024-05-01"
    assert make_status({})(doc).events[0].status == "occurred"


def test_an_activity_that_began_just_before_publication_is_under_way(nlp):
    doc = make_doc(nlp, "The navies launched a joint exercise off the coast on Sunday.", "launched",
                   published="2024-05-06")
    doc.events[0].date = "2024-05-05"
    assert make_status({})(doc).events[0].status == "ongoing"


def test_an_activity_that_began_weeks_before_publication_occurred(nlp):
    doc = make_doc(nlp, "The navies launched a joint exercise off the coast in April.", "launched",
                   published="2024-05-20")
    doc.events[0].date = "2024-04-20"
    assert make_status({})(doc).events[0].status == "occurred"


def test_beginning_an_act_done_at_once_is_no_activity_under_way(nlp):
    doc = make_doc(nlp, "The two countries began operating a hotline on Sunday.", "began", published="2024-05-06")
    doc.events[0].date = "2024-05-05"
    assert make_status({})(doc).events[0].status == "occurred"


def test_an_activity_a_relative_clause_says_began_just_before_publication_is_under_way(nlp):
    doc = make_doc(nlp, "The ministers will fly to Iquique on Thursday for the last day of Trident 7, a naval "
                        "exercise involving the Chilean and Peruvian navies that began on Monday.", "exercise",
                   published="2024-06-04")
    doc.events[0].date = "2024-06-03"
    assert make_status({})(doc).events[0].status == "ongoing"


def test_event_without_trigger_keeps_its_status(nlp):
    doc = make_doc(nlp, "The exercise will be held next week.", None)
    doc.events[0].status = "ongoing"
    assert make_status({})(doc).events[0].status == "ongoing"


def test_status_cue_file_errors_name_file_and_line(tmp_path):
    bad = tmp_path / "cues.yaml"
    bad.write_text("planned:\n  phrases:\n    - slated for\n    - 42\n  auxiliaries: []\n  heads: []\n"
                   "ongoing:\n  phrases: []\n  verbs: []\n")
    with pytest.raises(VocabularyError, match=r"cues\.yaml \(line 4\).*entry 2"):
        load_status_cues(bad)


def test_status_cue_file_requires_sections(tmp_path):
    bad = tmp_path / "cues.yaml"
    bad.write_text("planned:\n  phrases: []\n  auxiliaries: []\n  heads: []\n")
    with pytest.raises(VocabularyError, match="ongoing"):
        load_status_cues(bad)


@pytest.mark.parametrize("text, expected", [
    # a threat, on a condition or not, is made when stated
    ("Chile will impose sanctions on Peru if it does not withdraw its troops.", ("THREATEN", "occurred")),
    ("Chile said it would impose sanctions on Peru.", ("THREATEN", "occurred")),
])
def test_a_threat_on_a_condition_or_not_is_made_when_stated(text, expected):
    from communique.api import Communique

    events = Communique().code_text(text, published="2024-05-14").events
    assert [(e.event_type, e.status) for e in events] == [expected]
