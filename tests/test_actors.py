"""The actors stage: mentions of states, bodies, people and groups, resolved within an article."""

from __future__ import annotations

import pytest

from communique.actors.lookup import mention_for_token, mentions_in
from communique.actors.names import fold, slug
from communique.actors.stage import ActorStage
from communique.nlp.parse import Parser
from communique.records import Document


@pytest.fixture(scope="module")
def run():
    parser, stage = Parser(), ActorStage()

    def code(text: str, published: str | None = "2021-04-23", doc_id: str = "t") -> Document:
        return stage(parser(Document(doc_id=doc_id, text=text, content_hash="x", published=published)))

    return code


def mention_at(doc: Document, word: str, nth: int = 0):
    """The mention the event coder would get for the ``nth`` token spelled ``word``."""
    tokens = [t for t in doc.spacy_doc if t.text == word]
    return mention_for_token(doc, tokens[nth])


PHRASES = [
    # sentence, argument head word, country, sector, name
    ("Chinese Defense Minister Chang Wanquan met the delegation.", "Wanquan", "CHN", "MIL", "Chang Wanquan"),
    ("Russian Foreign Minister Sergei Lavrov arrived in Hanoi on Monday.", "Lavrov", "RUS", "GOV", "Sergei Lavrov"),
    ("Vietnam's Deputy Defense Minister Nguyen Chi Vinh met him.", "Vinh", "VNM", "MIL", "Nguyen Chi Vinh"),
    ("Senior Lieutenant General Hoang Xuan Chien, deputy minister of National Defense of Vietnam, spoke.",
     "Chien", "VNM", "MIL", "Hoang Xuan Chien"),
    ("Japanese Prime Minister Fumio Kishida called for calm.", "Kishida", "JPN", "GOV", "Fumio Kishida"),
    # a demonym the tagger reads as the start of a person's name is still the person's state
    ("Kenyan Defence Cabinet Secretary Aden Duale met the delegation.", "Duale", "KEN", "MIL", "Aden Duale"),
    ("Rear Adm. John Smith, commander of the fleet, visited the port.", "Smith", None, "MIL", "John Smith"),
    ("NATO Secretary General Jens Stoltenberg warned Moscow.", "Stoltenberg", "NATO", "GOV", "Jens Stoltenberg"),
    ("The Kremlin rejected the proposal.", "Kremlin", "RUS", "GOV", "Kremlin"),
    # the post's state between title and name: the title still names the person
    ("Beijing summoned Japanese Ambassador to China Kenji Kanasugi and lodged representations over remarks on "
     "Taiwan.", "Kanasugi", "JPN", "GOV", "Kenji Kanasugi"),
    ("The White House announced new sanctions.", "House", "USA", "GOV", "White House"),
    ("Seoul protested the missile launch.", "Seoul", "KOR", None, "South Korea"),
    ("Pyongyang fired two missiles on Sunday.", "Pyongyang", "PRK", None, "North Korea"),
    ("Washington imposed tariffs on steel.", "Washington", "USA", None, "United States"),
    ("Beijing criticised the decision.", "Beijing", "CHN", None, "China"),
    ("Viet Nam and Laos signed an agreement.", "Nam", "VNM", None, "Vietnam"),
    ("The U.S. Navy sent a destroyer to the area.", "Navy", "USA", "MIL", None),
    # a coast guard polices the sea: CAMEO codes it with the police
    ("The Philippine coast guard said a vessel was blocked.", "guard", "PHL", "COP", None),
    ("Indonesian police arrested three suspects.", "police", "IDN", "COP", None),
    ("Thai protesters gathered outside parliament.", "protesters", "THA", "OPP", None),
    ("The Chinese side expressed concern.", "side", "CHN", "GOV", None),
    ("The Ministry of Foreign Affairs of Cambodia issued a statement.", "Ministry", "KHM", "GOV", None),
    ("South Korean lawmakers passed the bill.", "lawmakers", "KOR", "LEG", None),
    ("The Chinese coast guard seized a Vietnamese fishing boat.", "boat", "VNM", "CVL", None),
    ("Russian warships entered the strait.", "warships", "RUS", "MIL", None),
    ("Both sides agreed to continue talks.", "sides", None, None, "both sides"),
    ("The two countries signed a memorandum.", "countries", None, None, "both sides"),
    ("The Munich Security Conference invited him.", "Conference", None, "NGO", "Munich Security Conference"),
    ("The United Nations condemned the attack.", "Nations", "UNO", "IGO", "United Nations"),
    ("ASEAN member states met in Jakarta.", "states", "ASEAN", None, None),
    ("Sen. John McCain criticised the deal.", "McCain", None, "LEG", "John McCain"),
    ("Lt. Gen. Wu Qian, spokesperson of the Ministry of National Defense, told reporters.", "Qian", None,
     "MIL", "Wu Qian"),
    # a counterpart holds the office of the one it is the counterpart of, and is of its own state
    ("Indonesian Defence Minister Prabowo Subianto met his Australian counterpart Richard Marles.", "Marles",
     "AUS", "MIL", "Richard Marles"),
    # a listed leader is a person whatever the tagger makes of the name; an ethnic group is no state
    ("Erdogan accused Gulen of plotting a coup.", "Erdogan", "TUR", "GOV", "Erdogan"),
    ("Ethnic Albanians protested in Skopje.", "Albanians", None, "CVL", "ethnic Albanians"),
    # a hyphened given name is one name, however the parser splits it
    ("North Korean leader Kim Jong-un criticized the drills.", "un", "PRK", "GOV", "Kim Jong-un"),
    ("Kim Jong-un criticized Moon Jae-in on Monday.", "in", "KOR", "GOV", "Moon Jae-in"),
    # a body named as the modifier of a thing is a mention of its own; its own people are one phrase
    ("The Taliban rejected an Afghan government offer of a ceasefire.", "government", "AFG", "GOV", None),
    ("Gunmen attacked a police station in Kabul.", "police", None, "COP", None),
    ("Afghan government forces shelled the town.", "forces", "AFG", "MIL", None),
    # the people of a named body are its own, of its sector, not unidentified attackers
    ("Hamas leaders rejected the proposal.", "leaders", "PSE", "REB", None),
    ("Eight al-Qaeda leaders were killed.", "leaders", "IMG", "REB", None),
    ("Taliban attackers stormed a police headquarters in Kabul.", "attackers", "AFG", "REB", None),
    ("Hamas gunmen attacked an Israeli patrol.", "gunmen", "PSE", "REB", None),
    ("Unidentified gunmen attacked a police station in Kabul.", "gunmen", None, "UAF", None),
    # a body named after its seat or its leader is of that state
    ("A Cairo court sentenced the journalist.", "court", "EGY", "JUD", None),
    ("The Bush administration imposed tariffs.", "administration", "USA", "GOV", None),
]


@pytest.mark.parametrize("text, head, country, sector, name", PHRASES)
def test_argument_heads_resolve_to_actors(run, text, head, country, sector, name):
    mention = mention_at(run(text), head)
    assert mention is not None, text
    assert (mention.country, mention.sector) == (country, sector)
    if name is not None:
        assert mention.name == name


def test_a_named_counterpart_is_the_same_person_later(run):
    doc = run("Indonesian Defence Minister Prabowo Subianto met his Australian counterpart Richard Marles in "
              "Canberra. Marles said Australia would provide training support.")
    later = mention_at(doc, "Marles", 1)
    assert later is not None and (later.country, later.sector, later.name) == ("AUS", "MIL", "Richard Marles")


def test_no_one_is_named_with_digits(run):
    doc = run("China donated medical supplies to Kenya to fight COVID-19.")
    assert not [m for m in doc.mentions if m.kind == "person"]


def test_a_medium_is_no_body(run):
    doc = run("Iran denied media reports that its ships were seized.")
    assert not [m for m in doc.mentions if m.text.lower().startswith("media")]


def test_capital_used_as_a_place_is_no_actor(run):
    doc = run("The talks were held in Beijing on Monday.")
    assert not [m for m in doc.mentions if "Beijing" in m.text]


def test_an_abbreviation_in_brackets_is_the_name_before_it(run):
    doc = run("Talks with the Central African Republic (CAR) resumed. CAR officials welcomed them.")
    assert [(m.country, m.name) for m in doc.mentions if m.text == "CAR"] == [("CAF", "Central African Republic")]
    assert [(m.country, m.sector) for m in doc.mentions if m.text == "CAR officials"] == [("CAF", "GOV")]


def test_counterparts_of_several_states_named_in_turn_are_of_those_states_in_turn(run):
    doc = run("Chilean Foreign Minister Ana Soto received her Peruvian and Bolivian counterparts Carlos Rivera "
              "and Maria Flores in Santiago.")
    assert {m.text: m.country for m in doc.mentions if m.kind == "person"} == {
        "Chilean Foreign Minister Ana Soto": "CHL", "Carlos Rivera": "PER", "Maria Flores": "BOL"}


def test_an_abbreviated_rank_ends_no_sentence(run):
    doc = run("The delegation was led by Maj.-Gen. Koffi Agbo, who met Brig.-Gen. Ama Owusu.")
    assert len(doc.sentences) == 1
    assert {m.name for m in doc.mentions if m.kind == "person"} >= {"Koffi Agbo", "Ama Owusu"}


def test_an_abbreviation_of_a_zone_a_state_owns_is_that_state_s(run):
    """"Norway's air defence identification zone (NADIZ)" ... "the NADIZ": the zone is Norway's,
    however the tagger reads the abbreviation."""
    doc = run("Oslo protested the entry of the bombers into Norway's air defence identification zone (NADIZ). "
              "On Monday, four bombers entered the NADIZ again.")
    assert {m.country for m in doc.mentions if "NADIZ" in m.text} == {"NOR"}
    assert all(m.kind != "person" for m in doc.mentions if "NADIZ" in m.text)


def test_a_later_abbreviation_of_a_body_is_the_body(run):
    doc = run("The Joint Border Commission (JBC) met in Lusaka. The JBC agreed to meet again in June.")
    body = next(m for m in doc.mentions if m.text.startswith("The Joint Border Commission"))
    later = [m for m in doc.mentions if m.text in ("JBC", "The JBC") and m.start > body.end]
    assert later and all(m.actor_id == body.actor_id for m in later)


def test_an_agency_in_brackets_after_a_dateline_is_no_abbreviation_of_the_city(run):
    doc = run("CAIRO (AP) — Sudan summoned the Egyptian ambassador on Monday.")
    assert [m.country for m in doc.mentions if m.text == "AP"] in ([], [None])


def test_an_acronym_the_tagger_misreads_is_still_a_body(run):
    doc = run("ICE returned 11 oil paintings to the Pirmasen Municipal Museum in Germany.")
    assert [(m.text, m.kind) for m in doc.mentions if m.text == "ICE"] == [("ICE", "organisation")]
    headline = run("PUTIN MEETS XI IN BEIJING")  # a headline in capitals is not a row of acronyms
    assert not [m for m in headline.mentions if m.kind == "organisation"]


def test_combining_forms_name_both_states(run):
    doc = run("Sino-Japanese relations have improved.")
    assert {m.country for m in doc.mentions if m.kind == "country"} == {"CHN", "JPN"}


def test_coordinated_demonyms_keep_their_own_country(run):
    doc = run("The Chinese and Vietnamese militaries should deepen cooperation.")
    outer = mention_at(doc, "militaries")
    assert (outer.kind, outer.country, outer.sector) == ("group", None, "MIL")
    parts = sorted((m.country, m.sector) for m in mentions_in(doc, outer.start, outer.end) if m is not outer)
    assert parts == [("CHN", "MIL"), ("VNM", "MIL")]


def test_person_span_covers_the_appositive(run, examples):
    text = (examples / "000_5d86ad8f59b759c7.txt").read_text(encoding="utf-8")
    doc = run(text, doc_id="000")
    shao = mention_at(doc, "Yuanming")
    assert shao.text.startswith("Lieutenant General Shao Yuanming, deputy chief of staff")
    assert shao.text.endswith("Central military Commission (CMC)")
    assert doc.text[shao.head_start:shao.head_start + 8] == "Yuanming"
    assert (shao.rank, shao.title) == ("Lieutenant General", "deputy chief of staff")
    china = [m for m in mentions_in(doc, shao.start, shao.end) if m.kind == "country"]
    assert [m.country for m in china] == ["CHN"]


@pytest.fixture(scope="module")
def article_000(run, examples):
    return run((examples / "000_5d86ad8f59b759c7.txt").read_text(encoding="utf-8"), doc_id="000")


@pytest.fixture(scope="module")
def article_003(run, examples):
    return run((examples / "003_73568821c3b19598.txt").read_text(encoding="utf-8"), published="2016-11-02",
               doc_id="003")


@pytest.mark.parametrize("word, nth, actor_id, country, sector", [
    ("Yuanming", 0, "person:shao-yuanming", "CHN", "MIL"),
    ("Chien", 0, "person:hoang-xuan-chien", "VNM", "MIL"),
    ("Jinping", 0, "person:xi-jinping", "CHN", "GOV"),
    ("Phuc", 0, "person:nguyen-xuan-phuc", "VNM", "GOV"),
    ("Shao", 1, "person:shao-yuanming", "CHN", "MIL"),  # "Lt. Gen. Shao noted"
    ("Shao", 4, "person:shao-yuanming", "CHN", "MIL"),  # "said Shao."
    ("Chien", 1, "person:hoang-xuan-chien", "VNM", "MIL"),  # "Sen. Lt. Gen. Hoang Xuan Chien said"
    ("He", 0, "person:hoang-xuan-chien", "VNM", "MIL"),
    ("military", 1, "group:vnm-mil-military", "VNM", "MIL"),  # "The Vietnamese military is willing"
    ("counterpart", 0, None, "CHN", "MIL"),
])
def test_consultation_article(article_000, word, nth, actor_id, country, sector):
    mention = mention_at(article_000, word, nth)
    assert (mention.country, mention.sector) == (country, sector)
    if actor_id:
        assert mention.actor_id == actor_id


@pytest.mark.parametrize("word, nth, actor_id, country, sector", [
    ("Wanquan", 0, "person:chang-wanquan", "CHN", "MIL"),
    ("Vinh", 0, "person:nguyen-chi-vinh", "VNM", "MIL"),
    ("Vinh", 1, "person:nguyen-chi-vinh", "VNM", "MIL"),  # "Vinh is leading"
    ("Wanquan", 1, "person:chang-wanquan", "CHN", "MIL"),
    ("he", 0, "person:chang-wanquan", "CHN", "MIL"),  # "..., he noted."
    ("He", 0, "person:nguyen-chi-vinh", "VNM", "MIL"),  # "He added"
    ("minister", 0, "person:nguyen-chi-vinh", "VNM", "MIL"),  # "The deputy minister stated"
    ("delegation", 0, None, "VNM", "MIL"),  # "a senior military delegation" led by Vinh
    ("delegation", 2, None, "VNM", "MIL"),  # "the Vietnamese delegation attends"
    ("Institute", 0, "org:vnm-institute-for-military-strategy", "VNM", "MIL"),
    ("Academy", 0, "org:chn-academy-of-military-science", "CHN", "MIL"),
    ("ASEAN", 0, None, "ASEAN", "IGO"),
])
def test_visit_article(article_003, word, nth, actor_id, country, sector):
    mention = mention_at(article_003, word, nth)
    assert (mention.country, mention.sector) == (country, sector)
    if actor_id:
        assert mention.actor_id == actor_id


def test_every_named_person_has_country_and_sector(article_000, article_003):
    for doc in (article_000, article_003):
        people = [a for a in doc.annotations["actors"] if a.kind == "person" and a.name != "Mao Zedong"]
        assert people
        assert all(a.country and a.sector for a in people), people


def test_actors_are_deduplicated(article_000):
    ids = [a.actor_id for a in article_000.annotations["actors"]]
    assert len(ids) == len(set(ids))
    assert "person:shao-yuanming" in ids and "country:CHN" in ids


def test_diacritics_and_name_order(run):
    plain = run("Deputy Defense Minister Nguyen Chi Vinh met him. Vinh said talks went well.", doc_id="a")
    marked = run("Deputy Defense Minister Nguyễn Chí Vịnh met him. Vịnh said talks went well.", doc_id="b")
    assert mention_at(plain, "Vinh").actor_id == mention_at(marked, "Vịnh").actor_id == "person:nguyen-chi-vinh"
    assert mention_at(marked, "Vịnh", 1).actor_id == "person:nguyen-chi-vinh"


@pytest.mark.parametrize("text, folded, slugged", [
    ("Nguyễn Chí Vịnh", "Nguyen Chi Vinh", "nguyen-chi-vinh"),
    ("Đặng Thị Ngọc Thịnh", "Dang Thi Ngoc Thinh", "dang-thi-ngoc-thinh"),
    ("Søren Ørsted", "Soren Orsted", "soren-orsted"),
])
def test_fold_strips_diacritics(text, folded, slugged):
    assert fold(text) == folded
    assert slug(text) == slugged


def test_family_name_first_reference(run):
    doc = run("Chinese Foreign Minister Wang Yi met Japanese officials. Wang said ties had improved.")
    assert mention_at(doc, "Wang", 1).actor_id == "person:wang-yi"


def test_western_names_are_referred_to_by_surname(run):
    doc = run("U.S. Secretary of State Antony Blinken arrived in Seoul. Blinken met his counterpart.")
    blinken = mention_at(doc, "Blinken", 1)
    assert (blinken.actor_id, blinken.country, blinken.sector) == ("person:antony-blinken", "USA", "GOV")


def test_user_dictionary_overrides_builtins(tmp_path):
    path = tmp_path / "team.csv"
    path.write_text("name,code,period\nChang Wanquan,CHN GOV,2013-03 to 2018-03\n", encoding="utf-8")
    parser, stage = Parser(), ActorStage(dictionaries=[path])
    text = "Chinese Defense Minister Chang Wanquan met the delegation."
    doc = stage(parser(Document(doc_id="d", text=text, content_hash="x", published="2016-11-02")))
    chang = mention_at(doc, "Wanquan")
    assert (chang.country, chang.sector) == ("CHN", "GOV")
    assert "dictionary" in chang.rule


def test_stage_needs_a_parse():
    with pytest.raises(ValueError, match="parse"):
        ActorStage()(Document(doc_id="x", text="China.", content_hash="x"))


def test_craft_named_with_their_service_are_of_that_service(run):
    doc = run("Two Indian Navy ships and a Chinese fishing boat entered the harbour.")
    assert (mention_at(doc, "ships").sector, mention_at(doc, "boat").sector) == ("MIL", "CVL")
