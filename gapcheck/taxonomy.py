"""The skill taxonomy: areas, skills with their aliases and relations, and role profiles, read from TOML.

The built-in data lives in the `taxonomy/` folder (installed as `gapcheck.taxonomy`); a user's file in the same
format merges over it. Every file is validated the same way, and errors name the file and the entry.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from gapcheck.errors import TaxonomyError
from gapcheck.shipped import taxonomy_folder

KINDS = ("language", "library", "framework", "tool", "platform", "concept", "method", "soft skill")
IMPORTANCES = ("must", "required", "preferred")
NEXT_STEP_KEYS = ("learn", "project", "resume", "certification")
MAX_USER_FILE_BYTES = 5_000_000
MAX_ALIASES_PER_SKILL = 200
# Where a Taxonomy keeps what it makes of its skills on first use (`Taxonomy._memo`).
_MEMO = "_made_from_skills"


@dataclass
class Area:
    id: str
    name: str
    source: str = ""


@dataclass
class Skill:
    id: str
    name: str
    area: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    broader: list[str] = field(default_factory=list)
    prerequisites: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    ambiguous: bool = False
    esco: str = ""
    onet: str = ""
    next_steps: dict[str, str] = field(default_factory=dict)
    origin: str = ""

    def names(self) -> list[str]:
        """Return the canonical name followed by every alias."""
        return [self.name, *self.aliases]


@dataclass
class RoleGroup:
    """Alternatives in a role profile: any one member satisfies the group."""

    name: str
    importance: str
    any: list[str]


@dataclass
class Role:
    id: str
    name: str
    summary: str = ""
    # The core must-haves, then what a typical ad asks, then the pluses (model.IMPORTANCE_ORDER's tiers).
    must: list[str] = field(default_factory=list)
    required: list[str] = field(default_factory=list)
    preferred: list[str] = field(default_factory=list)
    weights: dict[str, float] = field(default_factory=dict)
    area_weights: dict[str, float] = field(default_factory=dict)
    groups: list[RoleGroup] = field(default_factory=list)
    origin: str = ""


@dataclass
class Taxonomy:
    version: str
    areas: dict[str, Area]
    skills: dict[str, Skill]
    roles: dict[str, Role]
    never_skills: set[str] = field(default_factory=set)
    kind_next_steps: dict[str, dict[str, str]] = field(default_factory=dict)

    def lookup(self, name: str) -> Skill | None:
        """Return the skill whose id, name or alias is `name` (case-insensitive), or None: the first in the
        taxonomy's order that has it."""
        key = normalise_name(name)
        if key in self.skills:
            return self.skills[key]
        return self._memo("names", self._skills_by_name).get(key)

    def name_keys(self, skill_id: str) -> frozenset[str]:
        """Return the skill's name and aliases as `normalise_name` keys, made once per skill: a role's title is
        compared with every skill of a resume."""
        keys: dict[str, frozenset[str]] = self._memo("name keys", dict)
        found = keys.get(skill_id)
        if found is None:
            found = keys[skill_id] = frozenset(normalise_name(name) for name in self.skills[skill_id].names())
        return found

    def skills_named(self, key: str) -> frozenset[str]:
        """Return the skills that have `key` (a `normalise_name` key) among their `name_keys`: a role's title is
        looked up by its words, not compared with every skill of a resume."""
        index: dict[str, frozenset[str]] = self._memo("skills by name key", self._skills_by_name_key)
        return index.get(key, frozenset())

    def _skills_by_name_key(self) -> dict[str, frozenset[str]]:
        holding: dict[str, set[str]] = {}
        for skill_id in self.skills:
            for key in self.name_keys(skill_id):
                holding.setdefault(key, set()).add(skill_id)
        return {key: frozenset(ids) for key, ids in holding.items()}

    def related_either_way(self, skill_id: str) -> frozenset[str]:
        """Return the skills `skill_id` names as related and those that name it: the relation read both ways."""
        naming: dict[str, set[str]] = self._memo("named as related", self._skills_naming_as_related)
        return frozenset(self.skills[skill_id].related) | naming.get(skill_id, set())

    def _skills_naming_as_related(self) -> dict[str, set[str]]:
        naming: dict[str, set[str]] = {}
        for skill in self.skills.values():
            for other in skill.related:
                naming.setdefault(other, set()).add(skill.id)
        return naming

    def _skills_by_name(self) -> dict[str, Skill]:
        by_name: dict[str, Skill] = {}
        for skill in self.skills.values():
            for alias in skill.names():
                by_name.setdefault(normalise_name(alias), skill)
        return by_name

    def _memo(self, what: str, build: Callable[[], Any]) -> Any:
        """What `build` makes of the skills, made on first use and kept: every resume asks for names and
        relations, and the taxonomy does not change once loaded. Kept out of the dataclass's fields, so that
        equality and the repr are as before, and out of its pickle (`__getstate__`)."""
        memo = self.__dict__.setdefault(_MEMO, {})
        if what not in memo:
            memo[what] = build()
        return memo[what]

    def __getstate__(self) -> dict[str, Any]:
        return {key: value for key, value in self.__dict__.items() if key != _MEMO}

    def next_steps(self, skill_id: str) -> dict[str, str]:
        """Return the skill's own next steps, filled in from its kind's general advice where it has none (made
        once per skill: every resume's gaps ask for them)."""
        made: dict[str, dict[str, str]] = self._memo("next steps", dict)
        if skill_id not in made:
            made[skill_id] = self._next_steps(skill_id)
        return dict(made[skill_id])

    def _next_steps(self, skill_id: str) -> dict[str, str]:
        skill = self.skills[skill_id]
        general = self.kind_next_steps.get(skill.kind, {})
        steps = {key: general[key].format(name=skill.name) for key in NEXT_STEP_KEYS if general.get(key)}
        steps.update({key: value for key, value in skill.next_steps.items() if value})
        return steps

    def implied_by(self, skill_id: str) -> list[str]:
        """Return every skill reachable through `broader` from `skill_id` (not itself), walked once per skill."""
        walks: dict[str, tuple[str, ...]] = self._memo("implied", dict)
        walk = walks.get(skill_id)
        if walk is None:
            walk = walks[skill_id] = tuple(self._broader_walk(skill_id))
        return list(walk)

    def _broader_walk(self, skill_id: str) -> list[str]:
        seen: list[str] = []
        stack = list(self.skills[skill_id].broader)
        while stack:
            current = stack.pop()
            if current in seen or current == skill_id or current not in self.skills:
                continue
            seen.append(current)
            stack.extend(self.skills[current].broader)
        return seen


@lru_cache(maxsize=32)
def data_file(name: str) -> dict[str, Any]:
    """Return one of the shipped language-data files of `taxonomy/` (cues.toml, scoring.toml), parsed."""
    data = taxonomy_folder().joinpath(name).read_bytes()
    return _parse(f"taxonomy/{name}", data)


def normalise_name(name: str) -> str:
    """The key two names must share to be the same name: lower case, single spaces."""
    return " ".join(name.lower().split())


# ---------------------------------------------------------------------------------------------- reading


def _builtin_files() -> list[tuple[str, bytes]]:
    """Return (label, bytes) of taxonomy.toml, then skills/*.toml and roles/*.toml, in a stable order."""
    root = taxonomy_folder()
    found = [("taxonomy/taxonomy.toml", root.joinpath("taxonomy.toml").read_bytes())]
    for folder in ("skills", "roles"):
        entries = sorted(root.joinpath(folder).iterdir(), key=lambda entry: entry.name)
        for entry in entries:
            if entry.name.endswith(".toml"):
                found.append((f"taxonomy/{folder}/{entry.name}", entry.read_bytes()))
    return found


# A dotted key of thousands of parts (a.a.a...) costs tomllib quadratic time and memory: 20,000 parts, 1.5 GB.
_LONG_DOTTED_KEY = re.compile(
    r"""(?:^|[{,\[])[ \t]*(?:(?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*')[ \t]*\.[ \t]*){64}""", re.MULTILINE
)


def _parse(label: str, data: bytes) -> dict[str, Any]:
    try:
        text = data.decode("utf-8")
        if _LONG_DOTTED_KEY.search(text):
            raise TaxonomyError(f"{label}: not valid TOML for a taxonomy: a dotted key of more than 64 parts")
        return tomllib.loads(text)
    except UnicodeDecodeError as exc:
        raise TaxonomyError(f"{label}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except tomllib.TOMLDecodeError as exc:
        raise TaxonomyError(f"{label}: not valid TOML: {exc}") from None
    except RecursionError:
        raise TaxonomyError(f"{label}: not valid TOML for a taxonomy: arrays or tables nested too deeply") from None


def _expect(label: str, entry: str, key: str, value: Any, kind: type | tuple[type, ...]) -> Any:
    if not isinstance(value, kind):
        names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise TaxonomyError(f"{label}: {entry}: '{key}' must be {names}, not {type(value).__name__}")
    return value


def _string_list(label: str, entry: str, key: str, value: Any) -> list[str]:
    _expect(label, entry, key, value, list)
    for item in value:
        _expect(label, entry, key, item, str)
    return list(value)


def _read_skill(label: str, raw: Any, index: int) -> Skill:
    _expect(label, f"skill #{index + 1}", "skill", raw, dict)
    skill_id = raw.get("id")
    entry = f"skill '{skill_id}'" if isinstance(skill_id, str) else f"skill #{index + 1}"
    known = {
        "id", "name", "area", "kind", "aliases", "broader", "prerequisites", "related", "ambiguous", "esco",
        "onet", "next_steps",
    }  # fmt: skip
    unknown = sorted(set(raw) - known)
    if unknown:
        raise TaxonomyError(f"{label}: {entry}: unknown key '{unknown[0]}'")
    for key in ("id", "name", "area", "kind"):
        if key not in raw:
            raise TaxonomyError(f"{label}: {entry}: missing '{key}'")
        _expect(label, entry, key, raw[key], str)
    if not raw["id"] or raw["id"] != raw["id"].strip().lower() or " " in raw["id"]:
        raise TaxonomyError(f"{label}: {entry}: id must be lower case with no spaces")
    if raw["kind"] not in KINDS:
        raise TaxonomyError(f"{label}: {entry}: kind '{raw['kind']}' is not one of {', '.join(KINDS)}")
    aliases = _string_list(label, entry, "aliases", raw.get("aliases", []))
    if len(aliases) > MAX_ALIASES_PER_SKILL:
        raise TaxonomyError(f"{label}: {entry}: {len(aliases)} aliases, more than {MAX_ALIASES_PER_SKILL}")
    if any(not alias.strip() or len(alias) > 100 for alias in aliases):
        raise TaxonomyError(f"{label}: {entry}: an alias is empty or longer than 100 characters")
    next_steps = _expect(label, entry, "next_steps", raw.get("next_steps", {}), dict)
    for key, value in next_steps.items():
        if key not in NEXT_STEP_KEYS:
            raise TaxonomyError(f"{label}: {entry}: next_steps key '{key}' is not one of {NEXT_STEP_KEYS}")
        _expect(label, entry, f"next_steps.{key}", value, str)
    return Skill(
        id=raw["id"],
        name=raw["name"],
        area=raw["area"],
        kind=raw["kind"],
        aliases=aliases,
        broader=_string_list(label, entry, "broader", raw.get("broader", [])),
        prerequisites=_string_list(label, entry, "prerequisites", raw.get("prerequisites", [])),
        related=_string_list(label, entry, "related", raw.get("related", [])),
        ambiguous=_expect(label, entry, "ambiguous", raw.get("ambiguous", False), bool),
        esco=_expect(label, entry, "esco", raw.get("esco", ""), str),
        onet=_expect(label, entry, "onet", str(raw.get("onet", "")), str),
        next_steps=dict(next_steps),
        origin=label,
    )


def _read_role(label: str, raw: Any, index: int) -> Role:
    _expect(label, f"role #{index + 1}", "role", raw, dict)
    role_id = raw.get("id")
    entry = f"role '{role_id}'" if isinstance(role_id, str) else f"role #{index + 1}"
    for key in ("id", "name"):
        if key not in raw:
            raise TaxonomyError(f"{label}: {entry}: missing '{key}'")
        _expect(label, entry, key, raw[key], str)
    weights = _expect(label, entry, "weights", raw.get("weights", {}), dict)
    area_weights = _expect(label, entry, "area_weights", raw.get("area_weights", {}), dict)
    for key, value in [*weights.items(), *area_weights.items()]:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
            raise TaxonomyError(f"{label}: {entry}: weight of '{key}' must be a positive number")
    groups = []
    for number, group in enumerate(_expect(label, entry, "groups", raw.get("groups", []), list)):
        _expect(label, entry, "groups", group, dict)
        importance = group.get("importance", "required")
        if importance not in IMPORTANCES:
            raise TaxonomyError(f"{label}: {entry}: group #{number + 1}: importance must be one of {IMPORTANCES}")
        members = _string_list(label, entry, f"groups[{number}].any", group.get("any", []))
        if len(members) < 2:
            raise TaxonomyError(f"{label}: {entry}: group #{number + 1} needs at least two skills in 'any'")
        name = _expect(label, entry, "groups.name", group.get("name", " or ".join(members)), str)
        groups.append(RoleGroup(name=name, importance=importance, any=members))
    return Role(
        id=raw["id"],
        name=raw["name"],
        summary=_expect(label, entry, "summary", raw.get("summary", ""), str),
        must=_string_list(label, entry, "must", raw.get("must", [])),
        required=_string_list(label, entry, "required", raw.get("required", [])),
        preferred=_string_list(label, entry, "preferred", raw.get("preferred", [])),
        weights={key: float(value) for key, value in weights.items()},
        area_weights={key: float(value) for key, value in area_weights.items()},
        groups=groups,
        origin=label,
    )


@dataclass
class _Parts:
    version: str = ""
    areas: dict[str, Area] = field(default_factory=dict)
    skills: dict[str, Skill] = field(default_factory=dict)
    roles: dict[str, Role] = field(default_factory=dict)
    never_skills: set[str] = field(default_factory=set)
    kind_next_steps: dict[str, dict[str, str]] = field(default_factory=dict)


def _read_file(label: str, data: bytes, parts: _Parts, *, merge: bool) -> None:
    """Add one file's entries to `parts`; `merge` lets a user's file extend skills that already exist."""
    doc = _parse(label, data)
    known = {"version", "area", "skill", "role", "never_skills", "kind_next_steps"}
    unknown = sorted(set(doc) - known)
    if unknown:
        raise TaxonomyError(f"{label}: unknown top-level key '{unknown[0]}' (expected one of {sorted(known)})")
    if "version" in doc:
        parts.version = _expect(label, "file", "version", doc["version"], str)
    for index, raw in enumerate(_expect(label, "file", "area", doc.get("area", []), list)):
        _expect(label, f"area #{index + 1}", "area", raw, dict)
        for key in ("id", "name"):
            _expect(label, f"area #{index + 1}", key, raw.get(key), str)
        if raw["id"] in parts.areas and not merge:
            raise TaxonomyError(f"{label}: area '{raw['id']}': duplicate id")
        parts.areas[raw["id"]] = Area(raw["id"], raw["name"], str(raw.get("source", "")))
    seen_here: set[str] = set()
    for index, raw in enumerate(_expect(label, "file", "skill", doc.get("skill", []), list)):
        if merge and isinstance(raw, dict) and raw.get("id") in parts.skills and set(raw) <= {"id", "aliases"}:
            entry = f"skill '{raw['id']}'"
            extra = _string_list(label, entry, "aliases", raw.get("aliases", []))
            parts.skills[raw["id"]].aliases.extend(a for a in extra if a not in parts.skills[raw["id"]].aliases)
            continue
        skill = _read_skill(label, raw, index)
        if skill.id in seen_here or (skill.id in parts.skills and not merge):
            where = parts.skills[skill.id].origin if skill.id in parts.skills else label
            raise TaxonomyError(f"{label}: skill '{skill.id}': duplicate id (first defined in {where})")
        seen_here.add(skill.id)
        parts.skills[skill.id] = skill
    roles_here: set[str] = set()
    for index, raw in enumerate(_expect(label, "file", "role", doc.get("role", []), list)):
        role = _read_role(label, raw, index)
        if role.id in roles_here or (role.id in parts.roles and not merge):
            raise TaxonomyError(f"{label}: role '{role.id}': duplicate id")
        roles_here.add(role.id)
        parts.roles[role.id] = role
    parts.never_skills.update(
        normalise_name(word) for word in _string_list(label, "file", "never_skills", doc.get("never_skills", []))
    )
    for kind, steps in _expect(label, "file", "kind_next_steps", doc.get("kind_next_steps", {}), dict).items():
        _expect(label, f"kind_next_steps.{kind}", kind, steps, dict)
        parts.kind_next_steps[kind] = {key: str(value) for key, value in steps.items()}


# -------------------------------------------------------------------------------------------- validation


def validation_errors(taxonomy: Taxonomy) -> list[str]:
    """Return every consistency problem: unknown areas, dangling relations, alias clashes, cycles."""
    errors: list[str] = []
    skills = taxonomy.skills
    for skill in skills.values():
        where = f"{skill.origin}: skill '{skill.id}'"
        if skill.area not in taxonomy.areas:
            errors.append(f"{where}: area '{skill.area}' is not a known area")
        for relation in ("broader", "prerequisites", "related"):
            for target in getattr(skill, relation):
                if target not in skills:
                    errors.append(f"{where}: {relation} '{target}' is not a known skill id")
                elif target == skill.id:
                    errors.append(f"{where}: {relation} names the skill itself")
    owners: dict[str, list[Skill]] = {}
    for skill in skills.values():
        for name in {normalise_name(n) for n in skill.names()}:
            owners.setdefault(name, []).append(skill)
    for name, holders in sorted(owners.items()):
        if len(holders) > 1 and not all(s.ambiguous for s in holders):
            ids = ", ".join(f"'{s.id}' ({s.origin})" for s in holders)
            errors.append(f"alias '{name}' is shared by {ids}: allowed only when all are marked ambiguous")
    for relation in ("prerequisites", "broader"):
        cycle = _find_cycle({s.id: getattr(s, relation) for s in skills.values()})
        if cycle:
            first = skills[cycle[0]]
            errors.append(f"{first.origin}: skill '{first.id}': {relation} cycle: {' -> '.join(cycle)}")
    for role in taxonomy.roles.values():
        where = f"{role.origin}: role '{role.id}'"
        named = [*role.must, *role.required, *role.preferred, *role.weights, *(m for g in role.groups for m in g.any)]
        for skill_id in named:
            if skill_id not in skills:
                errors.append(f"{where}: skill '{skill_id}' is not a known skill id")
        for area_id in role.area_weights:
            if area_id not in taxonomy.areas:
                errors.append(f"{where}: area '{area_id}' is not a known area")
        tiers = {"must": role.must, "required": role.required, "preferred": role.preferred}
        for higher, lower in (("must", "required"), ("must", "preferred"), ("required", "preferred")):
            both = set(tiers[higher]) & set(tiers[lower])
            if both:
                errors.append(f"{where}: '{sorted(both)[0]}' is both {higher} and {lower}")
    from gapcheck.infer import rule_errors  # infer reads the taxonomy: imported here, not at the top

    errors += rule_errors(taxonomy)
    return errors


def _find_cycle(edges: dict[str, list[str]]) -> list[str] | None:
    """Return one cycle in the graph as a list of ids (first repeated at the end), or None."""
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in edges.get(node, []):
            if state.get(target) == 1:
                return path[path.index(target) :] + [target]
            if target in edges and state.get(target) is None:
                found = visit(target)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if state.get(node) is None:
            found = visit(node)
            if found:
                return found
    return None


# ----------------------------------------------------------------------------------------------- loading


def _build(parts: _Parts) -> Taxonomy:
    return Taxonomy(
        version=parts.version or "unversioned",
        areas=parts.areas,
        skills=parts.skills,
        roles=parts.roles,
        never_skills=parts.never_skills,
        kind_next_steps=parts.kind_next_steps,
    )


def read_user_file(path: Path) -> tuple[str, bytes]:
    """Read a user's taxonomy file, refusing what is missing or too large to be a skill list."""
    label = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_USER_FILE_BYTES:
            raise TaxonomyError(f"{label}: {size:,} bytes, more than the {MAX_USER_FILE_BYTES:,} a taxonomy may be")
        return label, path.read_bytes()
    except FileNotFoundError:
        raise TaxonomyError(f"{label}: no such taxonomy file") from None
    except IsADirectoryError:
        raise TaxonomyError(f"{label}: is a folder, not a taxonomy file") from None
    except OSError as exc:
        raise TaxonomyError(f"{label}: cannot read: {exc.strerror}") from None


def load_taxonomy(extra: Iterable[Path] = (), *, validate: bool = True) -> Taxonomy:
    """Return the built-in taxonomy with each user file in `extra` merged over it, validated."""
    parts = _Parts()
    for label, data in _builtin_files():
        _read_file(label, data, parts, merge=False)
    for path in extra:
        label, data = read_user_file(Path(path))
        _read_file(label, data, parts, merge=True)
    taxonomy = _build(parts)
    if validate:
        errors = validation_errors(taxonomy)
        if errors:
            more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
            raise TaxonomyError(errors[0] + more)
    return taxonomy


@lru_cache(maxsize=8)
def cached_taxonomy(files: tuple[str, ...] = ()) -> Taxonomy:
    """Return the taxonomy for these user files, loaded once per process."""
    return load_taxonomy([Path(f) for f in files])


def validate_files(paths: Iterable[Path]) -> list[str]:
    """Return the problems in the built-in data merged with `paths` (each user file checked on its own too)."""
    parts = _Parts()
    try:
        for label, data in _builtin_files():
            _read_file(label, data, parts, merge=False)
        for path in paths:
            label, data = read_user_file(Path(path))
            _read_file(label, data, parts, merge=True)
    except TaxonomyError as exc:
        return [str(exc)]
    return validation_errors(_build(parts))
