"""Who a plural or a list of parties stands for: "They", "the two sides", "the ministers" are the
parties named last before them; "A, B and C", "officials from A, B and C" and "the attaches of A
and B" name several parties at once."""

from __future__ import annotations

from ..records import ActorRef, Document, Mention, Participant

PLURAL_PRONOUNS = {"they", "them", "their", "we", "us", "our"}
PLURAL_DETERMINERS = {"the", "both", "these", "those", "officials", "ministers", "leaders", "delegations",
                      "senior", "defense", "defence", "military", "government"}
NUMBERS = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5}
LOOK_BACK = 8  # sentences searched for the participants a plural refers to
MAX_PARTIES = 5


def adversary(doc: Document, ref: ActorRef, mentions: dict[str, Mention]) -> bool:
    """The party is what the parties act together against ("cooperate against D's missile
    threat"): a common adversary, not a party to their act."""
    m = mentions.get(ref.mention_id or "")
    sdoc = doc.spacy_doc
    if m is None or sdoc is None or m.head_start is None:
        return False
    tok = next((t for t in sdoc if t.idx == m.head_start), None)
    while tok is not None and tok.head != tok and tok.dep_ in ("poss", "compound", "amod", "nmod", "pobj", "conj"):
        if tok.dep_ == "pobj" and tok.head.lower_ in ("against", "over"):
            return True
        tok = tok.head
    return False


def is_plural(ref: ActorRef, m: Mention | None) -> bool:
    """The side is a plural that names no state: "They", "both sides", "the two ministers"."""
    text = (ref.text or "").lower()
    if m is not None and m.kind == "pronoun" and m.rule and m.rule.startswith("pronoun-group"):
        return True
    if text in PLURAL_PRONOUNS:
        return True
    if m is not None and m.kind == "group" and not m.country and (m.rule or "").startswith(("both-sides", "group-term")):
        # "both sides", "the ministers", "Officials": people of no stated state (not "Chinese troops")
        return m.rule.startswith("both-sides") or (text.endswith("s") and text.split()[0] in PLURAL_DETERMINERS)
    return False


def plural_words(text: str) -> bool:
    """Words of a plural of people or states: "they", "the two ministers", "both sides"."""
    words = text.lower().split()
    return bool(words) and (text.lower() in PLURAL_PRONOUNS or number_of(text) is not None
                            or (words[0] in PLURAL_DETERMINERS and words[-1].endswith("s")))


def misread_plural(doc: Document, m: Mention | None) -> bool:
    """"They" taken for one person, state or body ("X met his counterpart Y. They agreed ...";
    "... within the ASEAN framework. They agreed ..."): a plural refers to a plural, so a singular
    antecedent is a misreading, and the plural is read again as the parties named before."""
    if m is None or m.kind != "pronoun" or not m.actor_id:
        return False
    antecedents = [o for o in doc.mentions if o.actor_id == m.actor_id and o.kind != "pronoun" and o.start < m.start]
    if not antecedents or doc.spacy_doc is None:
        return False
    last = antecedents[-1]
    head = next((t for t in doc.spacy_doc if t.idx == last.head_start), None)
    return head is not None and head.tag_ not in ("NNS", "NNPS")


def number_of(text: str) -> int | None:
    return next((n for w, n in NUMBERS.items() if w in text.lower().split()), None)


def named_before(doc: Document, sentence: int, before: int | None, wanted: int | None,
                  registry: dict[str, Participant]) -> tuple[list[ActorRef], int] | None:
    """The parties named last before the plural: the people of distinct states named together in
    one sentence (the story's principals), else, nearer, the states or bodies named together."""
    for kinds, back in ((("person",), LOOK_BACK), (("person", "organisation", "group", "country"), 1)):
        for s in range(sentence, max(-1, sentence - back - 1), -1):
            named = [m for m in doc.mentions if m.sentence == s and m.kind in kinds
                     and (s < sentence or before is None or m.end <= before)]
            refs = distinct_parties(named, registry)
            if len(refs) >= 2 and (wanted is None or len(refs) >= wanted):
                return refs[:wanted or MAX_PARTIES], s
    return None


def distinct_parties(mentions: list[Mention], registry: dict[str, Participant]) -> list[ActorRef]:
    """One party per state, in order, each with the state and sector the article gives it."""
    refs: list[ActorRef] = []
    for m in mentions:
        p = registry.get(m.actor_id or "")
        country = m.country or (p.country if p is not None else None)
        if not country or len(country) != 3 or any(r.country == country for r in refs):
            continue
        sector = p.sector if p is not None and p.sector else m.sector
        refs.append(ActorRef(country=country, sector=sector, name=p.name if p is not None else m.name or m.text,
                             text=m.text, actor_id=m.actor_id, mention_id=m.mention_id))
    return refs


def coordinated(doc: Document, m: Mention, registry: dict[str, Participant]) -> list[ActorRef]:
    """The states coordinated with the side's mention: "South Korea, the U.S. and Japan";
    "officials from South Korea, the United States and Japan"."""
    sdoc = doc.spacy_doc
    if sdoc is None or m.head_start is None:
        return []
    tok = next((t for t in sdoc if t.idx == m.head_start), None)
    if tok is None:
        return []
    from ..actors.lookup import mention_for_token

    if not tok.conjuncts and m.kind == "group":  # "officials from A, B and C"
        tok = next((p for c in tok.children if c.dep_ == "prep" and c.lower_ in ("from", "of")
                    for p in c.children if p.dep_ == "pobj"), tok)
        start = mention_for_token(doc, tok)
        m = start if start is not None and start.kind == "country" else m
    listed = [tok, *tok.conjuncts]
    for a in (c for c in tok.children if c.dep_ == "appos" and c.conjuncts):  # "A, the U.S. and C" (misparsed)
        listed += [a, *a.conjuncts]
    found = [m]
    for t in sorted(set(listed) - {tok}, key=lambda t: t.i):
        other = mention_for_token(doc, t)
        if other is not None and other.kind in ("country", "person", "organisation") and other is not m:
            found.append(other)
    return distinct_parties(found, registry)[:MAX_PARTIES] if len(found) > 1 else []


def named_inside(doc: Document, m: Mention, registry: dict[str, Participant]) -> list[ActorRef]:
    """The states named inside a group's or body's words: "the defence attaches of A and B"."""
    if m.kind not in ("group", "organisation") or m.country:
        return []
    from ..actors.lookup import mentions_in

    return distinct_parties([o for o in mentions_in(doc, m.start, m.end) if o.kind == "country"], registry)
