"""Actor dictionaries that users bring: PETRARCH/TABARI ``.txt`` actors and agents, and team CSV/YAML.

PETRARCH actors file::

    NORTH_KOREA  [PRK]          # primary phrase with a default code
    +PYONGYANG                  # synonyms
    GOLLUM                      # date-restricted codes on indented lines
    \t[HOB < 950601]
    \t[HOBGOV 19950601 - 19990815]

PETRARCH agents file::

    !MINST! = MINISTER, MINISTRY     # substitution marker
    FOREIGN_MINISTER [~GOV]          # agent code after (~X) or before (X~) the actor
    ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]   # irregular plural; {} for none

Team CSV (header ``name,code,period`` and optionally ``title,aliases,kind``)::

    Chang Wanquan,CHN MIL,2013-03 to 2018-03

Team YAML: a list of ``{name, code, period?, roles?: [{code, period, title}], aliases?, kind?, same_as?}``.
Errors name the file and line (CSV/TXT) or entry (YAML).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

import yaml

from .. import data_files
from ..data_files import DataFileError
from ..data_schemas import TeamRow
from ..data_tables import read_csv
from ..yaml_files import load_yaml

from .gazetteer import Term
from .kinds import state_actor_id
from .names import norm_phrase, plural, slug
from .tables import SECTOR_CODES, known_country, load_tables


class DictionaryError(DataFileError):
    """A malformed user dictionary; ``str()`` reads ``file:line: problem``."""

    def __init__(self, path: str | Path, line: int | str, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line = str(path), line


@dataclass(slots=True)
class Role:
    country: str | None
    sector: str | None
    start: date | None = None
    end: date | None = None
    title: str | None = None
    code: str | None = None  # the code as written

    def covers(self, day: date | None) -> bool:
        if day is None:
            return self.start is None and self.end is None
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(slots=True)
class Entry:
    """One actor: a name, its synonyms and its (date-bounded) codes."""

    name: str
    aliases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)  # date-restricted roles, first match wins
    default: Role | None = None
    kind: str = "organisation"
    source: str = ""

    @property
    def actor_id(self) -> str:
        prefix = {"person": "person", "country": "country"}.get(self.kind, "org")
        if self.kind == "country" and self.default and self.default.country:
            return state_actor_id(self.default.country)
        return f"{prefix}:{slug(self.name)}"

    def role_on(self, day: date | None) -> Role | None:
        if day is not None:
            for role in self.roles:
                if role.covers(day):
                    return role
        return self.default


@dataclass(slots=True)
class Agent:
    """An agent phrase (a title or kind of body) and the sector it gives."""

    phrase: str
    sector: str
    before_actor: bool  # "NGO~": the code goes before the actor code
    source: str = ""


@dataclass
class ActorDictionary:
    entries: list[Entry] = field(default_factory=list)
    agents: list[Agent] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._index: dict[tuple[str, ...], Entry] = {}
        for entry in self.entries:
            self._add(entry)

    def _add(self, entry: Entry) -> None:
        for phrase in [entry.name, *entry.aliases]:
            self._index[norm_phrase(phrase)] = entry  # later files override earlier ones

    def merge(self, other: "ActorDictionary") -> None:
        self.entries += other.entries
        self.agents += other.agents
        for entry in other.entries:
            self._add(entry)

    def lookup(self, phrase: str) -> Entry | None:
        return self._index.get(norm_phrase(phrase))

    def code_on(self, phrase: str, day: str | date | None = None) -> Role | None:
        entry = self.lookup(phrase)
        return entry.role_on(_as_date(day)) if entry else None

    def person(self, name: str, published: str | None) -> tuple[str | None, str | None, str | None] | None:
        """(country, sector, actor_id) of a person entry valid on ``published``; None if unknown."""
        entry = self.lookup(name)
        if entry is None:
            return None
        role = entry.role_on(_as_date(published))
        if role is None:
            return None
        return role.country, role.sector, entry.actor_id

    def terms(self) -> Iterator[tuple[str, Term]]:
        """Gazetteer terms: non-person entries as actor phrases, agents as titles or organisations."""
        for entry in self.entries:
            if entry.kind == "person":
                continue
            role = entry.default or (entry.roles[0] if entry.roles else None)
            for phrase in [entry.name, *entry.aliases]:
                yield _as_name(phrase), Term("actor", entry.name, code=role.country if role else None,
                                             sector=role.sector if role else None, entry=entry)
        heads = load_tables().org_heads
        for agent in self.agents:
            last = norm_phrase(agent.phrase)[-1:]
            category = "organisation" if last and last[0] in heads else "title"
            yield agent.phrase, Term(category, agent.phrase.lower(), sector=agent.sector)


def _as_name(phrase: str) -> str:
    """PETRARCH dictionaries write every phrase in capitals: "GONDOR" is a name, not an acronym.

    Only phrases of at most three letters ("UN", "IDF") stay acronyms that match capitals only.
    """
    if any(ch.islower() for ch in phrase) or sum(ch.isalpha() for ch in phrase) <= 3:
        return phrase
    return phrase.title()


def load_dictionaries(paths: Iterable[str | Path], strict_codes: bool = True) -> ActorDictionary:
    """Read every dictionary in ``paths`` (later ones override earlier ones)."""
    merged = ActorDictionary()
    for path in paths:
        merged.merge(load_dictionary(path, strict_codes=strict_codes))
    return merged


def load_dictionary(path: str | Path, strict_codes: bool = True) -> ActorDictionary:
    """Read one dictionary, choosing the format by suffix (and for ``.txt`` by content)."""
    path = Path(path)
    if not path.exists():
        raise DictionaryError(path, 0, "dictionary file not found")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return ActorDictionary(entries=read_team_csv(path, strict_codes))
    if suffix in (".yaml", ".yml"):
        return ActorDictionary(entries=read_team_yaml(path, strict_codes))
    text = path.read_text(encoding="utf-8", errors="replace")
    if "agent" in path.name.lower() or re.search(r"\[\s*~|~\s*\]", text):
        return ActorDictionary(agents=read_petrarch_agents(path, strict_codes))
    return ActorDictionary(entries=read_petrarch_actors(path, strict_codes))


# -- codes -------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _extra_codes() -> frozenset[str]:
    raw = data_files.load_builtin("actors/cameo_codes.yaml") or {}
    codes = {str(c) for values in raw.values() for c in values}
    codes |= {b.code for b in load_tables().bodies if b.code}
    return frozenset(codes)


def _known(chunk: str) -> bool:
    return known_country(chunk) or chunk in SECTOR_CODES or chunk in _extra_codes()


def parse_code(code: str, where: tuple[Path, int | str], strict: bool) -> Role:
    """A CAMEO actor code ("CHNMIL", "CHN MIL", "IGOUNO", "---") as a role."""
    raw = code.strip()
    if raw in ("---", "+++", ""):
        return Role(None, None, code=raw)
    first = raw.split("/")[0].upper()
    parts = first.split() if " " in first else [first[i:i + 3] for i in range(0, len(first), 3)]
    if " " not in first and first in _extra_codes():
        parts = [first]
    if not all(re.fullmatch(r"[A-Z0-9]+", p) for p in parts):
        raise DictionaryError(*where, f"malformed code {code!r}")
    if strict:
        unknown = [p for p in parts if not _known(p)]
        if unknown:
            raise DictionaryError(*where, f"unknown code {unknown[0]!r} in {code!r}")
    head, rest = parts[0], parts[1:]
    if head in _TRANSNATIONAL:  # "IGOUNO": the body's own code follows its type
        bodies = {b.code for b in load_tables().bodies if b.code}
        country = next((p for p in rest if known_country(p) or p in bodies), None)
        return Role(country, head, code=raw)
    if head in SECTOR_CODES and not known_country(head):
        return Role(None, head, code=raw)
    return Role(head, rest[0] if rest else None, code=raw)


_TRANSNATIONAL = ("IGO", "NGO", "IMG", "MNC", "NGM")


_DATE = re.compile(r"^(\d{2}|\d{4})(\d{2})(\d{2})$")


def _petrarch_date(text: str, where: tuple[Path, int]) -> date:
    match = _DATE.match(text.strip())
    if not match:
        raise DictionaryError(*where, f"malformed date {text!r} (expected YYYYMMDD or YYMMDD)")
    year = int(match.group(1))
    if len(match.group(1)) == 2:
        year += 1900 if year > 30 else 2000
    try:
        return date(year, int(match.group(2)), int(match.group(3)))
    except ValueError as exc:
        raise DictionaryError(*where, f"invalid date {text!r}: {exc}") from None


def _period_date(text: str, where: tuple[Path, int | str], end: bool) -> date | None:
    text = text.strip()
    if not text:
        return None
    match = re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", text)
    if not match:
        raise DictionaryError(*where, f"malformed date {text!r} (expected YYYY, YYYY-MM or YYYY-MM-DD)")
    year = int(match.group(1))
    month = int(match.group(2) or (12 if end else 1))
    if match.group(3):
        day = int(match.group(3))
    elif end:
        day = 31 if month == 12 else (date(year, month + 1, 1) - date(year, month, 1)).days
    else:
        day = 1
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise DictionaryError(*where, f"invalid date {text!r}: {exc}") from None


def parse_period(text: str | None, where: tuple[Path, int | str]) -> tuple[date | None, date | None]:
    """ "2013-03 to 2018-03" (either side may be empty) -> (first day, last day)."""
    if not text or not str(text).strip():
        return None, None
    parts = re.split(r"\s+to\s+|\s*/\s*", f" {str(text).strip()} ")
    if len(parts) != 2:
        raise DictionaryError(*where, f"malformed period {text!r} (expected 'FROM to TO')")
    start, end = _period_date(parts[0], where, False), _period_date(parts[1], where, True)
    if start and end and end < start:
        raise DictionaryError(*where, f"period {text!r} ends before it starts")
    return start, end


def _as_date(value: str | date | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


# -- PETRARCH ------------------------------------------------------------------------------

def _logical_lines(path: Path) -> Iterator[tuple[int, str]]:
    """(line number, text) without comments; multi-line XML comments skipped; indentation kept."""
    in_comment = False
    with path.open(encoding="utf-8", errors="replace") as fh:
        for number, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if in_comment:
                if "-->" in line:
                    in_comment = False
                    line = line.split("-->", 1)[1]
                else:
                    continue
            while "<!" in line:
                before, _, after = line.partition("<!")
                if "-->" in after:
                    line = before + after.split("-->", 1)[1]
                else:
                    line, in_comment = before, True
            line = line.split("#", 1)[0].split(";", 1)[0]
            if line.strip():
                yield number, line


_CODE_BLOCK = re.compile(r"\[([^\[\]]*)\]")


def _restriction(body: str, where: tuple[Path, int], strict: bool) -> tuple[Role, bool]:
    """One ``[CODE restriction]`` block -> (role, is_default)."""
    body = body.strip()
    match = re.fullmatch(r"(\S+)\s*(.*)", body)
    if not match:
        raise DictionaryError(*where, "empty code block []")
    code, rest = match.group(1), match.group(2).replace(" ", "")
    role = parse_code(code, where, strict)
    if not rest:
        return role, True
    if rest.startswith("<"):
        role.end = _petrarch_date(rest[1:], where)
    elif rest.startswith(">"):
        role.start = _petrarch_date(rest[1:], where)
    elif "-" in rest:
        first, _, second = rest.partition("-")
        role.start, role.end = _petrarch_date(first, where), _petrarch_date(second, where)
        if role.end < role.start:
            raise DictionaryError(*where, f"date range {rest!r} ends before it starts")
    else:
        raise DictionaryError(*where, f"malformed date restriction {rest!r}")
    return role, False


def _phrase(text: str, where: tuple[Path, int]) -> str:
    phrase = text.strip().replace("_", " ").strip()
    if not phrase or "[" in phrase or "]" in phrase or "{" in phrase:
        raise DictionaryError(*where, f"malformed phrase {text.strip()!r}")
    return re.sub(r"\s+", " ", phrase)


def read_petrarch_actors(path: str | Path, strict_codes: bool = True) -> list[Entry]:
    """Entries of a PETRARCH/TABARI actors dictionary."""
    path = Path(path)
    entries: list[Entry] = []
    current: Entry | None = None
    for number, line in _logical_lines(path):
        where = (path, number)
        if line.count("[") != line.count("]"):
            raise DictionaryError(*where, "unbalanced brackets")
        stripped = line.strip()
        if line[:1] in (" ", "\t") and stripped.startswith("["):
            if current is None:
                raise DictionaryError(*where, "date restriction before any actor")
            for body in _CODE_BLOCK.findall(stripped):
                role, is_default = _restriction(body, where, strict_codes)
                if is_default:
                    current.default = role
                else:
                    current.roles.append(role)
            continue
        if stripped.startswith("+"):
            if current is None:
                raise DictionaryError(*where, "synonym before any actor")
            current.aliases.append(_phrase(_CODE_BLOCK.sub("", stripped[1:]), where))
            continue
        codes = _CODE_BLOCK.findall(stripped)
        current = Entry(_phrase(_CODE_BLOCK.sub("", stripped), where), source=f"{path}:{number}")
        for body in codes:
            role, is_default = _restriction(body, where, strict_codes)
            if is_default:
                current.default = role
            else:
                current.roles.append(role)
        entries.append(current)
    for entry in entries:
        roles = [r for r in [entry.default, *entry.roles] if r is not None]
        entry.kind = "country" if roles and all(r.country and not r.sector for r in roles) else "organisation"
    return entries


_MARKER = re.compile(r"!([A-Za-z0-9]+)!")


def _expand(phrase: str, markers: dict[str, list[str]], where: tuple[Path, int], stack=()) -> list[str]:
    match = _MARKER.search(phrase)
    if not match:
        return [phrase]
    name = match.group(1).upper()
    if name in stack:
        raise DictionaryError(*where, f"substitution marker cycle: {' -> '.join((*stack, name))}")
    if name not in markers:
        raise DictionaryError(*where, f"undefined substitution marker !{name}!")
    out = []
    for value in markers[name]:
        for expanded_value in _expand(value, markers, where, (*stack, name)):
            out += _expand(phrase[:match.start()] + expanded_value + phrase[match.end():], markers, where, stack)
    return out


def read_petrarch_agents(path: str | Path, strict_codes: bool = True) -> list[Agent]:
    """Agents of a PETRARCH agents dictionary, with plurals and substitution markers expanded."""
    path = Path(path)
    markers: dict[str, list[str]] = {}
    raw: list[tuple[int, str, str | None, str]] = []
    for number, line in _logical_lines(path):
        where = (path, number)
        stripped = line.strip()
        marker = re.fullmatch(r"!([A-Za-z0-9]+)!\s*=\s*(.+)", stripped)
        if marker:
            markers[marker.group(1).upper()] = [v.strip() for v in marker.group(2).split(",") if v.strip()]
            continue
        match = re.fullmatch(r"([^\[\]{}]+?)\s*(?:\{([^{}]*)\})?\s*\[([^\[\]]*)\]", stripped)
        if not match:
            raise DictionaryError(*where, f"malformed agent line {stripped!r} (expected PHRASE {{PLURAL}} [~CODE])")
        raw.append((number, match.group(1), match.group(2), match.group(3).strip()))
    agents: list[Agent] = []
    for number, phrase, plural_form, code in raw:
        where = (path, number)
        if code.count("~") != 1 or not re.fullmatch(r"~?[A-Za-z0-9]+~?", code):
            raise DictionaryError(*where, f"malformed agent code [{code}] (expected [~XXX] or [XXX~])")
        before = code.endswith("~")
        sector = code.strip("~").upper()
        if strict_codes:
            chunks = [sector[i:i + 3] for i in range(0, len(sector), 3)]
            if not all(_known(c) for c in chunks):
                raise DictionaryError(*where, f"unknown agent code [{code}]")
        sector = sector[:3]
        expanded = _expand(phrase, markers, where)
        for form in expanded:
            forms = [form]
            if len(expanded) > 1 or form != phrase:
                pass  # substituted forms are used as listed, without plurals
            elif plural_form is None:
                head, _, last = form.replace("_", " ").rpartition(" ")
                forms.append(f"{head} {plural(last)}".strip())
            elif plural_form.strip():
                forms.append(plural_form)
            for f in forms:
                agents.append(Agent(_phrase(f, where), sector, before, f"{path}:{number}"))
    return agents


# -- team CSV and YAML -------------------------------------------------------------------

_KINDS = ("person", "organisation", "country", "group")


def read_team_csv(path: str | Path, strict_codes: bool = True) -> list[Entry]:
    """Entries of a CSV with header ``name,code,period`` (+ ``title``, ``aliases``, ``kind``)."""
    path = Path(path)
    by_name: dict[str, Entry] = {}
    for line, row in read_csv(path, TeamRow, skipinitialspace=True, error=DictionaryError):
        _add_role(by_name, row.name.strip(), row.code, row.period, row.title, row.aliases, row.kind,
                  (path, line), strict_codes)
    return list(by_name.values())


def _add_role(by_name: dict[str, Entry], name: str, code, period, title, aliases, kind, where, strict) -> Entry:
    if not code or not str(code).strip():
        raise DictionaryError(*where, f"{name!r} has no code")
    role = parse_code(str(code), where, strict)
    role.start, role.end = parse_period(period, where)
    role.title = (title or "").strip() or None
    kind = (kind or "person").strip() or "person"
    if kind not in _KINDS:
        raise DictionaryError(*where, f"unknown kind {kind!r} (one of {', '.join(_KINDS)})")
    entry = by_name.setdefault(name, Entry(name, kind=kind, source=f"{where[0]}:{where[1]}"))
    if isinstance(aliases, str):
        aliases = [a.strip() for a in aliases.split(";") if a.strip()]
    entry.aliases += [a for a in aliases or [] if a not in entry.aliases]
    if role.start is None and role.end is None:
        entry.default = role
    else:
        entry.roles.append(role)
    return entry


def read_team_yaml(path: str | Path, strict_codes: bool = True) -> list[Entry]:
    """Entries of a YAML list; ``same_as`` makes an entry an alias of another (cycles are errors)."""
    path = Path(path)
    try:
        raw = load_yaml(path.read_text(encoding="utf-8")) or []
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", -1) + 1
        raise DictionaryError(path, line, f"not valid YAML: {exc}") from None
    if not isinstance(raw, list):
        raise DictionaryError(path, 1, "expected a list of entries")
    by_name: dict[str, Entry] = {}
    same_as: dict[str, tuple[str, str]] = {}
    for n, item in enumerate(raw, 1):
        where = (path, f"entry {n}")
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise DictionaryError(*where, "each entry needs a name")
        unknown = set(item) - {"name", "code", "period", "title", "roles", "aliases", "kind", "same_as"}
        if unknown:
            raise DictionaryError(*where, f"unknown keys {sorted(unknown)}")
        name = item["name"].strip()
        if item.get("same_as"):
            same_as[name] = (str(item["same_as"]).strip(), where[1])
            continue
        roles = item.get("roles") or [{"code": item.get("code"), "period": item.get("period"),
                                       "title": item.get("title")}]
        for role in roles:
            if not isinstance(role, dict):
                raise DictionaryError(*where, "roles must be mappings")
            _add_role(by_name, name, role.get("code"), role.get("period"), role.get("title"),
                      item.get("aliases"), item.get("kind"), where, strict_codes)
    for alias in same_as:
        seen = [alias]
        target = same_as[alias][0]
        while target in same_as:
            if target in seen:
                raise DictionaryError(path, same_as[alias][1], f"same_as cycle: {' -> '.join(seen + [target])}")
            seen.append(target)
            target = same_as[target][0]
        if target not in by_name:
            raise DictionaryError(path, same_as[alias][1], f"same_as names unknown entry {target!r}")
        by_name[target].aliases.append(alias)
    return list(by_name.values())
