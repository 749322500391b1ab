"""The command line: parses options, calls the stages, chooses the output, maps errors to exit codes.

Exit codes: 0 success; 1 bad input (a file that cannot be read or used); 2 bad usage; 3 a batch in which some
files failed. Heavy modules (spaCy, pdfminer) are imported inside the commands, so `--help` stays instant.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from gapcheck import __version__, collector
from gapcheck.errors import GapcheckError, UsageError

if TYPE_CHECKING:
    from gapcheck.batch.work import Engine

FORMATS_REPORT = click.Choice(["html", "json", "text"])
PASTE_HINT = "Paste the job ad, then press Ctrl-D on a new line (on Windows: Ctrl-Z, then Enter)."


def _fail(error: GapcheckError) -> None:
    if isinstance(error, UsageError):
        raise click.UsageError(str(error))
    raise click.ClickException(str(error))


def reports_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn gapcheck's own errors into one line on standard error and the documented exit code."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except GapcheckError as error:
            _fail(error)

    return wrapper


def taxonomy_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """`--taxonomy FILE` (repeatable): a user's file of extra skills, aliases, roles and never-skills."""
    return click.option(
        "--taxonomy",
        "taxonomy_files",
        multiple=True,
        type=click.Path(dir_okay=False),
        help="Extra taxonomy file (TOML) merged over the built-in one; may be repeated.",
    )(command)


def limit_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """`--max-pages` and `--max-bytes`: the limits on one input document."""
    command = click.option(
        "--max-pages", type=click.IntRange(1), default=None, help="Refuse PDFs with more pages (default 20)."
    )(command)
    return click.option(
        "--max-bytes", type=click.IntRange(1), default=None, help="Refuse files larger than this (default 20 MB)."
    )(command)


def pdf_engine_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """`--pdf-engine`: the library that reads PDFs; PDFium is faster but an extra (`gapcheck[pdfium]`)."""
    return click.option(
        "--pdf-engine",
        type=click.Choice(["pdfminer", "pdfium"]),
        default="pdfminer",
        show_default=True,
        help="Library that reads PDFs: pdfium is faster; install it with pip install 'gapcheck[pdfium]'.",
    )(command)


def timeout_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """`--timeout SECONDS`: the wall-clock limit on reading and analysing one document."""
    return click.option(
        "--timeout",
        type=click.FloatRange(0),
        default=60.0,
        show_default=True,
        help="Seconds one document may take before gapcheck gives up on it (0: no limit; POSIX only).",
    )(command)


def _limits(max_pages: int | None, max_bytes: int | None, pdf_engine: str = "pdfminer") -> Any:
    from gapcheck.ingest import Limits

    if pdf_engine == "pdfium":  # fail before any file is read, not once per file of a batch
        from gapcheck.ingest.pdfium import load_pypdfium2

        load_pypdfium2()
    defaults = Limits()
    return Limits(
        max_pages=max_pages or defaults.max_pages,
        max_bytes=max_bytes or defaults.max_bytes,
        pdf_engine=pdf_engine,
    )


@contextlib.contextmanager
def _bounded(timeout: float, max_memory: float, source: str) -> Iterator[None]:
    """The time limit and the memory budget of one document's work: over either, one line that names it."""
    from gapcheck.deadline import document_deadline
    from gapcheck.memory import memory_limit

    with document_deadline(timeout, source), memory_limit(max_memory, source), collector.one_document():
        yield


def _read_stdin_job(max_chars: int) -> str:
    """Read a pasted job ad; past twice the character limit the rest is not even read (the reader refuses it)."""
    if sys.stdin is None:
        raise UsageError("--job - reads the ad from standard input, but there is none")
    if sys.stdin.isatty():
        click.echo(PASTE_HINT, err=True)
    return sys.stdin.read(2 * max_chars + 1)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="gapcheck")
def cli() -> None:
    """gapcheck: find the skills in a resume, compare them with a job, and report the gaps.

    \b
    Example:
      gapcheck analyze resume.pdf --job job-ad.txt
    """


@cli.command()
@click.argument("resume", type=click.Path(dir_okay=True))
@click.option("--job", "job", metavar="FILE|-", help="A job ad file (.txt, .md, .pdf, .docx), or - for stdin.")
@click.option("--role", default=None, help="A role profile to compare with when no --job is given.")
@click.option("-o", "--output", type=click.Path(), default=None, help="Where to write the report (HTML, JSON or text).")
@click.option("--format", "fmt", type=FORMATS_REPORT, default="html", show_default=True, help="Output format.")
@click.option("--open", "open_report", is_flag=True, help="Open the HTML report in the default browser.")
@taxonomy_option
@limit_options
@pdf_engine_option
@timeout_option
@click.option(
    "--max-memory",
    type=click.FloatRange(0),
    default=500.0,  # memory.DEFAULT_MAX_MEMORY_MB, as batch's (that module is not imported for --help)
    show_default=True,
    help="Megabytes reading or analysing one document may add to gapcheck's memory (0: no limit; Linux).",
)
@reports_errors
def analyze(
    resume: str,
    job: str | None,
    role: str | None,
    output: str | None,
    fmt: str,
    open_report: bool,
    taxonomy_files: tuple[str, ...],
    max_pages: int | None,
    max_bytes: int | None,
    pdf_engine: str,
    timeout: float,
    max_memory: float,
) -> None:
    """Compare a resume with a job ad or a role profile and write a gap report.

    \b
    Examples:
      gapcheck analyze resume.pdf --job ad.txt
      pbpaste | gapcheck analyze resume.pdf --job -
      gapcheck analyze resume.pdf --role data-scientist --format text
    """
    from gapcheck import api, report
    from gapcheck.pipeline import DEFAULT_ROLE, toolkit

    if job is not None and role is not None:
        raise UsageError("give either --job or --role, not both")
    limits = _limits(max_pages, max_bytes, pdf_engine)
    with _bounded(timeout, max_memory, resume):
        document = api.read(resume, limits=limits)
    job_text = _read_stdin_job(limits.max_chars) if job == "-" else None
    toolkit(taxonomy_files)  # built once, here, outside the time and memory limits of the documents
    with _bounded(timeout, max_memory, job or f"role {role or DEFAULT_ROLE}"):
        job_spec = api.load_job(
            None if job == "-" else job,
            text=job_text,
            role=role,
            taxonomy=taxonomy_files,
            limits=limits,
            source="<stdin>",
        )
    with _bounded(timeout, max_memory, resume):
        result = api.analyze(document, job_spec, taxonomy=taxonomy_files)
    from gapcheck.output import write_atomic

    inputs = [Path(resume), *([Path(job)] if job not in (None, "-") else []), *map(Path, taxonomy_files)]
    if fmt in ("json", "text"):
        if output:  # a file asked for gets the plain text, written as the HTML report is
            rendered = api.render(result, "json" if fmt == "json" else "text", color=False)
            write_atomic(Path(output), rendered, protected=inputs)
            click.echo(f"wrote {output}", err=True)
            return
        color = fmt == "text" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
        click.echo(api.render(result, "json" if fmt == "json" else "text", color=color), nl=False)
        return
    target = Path(output) if output else Path.cwd() / f"{Path(resume).stem}-gap-report.html"
    write_atomic(target, api.render(result, "html"), protected=inputs)
    click.echo(f"wrote {target}")
    click.echo(report.summary_line(result))
    if open_report:
        import webbrowser

        webbrowser.open(target.resolve().as_uri())


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="json", show_default=True)
@click.option(
    "--kind", type=click.Choice(["resume", "job"]), default="resume", show_default=True, help="What the files are."
)
@taxonomy_option
@limit_options
@pdf_engine_option
@timeout_option
@reports_errors
def extract(
    files: tuple[str, ...],
    fmt: str,
    kind: str,
    taxonomy_files: tuple[str, ...],
    max_pages: int | None,
    max_bytes: int | None,
    pdf_engine: str,
    timeout: float,
) -> None:
    """List the skills found in each document, with where each was found.

    JSON is a list with one object per file; each mention's start and end are offsets into the text
    that `gapcheck text` prints.

    \b
    Example:
      gapcheck extract resume.pdf ad.txt --format text
    """
    from gapcheck import api
    from gapcheck.deadline import document_deadline
    from gapcheck.pipeline import toolkit
    from gapcheck.serialize import to_jsonable

    limits = _limits(max_pages, max_bytes, pdf_engine)
    documents = []
    for path in files:
        with document_deadline(timeout, path):
            documents.append(api.read(path, kind=kind, limits=limits))  # type: ignore[arg-type]
    toolkit(taxonomy_files)  # built once, here, outside the time limits of the documents
    extractions = []
    for path, document in zip(files, documents, strict=True):
        with document_deadline(timeout, path):
            extractions.append(api.find_skills(document, taxonomy=taxonomy_files))
    if fmt == "json":
        payload = []
        for extraction in extractions:
            item = to_jsonable(extraction)
            for tool in item["unrecognised"]:
                tool["unrecognised"] = True  # extract's own mark, kept for its readers
            payload.append(item)
        _echo_json(payload)
        return
    for extraction in extractions:
        click.echo(f"{extraction.source}:")
        for skill in extraction.skills:
            if skill.stated:
                sections = sorted({m.section for m in skill.mentions})
                click.echo(f"  {skill.name} ({skill.area}) x{len(skill.mentions)} in {', '.join(sections)}")
            else:
                click.echo(f"  {skill.name} ({skill.area}) implied by {', '.join(skill.inferred_from)}")
        for tool in extraction.unrecognised:
            sections = sorted({m.section for m in tool.mentions})
            click.echo(f"  {tool.name} (unrecognised tool) x{len(tool.mentions)} in {', '.join(sections)}")


def _echo_json(value: Any) -> None:
    """Print `value` as our indented JSON, in pieces (`serialize.json_pieces`)."""
    from gapcheck.serialize import json_pieces

    stream = sys.stdout
    for piece in json_pieces(value):
        stream.write(piece)
    stream.flush()


@cli.command()
@click.argument("file", type=click.Path())
@click.option("--sections", is_flag=True, help="Mark where each section starts.")
@click.option("--kind", type=click.Choice(["resume", "job"]), default="resume", show_default=True)
@limit_options
@pdf_engine_option
@timeout_option
@reports_errors
def text(
    file: str,
    sections: bool,
    kind: str,
    max_pages: int | None,
    max_bytes: int | None,
    pdf_engine: str,
    timeout: float,
) -> None:
    """Print the cleaned text gapcheck works on, so you can see why a skill was or was not found.

    \b
    Example:
      gapcheck text resume.pdf --sections
    """
    from gapcheck import api
    from gapcheck.deadline import document_deadline
    from gapcheck.ingest import format_document
    from gapcheck.ingest.hidden import hidden_text_notes

    limits = _limits(max_pages, max_bytes, pdf_engine)
    with document_deadline(timeout, file):
        document = api.read(file, kind=kind, limits=limits)  # type: ignore[arg-type]
    click.echo(format_document(document, sections), nl=False)
    for note in hidden_text_notes(document):  # on stderr: the text on stdout stays what gapcheck analyses
        click.echo(f"note: {note}", err=True)


@cli.command()
@click.argument("ad", type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text", show_default=True)
@taxonomy_option
@limit_options
@pdf_engine_option
@timeout_option
@reports_errors
def job(
    ad: str,
    fmt: str,
    taxonomy_files: tuple[str, ...],
    max_pages: int | None,
    max_bytes: int | None,
    pdf_engine: str,
    timeout: float,
) -> None:
    """Show what gapcheck reads from a job ad: title, seniority, years, degree, and each requirement with its
    tier (must-have, asked, nice-to-have, context), alternatives group and line.

    \b
    Example:
      gapcheck job ad.txt --format json
    """
    from gapcheck import pipeline
    from gapcheck.deadline import document_deadline
    from gapcheck.ingest import read_document
    from gapcheck.job.describe import reading_json, reading_text

    limits = _limits(max_pages, max_bytes, pdf_engine)
    with document_deadline(timeout, ad):
        document = read_document(ad, kind="job", limits=limits)
        read = pipeline.job_from_document(pipeline.toolkit(taxonomy_files), document)
    if fmt == "json":
        _echo_json(reading_json(read))
    else:
        click.echo(reading_text(read), nl=False)


@cli.group()
def taxonomy() -> None:
    """Inspect and validate the skill taxonomy.

    \b
    Example:
      gapcheck taxonomy show sklearn
    """


@taxonomy.command("validate")
@click.argument("files", nargs=-1, type=click.Path())
@reports_errors
def taxonomy_validate(files: tuple[str, ...]) -> None:
    """Check the built-in taxonomy, merged with FILES if given: ids, aliases, relations, cycles.

    \b
    Example:
      gapcheck taxonomy validate my-skills.toml
    """
    from gapcheck.errors import TaxonomyError
    from gapcheck.taxonomy import load_taxonomy, validate_files

    problems = validate_files([Path(f) for f in files])
    if problems:
        for problem in problems[1:]:
            click.echo(f"error: {problem}", err=True)
        raise TaxonomyError(problems[0] + (f" ({len(problems) - 1} more above)" if len(problems) > 1 else ""))
    loaded = load_taxonomy([Path(f) for f in files])
    click.echo(f"ok: {len(loaded.skills)} skills, {len(loaded.areas)} areas, {len(loaded.roles)} roles")


@taxonomy.command("list")
@click.option("--area", default=None, help="Only skills of this area (id).")
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text", show_default=True)
@taxonomy_option
@reports_errors
def taxonomy_list(area: str | None, fmt: str, taxonomy_files: tuple[str, ...]) -> None:
    """List the skills the taxonomy knows.

    \b
    Example:
      gapcheck taxonomy list --area ml-algorithms --format json
    """
    from gapcheck.taxonomy import cached_taxonomy

    loaded = cached_taxonomy(taxonomy_files)
    if area is not None and area not in loaded.areas:
        raise UsageError(f"unknown area '{area}'; known areas: {', '.join(sorted(loaded.areas))}")
    skills = [s for s in loaded.skills.values() if area is None or s.area == area]
    if fmt == "json":
        rows = [
            {"id": s.id, "name": s.name, "area": s.area, "kind": s.kind, "aliases": s.aliases, "ambiguous": s.ambiguous}
            for s in skills
        ]
        _echo_json(rows)
        return
    for skill in skills:
        aliases = f" (also: {', '.join(skill.aliases)})" if skill.aliases else ""
        click.echo(f"{skill.id}\t{skill.name}\t{skill.area}\t{skill.kind}{aliases}")


@taxonomy.command("show")
@click.argument("skill")
@taxonomy_option
@reports_errors
def taxonomy_show(skill: str, taxonomy_files: tuple[str, ...]) -> None:
    """Show one skill, found by its id or any of its names.

    \b
    Example:
      gapcheck taxonomy show k8s
    """
    from gapcheck.taxonomy import cached_taxonomy

    loaded = cached_taxonomy(taxonomy_files)
    found = loaded.lookup(skill)
    if found is None:
        raise UsageError(f"no skill is named '{skill}'; try `gapcheck taxonomy list`")
    area = loaded.areas[found.area].name if found.area in loaded.areas else found.area
    click.echo(f"{found.name} [{found.id}]")
    click.echo(f"  area: {area}\n  kind: {found.kind}")
    for label, values in (
        ("aliases", found.aliases),
        ("implies", [loaded.skills[i].name for i in found.broader]),
        ("prerequisites", [loaded.skills[i].name for i in found.prerequisites]),
        ("related", [loaded.skills[i].name for i in found.related]),
    ):
        if values:
            click.echo(f"  {label}: {', '.join(values)}")
    if found.ambiguous:
        click.echo("  ambiguous: counted only with evidence that it is the skill")
    for label, value in (("ESCO", found.esco), ("O*NET commodity", found.onet)):
        if value:
            click.echo(f"  {label}: {value}")
    for key, step in loaded.next_steps(found.id).items():
        click.echo(f"  next step ({key}): {step}")


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text", show_default=True)
@taxonomy_option
@reports_errors
def roles(fmt: str, taxonomy_files: tuple[str, ...]) -> None:
    """List the role profiles a resume can be compared with (`analyze --role NAME`).

    \b
    Example:
      gapcheck roles --format json
    """
    from gapcheck.taxonomy import cached_taxonomy

    loaded = cached_taxonomy(taxonomy_files)
    rows = [
        {
            "id": role.id,
            "name": role.name,
            "summary": role.summary,
            "must": role.must,
            "required": role.required,
            "preferred": role.preferred,
            "groups": [{"name": g.name, "importance": g.importance, "any": g.any} for g in role.groups],
        }
        for role in loaded.roles.values()
    ]
    if fmt == "json":
        _echo_json(rows)
        return
    for row in rows:
        counts = f"{len(row['must'])} must-have, {len(row['required'])} required, {len(row['preferred'])} preferred"
        click.echo(f"{row['id']}\t{row['name']}\t{counts}")


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option("--job", "job", metavar="FILE", default=None, help="A job ad file to compare every resume with.")
@click.option("--role", default=None, help="A role profile to compare with instead of a job ad (see `gapcheck roles`).")
@click.option(
    "-o", "--output", "out_dir", required=True, type=click.Path(file_okay=False), help="Folder for the reports."
)
@click.option("--workers", type=click.IntRange(1), default=None, help="Processes to use (default: all cores).")
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Where the work runs: local processes, or dask workers (pip install 'gapcheck[dask]').",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    default=None,
    help="With --engine dask: a running dask scheduler (default: a local cluster of --workers workers).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(0),
    default=60.0,
    show_default=True,
    help="Seconds one document may take before it is listed as failed (0: no limit; POSIX only).",
)
@click.option(
    "--max-memory",
    type=click.FloatRange(0),
    default=500.0,
    show_default=True,
    help="Megabytes one document may add to a worker's memory before it is listed as failed (0: no limit; Linux).",
)
@click.option("--redact", is_flag=True, help="Leave names, e-mails, phones, addresses and links out of the reports.")
@click.option("--force", is_flag=True, help="Replace the reports in an output folder that already holds some.")
@click.option(
    "--since",
    type=click.Path(file_okay=False),
    default=None,
    help="The output folder of an earlier run of the same cohort: show each student's progress since.",
)
@taxonomy_option
@limit_options
@pdf_engine_option
@reports_errors
def batch(
    inputs: tuple[str, ...],
    job: str | None,
    role: str | None,
    out_dir: str,
    workers: int | None,
    engine: str,
    scheduler: str | None,
    timeout: float,
    max_memory: float,
    redact: bool,
    force: bool,
    since: str | None,
    taxonomy_files: tuple[str, ...],
    max_pages: int | None,
    max_bytes: int | None,
    pdf_engine: str,
) -> None:
    """Write a gap report for every resume in INPUTS and one page on what the whole cohort lacks.

    INPUTS are resume files or folders (searched recursively for .pdf, .docx, .txt, .md and .json). The -o
    folder gets one report per resume, index.html (the cohort summary), cohort.csv and cohort.jsonl. A file
    that cannot be read is listed with its reason and the rest go on: the exit code is then 3. A document
    that takes longer than --timeout seconds, or makes its worker grow by more than --max-memory megabytes, is
    stopped and listed as failed. With --engine dask the work runs on dask workers, which read the resumes from
    the paths given: on a cluster, a folder every machine mounts at the same path.

    \b
    Examples:
      gapcheck batch resumes/ --role ml-engineer -o cohort-report/
      gapcheck batch resumes/ --job ad.pdf -o week-8/ --redact --since week-4/
      gapcheck batch /shared/resumes/ --role ml-engineer -o out/ --engine dask --scheduler tcp://10.0.0.5:8786
    """
    from contextlib import nullcontext

    from gapcheck import api
    from gapcheck import batch as cohort

    if (job is None) == (role is None):
        raise UsageError("give either --job FILE or --role NAME")
    run_on = _batch_engine(engine, scheduler, workers)
    limits = _limits(max_pages, max_bytes, pdf_engine)
    plan = cohort.plan_batch(inputs, out_dir, force=force, since=since)
    job_spec = api.load_job(job, role=role, taxonomy=taxonomy_files, limits=limits)
    options = cohort.BatchOptions(taxonomy_files, limits, redact=redact, timeout=timeout, max_memory=max_memory)
    count = len(plan.resumes)
    # A progress bar only for a person watching; logs and pipes stay quiet.
    bar = click.progressbar(length=count, label="analysing", file=sys.stderr) if sys.stderr.isatty() else nullcontext()
    with bar as progress:
        result = cohort.run_batch(
            plan,
            job_spec,
            options,
            workers=workers or cohort.default_workers(),
            on_outcome=(lambda _: progress.update(1)) if progress is not None else None,
            engine=run_on,
        )
    for skipped in plan.skipped:
        click.echo(f"skipped {skipped}: looks like notes, not a resume (name it to include it)", err=True)
    for failure in result.failures:
        click.echo(f"failed: {failure.reason}", err=True)
    click.echo(f"wrote {len(result.students)} reports and {result.index}")
    if result.failures:
        click.echo(f"{len(result.failures)} of {count} files failed; they are listed in {result.index}", err=True)
        sys.exit(3)


def _batch_engine(engine: str, scheduler: str | None, workers: int | None) -> Engine | None:
    """The batch's engine (None: local processes); checked before any work, and the dask extra with it."""
    if engine != "dask":
        if scheduler is not None:
            raise UsageError("--scheduler is for --engine dask")
        return None
    if scheduler is not None and workers is not None:
        raise UsageError("--workers sizes a local cluster; with --scheduler the cluster's own workers are used")
    try:
        from gapcheck.batch import on_dask
    except ImportError:
        from gapcheck.errors import MissingExtra

        raise MissingExtra("--engine dask needs dask.distributed: pip install 'gapcheck[dask]'") from None
    return functools.partial(on_dask.analyze_on_dask, scheduler=scheduler, workers=workers)


@cli.command()
@click.argument("resume", type=click.Path(dir_okay=False))
@click.argument("jobs", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=FORMATS_REPORT, default="text", show_default=True, help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help="Write to this file.")
@taxonomy_option
@limit_options
@pdf_engine_option
@reports_errors
def rank(
    resume: str,
    jobs: tuple[str, ...],
    fmt: str,
    output: str | None,
    taxonomy_files: tuple[str, ...],
    max_pages: int | None,
    max_bytes: int | None,
    pdf_engine: str,
) -> None:
    """Rank saved job ads (files, or folders of them) by how well RESUME fits each, best first.

    Each ad gets its score, the required skills the resume lacks, and the title, experience and
    education verdicts. An ad that cannot be read is reported and skipped: the exit code is then 3
    (1 if no ad could be read).

    \b
    Examples:
      gapcheck rank resume.pdf saved-ads/
      gapcheck rank resume.pdf ad1.txt ad2.pdf --format html -o ranking.html
    """
    from gapcheck import __version__ as version
    from gapcheck import pipeline
    from gapcheck import rank as ranking
    from gapcheck.errors import InputError
    from gapcheck.ingest import read_document
    from gapcheck.serialize import json_text

    limits = _limits(max_pages, max_bytes, pdf_engine)
    document = read_document(resume, kind="resume", limits=limits)
    kit = pipeline.toolkit(taxonomy_files)
    result = ranking.rank_jobs(kit, document, jobs, limits=limits)
    for failure in result.failures:
        click.echo(f"skipped: {failure.error}", err=True)
    if not result.jobs:
        raise InputError("no job ad could be read; see the reasons above")
    if fmt == "json":
        content = json_text(ranking.ranking_json(result))
    elif fmt == "html":
        content = ranking.render_rank_html(result, version=version)
    else:
        content = ranking.render_rank_text(result)
    if output is None and fmt == "html":
        output = f"{Path(resume).stem}-ranking.html"
    if output is None:
        click.echo(content, nl=False)
    else:
        from gapcheck.output import write_atomic

        inputs = [Path(resume), *map(Path, jobs), *map(Path, taxonomy_files)]
        write_atomic(Path(output), content, protected=inputs)
        click.echo(f"wrote {output}")
    if result.failures:
        sys.exit(3)


@taxonomy.command("suggest")
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="The TOML file to write.")
@click.option(
    "--kind", type=click.Choice(["resume", "job"]), default="resume", show_default=True, help="What the files are."
)
@click.option(
    "--min-files", type=click.IntRange(1), default=1, show_default=True, help="Keep tools named in this many files."
)
@taxonomy_option
@limit_options
@pdf_engine_option
@reports_errors
def taxonomy_suggest(
    files: tuple[str, ...],
    output: str,
    kind: str,
    min_files: int,
    taxonomy_files: tuple[str, ...],
    max_pages: int | None,
    max_bytes: int | None,
    pdf_engine: str,
) -> None:
    """Write the tools that FILES (resumes or ads, or folders of them) list but the taxonomy does not know, counted,
    as a taxonomy file to review and pass back with --taxonomy. A file that cannot be read is reported and
    skipped: the exit code is then 3.

    \b
    Example:
      gapcheck taxonomy suggest resumes/ -o new-tools.toml
      gapcheck analyze resume.pdf --job ad.txt --taxonomy new-tools.toml
    """
    from gapcheck import pipeline, suggest
    from gapcheck.output import write_atomic
    from gapcheck.rank import job_files

    paths, empty = job_files(files)
    kit = pipeline.toolkit(taxonomy_files)
    limits = _limits(max_pages, max_bytes, pdf_engine)
    found = suggest.suggest_from_files(kit, paths, kind, min_files, limits=limits)  # type: ignore[arg-type]
    failures = [f.error for f in empty] + found.failures
    for failure in failures:
        click.echo(f"skipped: {failure}", err=True)
    write_atomic(
        Path(output), suggest.suggestion_toml(found), protected=[*map(Path, paths), *map(Path, taxonomy_files)]
    )
    click.echo(f"wrote {output}: {len(found.tools)} unrecognised tools from {found.files} files")
    if failures:
        sys.exit(3)


@cli.command()
@click.argument("jobs", nargs=-1, required=True, type=click.Path())
@click.option("--name", required=True, help='The role\'s name, e.g. "Java backend developer (Leeds)".')
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="The TOML file to write.")
@click.option("--id", "profile_id", default=None, help="The role's id for --role (default: made from --name).")
@taxonomy_option
@limit_options
@pdf_engine_option
@reports_errors
def profile(
    jobs: tuple[str, ...],
    name: str,
    output: str,
    profile_id: str | None,
    taxonomy_files: tuple[str, ...],
    max_pages: int | None,
    max_bytes: int | None,
    pdf_engine: str,
) -> None:
    """Build a role profile from many real job ads (files, or folders of them) and write it as a taxonomy file.

    The skills that recur across the ads become the role's required and preferred skills, weighted by how
    often they are asked for. Use the file with `analyze` or `batch`. An ad that cannot be used is reported
    and skipped: the exit code is then 3.

    \b
    Example:
      gapcheck profile ads/leeds/ --name "Java developer (Leeds)" -o leeds-java.toml
      gapcheck analyze resume.pdf --taxonomy leeds-java.toml --role java-developer-leeds
    """
    from gapcheck import pipeline
    from gapcheck import profile as profiles
    from gapcheck.output import write_atomic
    from gapcheck.rank import job_files

    files, empty = job_files(jobs)
    kit = pipeline.toolkit(taxonomy_files)
    limits = _limits(max_pages, max_bytes, pdf_engine)
    built = profiles.profile_from_files(kit, files, name, profile_id, limits=limits)
    failures = [f.error for f in empty] + built.failures
    for failure in failures:
        click.echo(f"skipped: {failure}", err=True)
    inputs = [*map(Path, files), *map(Path, taxonomy_files)]
    write_atomic(Path(output), profiles.profile_toml(built), protected=inputs)
    counts = {i: sum(s.importance == i for s in built.skills) for i in ("required", "preferred")}
    click.echo(
        f"wrote {output}: role '{built.id}' from {built.ads} ads, {counts['required']} required and "
        f"{counts['preferred']} preferred skills (named in at least {built.threshold} ads)"
    )
    click.echo(f"use it with: gapcheck analyze RESUME --taxonomy {output} --role {built.id}")
    if failures:
        sys.exit(3)


def main() -> None:
    """Entry point of the console script: no traceback reaches the user unless GAPCHECK_DEBUG is set."""
    collector.pause_for_start_up()
    try:
        cli.main(prog_name="gapcheck")
    except SystemExit:
        raise
    except KeyboardInterrupt:
        click.echo("gapcheck: interrupted", err=True)
        sys.exit(130)
    except Exception as error:  # noqa: BLE001 - the promise is one line, never a traceback
        if os.environ.get("GAPCHECK_DEBUG"):
            raise
        click.echo(
            f"Error: internal error ({type(error).__name__}: {error}); set GAPCHECK_DEBUG=1 for details", err=True
        )
        sys.exit(1)
