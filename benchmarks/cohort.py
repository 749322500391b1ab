"""Makes a deterministic cohort of synthetic resume PDFs and job ads for the benchmarks, cached on disk.

Resume `i` depends only on (GENERATOR_VERSION, seed, i), so a quick run's 20 files are the first 20 of a full
run's 500 and a cache made for one serves the other. Skills are drawn from the built-in taxonomy, weighted
towards one role profile per resume, and written the way people write them: in experience bullets, a skills
list, project lines and a summary. Layouts vary (one column, a sidebar, dates on the right, compact), as do
fonts (embedded TrueType where the system has it, else the PDF core fonts) and length (one or two pages).
"""

from __future__ import annotations

import json
import os
import random
import tempfile
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

# Bump when the generated files change, so a stale cache is never measured as if it were the new one.
GENERATOR_VERSION = 5
CACHE_ROOT = Path(__file__).resolve().parent / ".cache"
FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/truetype/liberation"))
FONT_FILES = {
    "DejaVu": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    "Liberation": ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
    "LiberationSerif": ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf"),
}
LAYOUTS = ("classic", "sidebar", "right-dates", "compact")

FIRST = (
    "Amara Lena Tomasz Priya Jonas Mei Diego Hannah Kwame Sofia Ravi Elif Mateo Yuki Oskar Fatima Liam "
    "Chloe Arjun Ingrid Noah Zainab Lucas Aiko Felix Nadia Omar Clara Ivan Leila Samuel Greta"
).split()
LAST = (
    "Okafor Novak Fischer Sharma Lindqvist Chen Alvarez Becker Mensah Rossi Iyer Yilmaz Garcia Tanaka "
    "Nilsson Haddad Murphy Dubois Patel Johansen Kim Abara Moreau Sato Weber Rahman Nasser Costa Petrov "
    "Karimi Adeyemi Varga"
).split()
CITIES = (
    "Berlin, Germany",
    "Lisbon, Portugal",
    "Toronto, ON",
    "Austin, TX",
    "Manchester, UK",
    "Pune, India",
    "Nairobi, Kenya",
    "Warsaw, Poland",
    "Melbourne, VIC",
    "Dublin, Ireland",
    "Seattle, WA",
    "Utrecht, NL",
)
COMPANIES = (
    "Northwind Logistics",
    "Helio Analytics",
    "Brightpath Health",
    "Quantix Labs",
    "Tidewater Bank",
    "Parcelly",
    "Orbital Retail Group",
    "Greenleaf Energy",
    "Kestrel Insurance",
    "Lumen Media",
    "Atlas Mobility",
    "Fernway Telecom",
    "Cobalt Games",
    "Riverstone University",
    "Mosaic Payments",
)
TITLES = (
    "Machine Learning Engineer",
    "Data Scientist",
    "Software Engineer",
    "Data Engineer",
    "Backend Developer",
    "Research Assistant",
    "Analytics Engineer",
    "Junior Data Analyst",
    "Full-Stack Developer",
    "Software Engineering Intern",
    "ML Research Intern",
    "Platform Engineer",
)
SCHOOLS = (
    "Technical University of Munich",
    "University of Lisbon",
    "University of Toronto",
    "UT Austin",
    "University of Manchester",
    "IIT Bombay",
    "University of Nairobi",
    "Warsaw University of Technology",
)
DEGREES = (
    "BSc Computer Science",
    "MSc Data Science",
    "BEng Software Engineering",
    "MSc Artificial Intelligence",
    "BSc Mathematics and Statistics",
    "MEng Electrical Engineering",
    "BA Economics",
)
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
BULLETS = (
    "Built {a} services with {b}, cutting p95 latency by {n}% for {m}k daily users",
    "Designed and shipped a {a} pipeline on {b} that processes {m} million events a day",
    "Led the migration from {a} to {b}, retiring {n} legacy jobs without downtime",
    "Trained and evaluated models with {a} and {b}; improved recall by {n} points over the baseline",
    "Automated testing and deployment with {a} and {b}, taking releases from weekly to daily",
    "Mentored {n} junior engineers in {a} and ran fortnightly code reviews",
    "Wrote {a} dashboards over {b} used by {n} teams to track weekly KPIs",
    "Reduced cloud spend by {n}% by moving batch workloads to {a} and right-sizing {b} clusters",
    "Introduced {a} for data validation and documented it for the wider team",
    "Presented results to stakeholders and wrote design docs covering {a} and {b} trade-offs",
    "Prototyped a recommender using {a} and {b}; A/B test showed a {n}% uplift in click-through",
    "Maintained {a} and {b} in production, on call one week in {n}",
)
SUMMARIES = (
    "{title} with {y} years of experience in {a}, {b} and {c}. I enjoy turning messy data into products people use.",
    "Curious engineer focused on {a} and {b}. Recently moved into {c} and looking for a team that ships often.",
    "Graduate student in data science with hands-on projects in {a}, {b} and {c}; strong communicator.",
)
PROJECTS = (
    "{a} price predictor: end-to-end project with {b} and a small {c} front end (github.com/{gh}/price)",
    "Open-source contributor to a {a} library: fixed bugs in the {b} integration, added tests",
    "Kaggle competition (top {n}%): feature engineering with {a}, models in {b}",
    "Hackathon winner: built a {a} chatbot with {b} in 48 hours",
)
AD_INTRO = ("About us", "Who we are", "The company")
AD_OFFER = ("Benefits", "What we offer")


@dataclass
class CohortFile:
    """One generated file and what went into it (so a reader can check a result against its input)."""

    path: str
    kind: str
    layout: str = ""
    font: str = ""
    pages: int = 0
    role: str = ""
    skills: int = 0


def cohort_dir(seed: int) -> Path:
    return CACHE_ROOT / f"cohort-v{GENERATOR_VERSION}-seed{seed}"


def available_fonts() -> list[str]:
    """The TrueType families found on this machine, plus the core Helvetica that every PDF reader has."""
    found = ["core"]
    for family, files in FONT_FILES.items():
        if all(_font_path(name) for name in files):
            found.append(family)
    return found


def _font_path(name: str) -> Path | None:
    for folder in FONT_DIRS:
        if (folder / name).exists():
            return folder / name
    return None


class _Skills:
    """Skill names from the taxonomy, grouped by role so that a resume reads like one person's."""

    def __init__(self) -> None:
        from gapcheck.taxonomy import cached_taxonomy

        taxonomy = cached_taxonomy()
        self.roles = sorted(taxonomy.roles)
        self.by_role: dict[str, list[tuple[str, list[str]]]] = {}
        everything = [(s.name, s.aliases) for s in taxonomy.skills.values() if not s.ambiguous]
        self.everything = everything
        for role_id, role in taxonomy.roles.items():
            ids = [*role.required, *role.preferred, *(m for g in role.groups for m in g.any)]
            self.by_role[role_id] = [
                (taxonomy.skills[i].name, taxonomy.skills[i].aliases) for i in ids if i in taxonomy.skills
            ]

    def draw(self, rng: random.Random, role: str, count: int) -> list[str]:
        """`count` distinct skills, about two thirds from the role, each as its name or one of its aliases."""
        own = rng.sample(self.by_role[role], min(len(self.by_role[role]), count * 2 // 3))
        rest = rng.sample(self.everything, count - len(own))
        names = []
        for name, aliases in own + rest:
            usable = [a for a in aliases if 2 <= len(a) <= 30 and a[:1].isupper()]
            names.append(rng.choice(usable) if usable and rng.random() < 0.3 else name)
        return list(dict.fromkeys(names))


def ensure_cohort(count: int, seed: int = 0, ads: int = 4) -> tuple[list[CohortFile], list[CohortFile]]:
    """Return `count` resumes and `ads` job ads, generating only those not already in the cache."""
    folder = cohort_dir(seed)
    (folder / "resumes").mkdir(parents=True, exist_ok=True)
    (folder / "ads").mkdir(parents=True, exist_ok=True)
    manifest_path = folder / "manifest.json"
    manifest: dict[str, dict] = {}
    if manifest_path.exists():
        try:
            manifest = json.loads(manifest_path.read_text())
        except (OSError, ValueError):
            manifest = {}  # a broken manifest only costs a regeneration
    skills: _Skills | None = None
    fonts = available_fonts()
    changed = False
    wanted = [f"resumes/r{i:04d}.pdf" for i in range(count)] + [f"ads/ad{i}.txt" for i in range(ads)]
    for index, rel in enumerate(wanted):
        entry = manifest.get(rel)
        if entry and (folder / rel).exists():
            continue
        skills = skills or _Skills()
        if rel.startswith("resumes/"):
            made = _make_resume(folder / rel, random.Random(f"{seed}-{GENERATOR_VERSION}-{index}"), skills, fonts)
        else:
            made = _make_ad(folder / rel, random.Random(f"{seed}-{GENERATOR_VERSION}-ad-{rel}"), skills)
        manifest[rel] = {**asdict(made), "path": rel}
        changed = True
    if changed:
        _write_atomic(manifest_path, json.dumps(manifest, indent=1, sort_keys=True))
    # The manifest holds paths relative to the cohort folder, so the cache survives a moved checkout.
    files = [CohortFile(**{**manifest[r], "path": str(folder / r)}) for r in wanted]
    return [f for f in files if f.kind == "resume"], [f for f in files if f.kind == "job"]


def _write_atomic(path: Path, text: str | bytes) -> None:
    data = text.encode() if isinstance(text, str) else text
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
    os.replace(temporary, path)


# ------------------------------------------------------------------------------------------------ resumes


def _period(rng: random.Random, end_year: int) -> tuple[str, int]:
    start_year = end_year - rng.randint(1, 3)
    end = "Present" if end_year >= 2025 else f"{rng.choice(MONTHS)} {end_year}"
    style = rng.random()
    if style < 0.5:
        return f"{rng.choice(MONTHS)} {start_year} - {end}", start_year
    if style < 0.8:
        month = rng.randint(1, 12)
        end = end if end == "Present" else f"{rng.randint(1, 12):02d}/{end_year}"
        return f"{month:02d}/{start_year} - {end}", start_year
    return f"{start_year} - {end if end == 'Present' else end_year}", start_year


def _two(rng: random.Random, names: Sequence[str], count: int = 2) -> dict[str, str]:
    """Distinct skill names for one sentence, as a/b/c."""
    return dict(zip("abc", rng.sample(list(names), count), strict=False))


def _content(rng: random.Random, skills: _Skills, two_pages: bool) -> dict:
    role = rng.choice(skills.roles)
    names = skills.draw(rng, role, rng.randint(26, 40) if two_pages else rng.randint(14, 24))
    pick = lambda: rng.choice(names)  # noqa: E731
    first, last = rng.choice(FIRST), rng.choice(LAST)
    jobs = []
    year = 2025
    for _ in range(rng.randint(3, 5) if two_pages else rng.randint(2, 3)):
        period, year = _period(rng, year)
        bullets = [
            rng.choice(BULLETS).format(**_two(rng, names), n=rng.randint(2, 40), m=rng.randint(2, 90))
            for _ in range(rng.randint(4, 6) if two_pages else rng.randint(2, 4))
        ]
        jobs.append(
            {
                "title": rng.choice(TITLES),
                "company": rng.choice(COMPANIES),
                "city": rng.choice(CITIES),
                "period": period,
                "bullets": bullets,
            }
        )
        year -= rng.randint(0, 1)
    grad = year - rng.randint(0, 2)
    education = [
        {
            "degree": rng.choice(DEGREES),
            "school": rng.choice(SCHOOLS),
            "period": f"{grad - 3} - {grad}",
            "note": f"Thesis on {pick()} and {pick()}; GPA {rng.randint(30, 40) / 10:.1f}/4.0",
        }
    ]
    if two_pages and rng.random() < 0.6:
        education.insert(
            0,
            {
                "degree": rng.choice(DEGREES),
                "school": rng.choice(SCHOOLS),
                "period": f"{grad + 1} - {grad + 2}",
                "note": f"Coursework: {pick()}, {pick()}, {pick()}",
            },
        )
    projects = [
        rng.choice(PROJECTS).format(**_two(rng, names, 3), n=rng.randint(1, 20), gh=last.lower())
        for _ in range(rng.randint(2, 4) if two_pages else rng.randint(0, 2))
    ]
    return {
        "role": role,
        "skills_used": len(names),
        "name": f"{first} {last}",
        "contact": [
            f"{first.lower()}.{last.lower()}@example.com",
            f"+44 7700 9{rng.randint(10000, 99999)}",
            rng.choice(CITIES),
            f"linkedin.com/in/{first.lower()}{last.lower()}",
        ],
        "summary": rng.choice(SUMMARIES).format(title=rng.choice(TITLES), y=rng.randint(1, 9), **_two(rng, names, 3)),
        "jobs": jobs,
        "education": education,
        "projects": projects,
        "skills": sorted(names, key=lambda _: rng.random()),
        "languages": rng.sample(
            [
                "English (fluent)",
                "German (B2)",
                "Spanish (native)",
                "French (B1)",
                "Hindi (native)",
                "Polish (native)",
                "Japanese (N3)",
            ],
            2,
        ),
        "awards": [
            f"{rng.choice(['Dean', 'Best Paper', 'Hackathon', 'Scholarship'])} award, {grad - 1}"
            for _ in range(rng.randint(1, 3) if two_pages else 0)
        ],
    }


class _Writer:
    """Thin helpers over fpdf2 so the four layouts read as a list of sections."""

    def __init__(self, font: str, size: float) -> None:
        from fpdf import FPDF

        self.pdf = FPDF(format="A4")
        self.pdf.set_auto_page_break(True, margin=14)
        self.pdf.set_margins(16, 14, 16)
        self.family = "Helvetica"
        if font != "core":
            regular, bold = FONT_FILES[font]
            self.pdf.add_font(font, "", str(_font_path(regular)))
            self.pdf.add_font(font, "B", str(_font_path(bold)))
            self.family = font
        self.unicode = font != "core"
        self.size = size
        self.pdf.add_page()

    def clean(self, text: str) -> str:
        if self.unicode:
            return text
        return text.replace("•", "-").replace("–", "-").encode("latin-1", "replace").decode("latin-1")

    def text(self, text: str, size: float | None = None, bold: bool = False, align: str = "L", gap: float = 0) -> None:
        self.pdf.set_font(self.family, "B" if bold else "", size or self.size)
        self.pdf.multi_cell(0, (size or self.size) * 0.5, self.clean(text), align=align, new_x="LMARGIN", new_y="NEXT")
        if gap:
            self.pdf.ln(gap)

    def heading(self, text: str, rule: bool) -> None:
        self.pdf.ln(2)
        self.text(text.upper() if rule else text, size=self.size + 2, bold=True)
        if rule:
            y = self.pdf.get_y()
            self.pdf.line(self.pdf.l_margin, y, self.pdf.w - self.pdf.r_margin, y)
            self.pdf.ln(1)

    def bullet(self, text: str, mark: str) -> None:
        self.text(f"{mark} {text}")

    def split_line(self, left: str, right: str, bold: bool = True) -> None:
        """A title on the left and its dates flush right, on one line."""
        self.pdf.set_font(self.family, "B" if bold else "", self.size)
        width = self.pdf.w - self.pdf.l_margin - self.pdf.r_margin
        self.pdf.cell(width * 0.7, self.size * 0.5, self.clean(left))
        self.pdf.set_font(self.family, "", self.size)
        self.pdf.cell(width * 0.3, self.size * 0.5, self.clean(right), align="R", new_x="LMARGIN", new_y="NEXT")


def _make_resume(path: Path, rng: random.Random, skills: _Skills, fonts: Sequence[str]) -> CohortFile:
    two_pages = rng.random() < 0.65
    data = _content(rng, skills, two_pages)
    layout = rng.choice(LAYOUTS)
    font = rng.choice(fonts)
    size = 9.0 if layout == "compact" else rng.choice([10.0, 10.5, 11.0])
    writer = _Writer(font, size)
    mark = rng.choice(["•", "-", "–", "*"]) if writer.unicode else rng.choice(["-", "*"])
    rule = rng.random() < 0.6
    if layout == "sidebar":
        _sidebar_layout(writer, data, mark, rule)
    else:
        _single_column(writer, data, mark, rule, right_dates=layout in ("right-dates", "compact"))
    extra = 0
    # A real two-page CV fills most of its second page, so pad to about two thirds of it.
    while two_pages and (writer.pdf.page_no() < 2 or writer.pdf.get_y() < writer.pdf.h * 0.6) and extra < 30:
        if extra == 0:
            writer.heading("Publications", rule)
        writer.bullet(
            f"{data['name'].split()[1]}, A. et al. ({2016 + extra}). Scaling {rng.choice(data['skills'])} "
            f"for {rng.choice(data['skills'])}. Proceedings of the Workshop on Applied ML.",
            mark,
        )
        extra += 1
    _write_atomic(path, bytes(writer.pdf.output()))
    return CohortFile(str(path), "resume", layout, font, writer.pdf.page_no(), data["role"], data["skills_used"])


def _job_block(writer: _Writer, job: dict, mark: str, right_dates: bool) -> None:
    if right_dates:
        writer.split_line(f"{job['title']}, {job['company']}", job["period"])
        writer.text(job["city"], size=writer.size - 1)
    else:
        writer.text(f"{job['title']} - {job['company']}", bold=True)
        writer.text(f"{job['period']} | {job['city']}", size=writer.size - 1)
    for bullet in job["bullets"]:
        writer.bullet(bullet, mark)
    writer.pdf.ln(1.5)


def _single_column(writer: _Writer, data: dict, mark: str, rule: bool, right_dates: bool) -> None:
    writer.text(data["name"], size=writer.size + 8, bold=True, align="C" if rule else "L")
    writer.text(" | ".join(data["contact"]), size=writer.size - 1, align="C" if rule else "L", gap=2)
    writer.heading("Summary", rule)
    writer.text(data["summary"])
    writer.heading("Experience", rule)
    for job in data["jobs"]:
        _job_block(writer, job, mark, right_dates)
    writer.heading("Education", rule)
    for school in data["education"]:
        if right_dates:
            writer.split_line(f"{school['degree']}, {school['school']}", school["period"])
        else:
            writer.text(f"{school['degree']}, {school['school']} ({school['period']})", bold=True)
        writer.text(school["note"])
    if data["projects"]:
        writer.heading("Projects", rule)
        for project in data["projects"]:
            writer.bullet(project, mark)
    writer.heading("Skills", rule)
    writer.text(", ".join(data["skills"]))
    writer.heading("Languages", rule)
    writer.text(", ".join(data["languages"]))
    if data["awards"]:
        writer.heading("Awards", rule)
        for award in data["awards"]:
            writer.bullet(award, mark)


def _sidebar_layout(writer: _Writer, data: dict, mark: str, rule: bool) -> None:
    pdf = writer.pdf
    top = pdf.t_margin
    side_width = 58
    # The sidebar: contact, skills, languages, education, in a narrow left column of page one.
    pdf.set_left_margin(12)
    pdf.set_right_margin(pdf.w - 12 - side_width)
    pdf.set_xy(12, top)
    writer.text(data["name"], size=writer.size + 6, bold=True, gap=2)
    for line in data["contact"]:
        writer.text(line, size=writer.size - 1.5)
    writer.heading("Skills", False)
    for name in data["skills"][:22]:
        writer.text(name, size=writer.size - 1)
    writer.heading("Languages", False)
    for language in data["languages"]:
        writer.text(language, size=writer.size - 1)
    # The main column, to the right of the sidebar; it flows onto page two at the same margins.
    pdf.set_left_margin(12 + side_width + 8)
    pdf.set_right_margin(14)
    pdf.page = 1
    pdf.set_xy(pdf.l_margin, top)
    writer.heading("Profile", rule)
    writer.text(data["summary"])
    writer.heading("Experience", rule)
    for job in data["jobs"]:
        _job_block(writer, job, mark, right_dates=False)
    writer.heading("Education", rule)
    for school in data["education"]:
        writer.text(f"{school['degree']}, {school['school']}", bold=True)
        writer.text(f"{school['period']}. {school['note']}")
    if data["projects"]:
        writer.heading("Projects", rule)
        for project in data["projects"]:
            writer.bullet(project, mark)
    if data["skills"][22:]:
        writer.heading("More tools", rule)
        writer.text(", ".join(data["skills"][22:]))
    if data["awards"]:
        writer.heading("Awards", rule)
        for award in data["awards"]:
            writer.bullet(award, mark)


# ---------------------------------------------------------------------------------------------------- ads


def _make_ad(path: Path, rng: random.Random, skills: _Skills) -> CohortFile:
    role = rng.choice(skills.roles)
    names = skills.draw(rng, role, rng.randint(12, 18))
    title = rng.choice(["Senior", "", "Lead", "Junior"]) + " " + rng.choice(TITLES)
    company = rng.choice(COMPANIES)
    required, nice = names[: len(names) * 2 // 3], names[len(names) * 2 // 3 :]
    lines = [
        title.strip(),
        "",
        rng.choice(AD_INTRO),
        f"{company} builds software for {rng.randint(200, 9000)} customers in {rng.choice(CITIES)}.",
        "",
        "Responsibilities",
    ]
    lines += [f"- {rng.choice(BULLETS).format(a=rng.choice(names), b=rng.choice(names), n=3, m=10)}" for _ in range(4)]
    lines += ["", "Requirements"]
    lines += [
        f"- {rng.randint(2, 6)}+ years of experience with {a}" if i % 2 else f"- Strong knowledge of {a}"
        for i, a in enumerate(required)
    ]
    lines += ["", "Nice to have"] + [f"- Familiarity with {a}" for a in nice]
    lines += [
        "",
        rng.choice(AD_OFFER),
        "- Flexible hours, learning budget, remote-friendly",
        "",
        "How to apply",
        "Send your CV and a short note.",
    ]
    _write_atomic(path, "\n".join(lines) + "\n")
    return CohortFile(str(path), "job", role=role, skills=len(names))
