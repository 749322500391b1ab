"""Turn a JSON Resume (jsonresume.org schema) into text with the usual headings, so it reads like any resume.

Every field is optional and may hold the wrong type in the wild: what is not text, a list or an object where one
is expected is skipped, never an error.
"""

from __future__ import annotations

from typing import Any

RESUME_KEYS = frozenset(
    ("basics", "work", "volunteer", "education", "awards", "certificates", "publications", "skills", "languages",
     "interests", "references", "projects")
)  # fmt: skip


def looks_like_json_resume(value: Any) -> bool:
    """Return True if a parsed JSON value is an object with at least one JSON Resume section."""
    return isinstance(value, dict) and bool(RESUME_KEYS & value.keys())


def json_resume_lines(resume: dict[str, Any]) -> list[str]:
    """Return the resume as text lines: header, then Summary, Experience, Projects, Education, Skills, ..."""
    lines: list[str] = []
    basics = _object(resume.get("basics"))
    location = _object(basics.get("location"))
    place = _join(", ", location.get("city"), location.get("region"), location.get("countryCode"))
    profiles = [_join(": ", p.get("network"), p.get("url") or p.get("username")) for p in _objects(basics, "profiles")]
    contact = _join(" | ", basics.get("email"), basics.get("phone"), place, basics.get("url"), *profiles)
    lines += _present(basics.get("name"), basics.get("label"), contact)

    _section(lines, "Summary", _present(basics.get("summary")))
    _section(lines, "Experience", _entries(resume, "work", "position", "name"))
    _section(lines, "Projects", _entries(resume, "projects", "name", "entity", extra=("description",)))
    _section(lines, "Education", [
        line
        for item in _objects(resume, "education")
        for line in _present(
            _join(", ", _join(" in ", item.get("studyType"), item.get("area")), item.get("institution"))
            + _dates(item),
            _join(": ", "Score", item.get("score")) if _text(item.get("score")) else "",
            _join(": ", "Courses", ", ".join(_texts(item.get("courses")))) if _texts(item.get("courses")) else "",
        )
    ])  # fmt: skip
    _section(lines, "Skills", [
        _join(": ", item.get("name"), ", ".join(_texts(item.get("keywords")))) for item in _objects(resume, "skills")
    ])  # fmt: skip
    _section(lines, "Certifications", [
        _join(", ", item.get("name"), item.get("issuer")) + _when(item.get("date"))
        for item in _objects(resume, "certificates")
    ])  # fmt: skip
    _section(lines, "Awards", [
        _join(", ", item.get("title"), item.get("awarder")) + _when(item.get("date"))
        for item in _objects(resume, "awards")
    ])  # fmt: skip
    _section(lines, "Publications", [
        _join(", ", item.get("name"), item.get("publisher")) + _when(item.get("releaseDate"))
        for item in _objects(resume, "publications")
    ])  # fmt: skip
    _section(lines, "Volunteering", _entries(resume, "volunteer", "position", "organization"))
    _section(lines, "Languages", [
        _join(": ", item.get("language"), item.get("fluency")) for item in _objects(resume, "languages")
    ])  # fmt: skip
    _section(lines, "Interests", [
        _join(": ", item.get("name"), ", ".join(_texts(item.get("keywords")))) for item in _objects(resume, "interests")
    ])  # fmt: skip
    return lines


def _section(lines: list[str], heading: str, body: list[str]) -> None:
    body = [line for line in body if line]
    if body:
        lines += ["", heading, *body]


def _entries(resume: dict[str, Any], key: str, role: str, place: str, extra: tuple[str, ...] = ()) -> list[str]:
    lines: list[str] = []
    for item in _objects(resume, key):
        lines += _present(_join(", ", item.get(role), item.get(place)) + _dates(item))
        lines += _present(item.get("summary"), *(item.get(field) for field in extra))
        lines += [f"- {highlight}" for highlight in _texts(item.get("highlights"))]
        keywords = _texts(item.get("keywords"))
        if keywords:
            lines.append("Technologies: " + ", ".join(keywords))
    return lines


def _dates(item: dict[str, Any]) -> str:
    start, end = _text(item.get("startDate")), _text(item.get("endDate"))
    if not start and not end:
        return ""
    return f" ({start or '?'} - {end or 'present'})"


def _when(date: Any) -> str:
    return f" ({_text(date)})" if _text(date) else ""


def _object(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _objects(parent: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = parent.get(key)
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _text(value: Any) -> str:
    return str(value).strip() if isinstance(value, (str, int, float)) and not isinstance(value, bool) else ""


def _texts(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    return [text for text in (_text(item) for item in items) if text]


def _join(separator: str, *values: Any) -> str:
    return separator.join(text for text in (_text(value) for value in values) if text)


def _present(*values: Any) -> list[str]:
    """Return the values that hold text, each split into its lines."""
    return [line for value in values for line in _text(value).splitlines()]
