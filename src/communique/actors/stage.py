"""The ``actors`` stage: every actor mention in a parsed document, resolved to an actor."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .. import data_files
from ..records import Document, Mention
from pydantic import StrictBool

from ..registry import StageSettings, stage
from .abbreviations import resolve_abbreviations
from .dictionaries import ActorDictionary, load_dictionaries
from .extract import Extractor
from .gazetteer import Gazetteer, builtin_gazetteer, builtin_terms
from .resolve import Resolver
from .tables import load_tables


BUILTIN_PEOPLE = data_files.builtin("actors/people.csv")


class ActorStage:
    """Extract and resolve actor mentions; user dictionaries override the built-in vocabulary."""

    def __init__(self, dictionaries: list[str | Path] | None = None, strict_codes: bool = True) -> None:
        tables = load_tables()
        # the shipped people list first: user dictionaries, read after it, override it
        dictionaries = [BUILTIN_PEOPLE, *(dictionaries or [])]
        self.dictionary: ActorDictionary | None = load_dictionaries(dictionaries, strict_codes=strict_codes)
        if self.dictionary is None:
            gazetteer = builtin_gazetteer()
        else:
            gazetteer = Gazetteer()
            gazetteer.extend(builtin_terms(tables))
            gazetteer.extend(self.dictionary.terms())
        self.extract = Extractor(tables, gazetteer, known_person=self._known_person, person_state=self._person_state)
        self.resolve = Resolver(tables, self.dictionary)

    def _known_person(self, name: str) -> bool:
        entry = self.dictionary.lookup(name) if self.dictionary is not None else None
        return entry is not None and entry.kind == "person"

    def _person_state(self, name: str) -> str | None:
        entry = self.dictionary.lookup(name) if self.dictionary is not None else None
        if entry is None or entry.kind != "person":
            return None
        role = entry.default or (entry.roles[-1] if entry.roles else None)
        return role.country if role is not None else None

    def __call__(self, doc: Document) -> Document:
        sdoc = doc.spacy_doc
        if sdoc is None:
            raise ValueError(f"document {doc.doc_id!r} has no parse: run the 'parse' stage before 'actors'")
        candidates, actors = self.resolve(self.extract(sdoc), sdoc, doc.published)
        doc.mentions = []
        for n, cand in enumerate(candidates):
            start_char = sdoc[cand.start].idx
            last = sdoc[cand.end - 1]
            end_char = last.idx + len(last.text)
            doc.mentions.append(Mention(
                mention_id=f"{doc.doc_id}:m{n}", doc_id=doc.doc_id, sentence=cand.sentence,
                start=start_char, end=end_char, text=doc.text[start_char:end_char], kind=cand.kind,
                head_start=sdoc[cand.head].idx, country=cand.country, sector=cand.sector, name=cand.name,
                title=cand.title, rank=cand.rank, organisation=cand.organisation, actor_id=cand.actor_id,
                rule=cand.rule))
        doc.mentions = resolve_abbreviations(sdoc, doc.mentions)
        doc.annotations["actors"] = actors
        return doc


class ActorSettings(StageSettings):
    dictionaries: list[str] = []  # PETRARCH/TABARI .txt, CSV or YAML files; they override built-ins
    strict_codes: StrictBool = True  # reject codes that are not CAMEO country/agent codes


@stage("actors", requires=["doc.spacy"], assigns=["doc.mentions"], settings=ActorSettings)
def make_actors(settings: dict[str, Any]) -> ActorStage:
    strict = settings.get("strict_codes", True)
    if not isinstance(strict, bool):
        raise ValueError(f"[stages.actors] strict_codes must be true or false, not {strict!r}")
    return ActorStage(dictionaries=list(settings.get("dictionaries") or []), strict_codes=strict)
