"""Markdown: the same content as the terminal summary, as plain Markdown."""

from __future__ import annotations

from clinic_ready.model import Result
from clinic_ready.notices import CRISIS_HEADING, CRISIS_LINES, NOTICE
from clinic_ready.render.common import Citations, answer_text, by_section, grouped, severity_label, source_line


def _esc(text: str) -> str:
    """Keep answers and checklist text from turning into Markdown or HTML markup."""
    out = str(text).replace("\\", "\\\\")
    for ch in "`*_[]<>#|":
        out = out.replace(ch, "\\" + ch)
    return " ".join(out.split())


def render(result: Result, **_: object) -> str:
    cl = result.checklist
    cites = Citations.of(result)
    out: list[str] = [
        f"# {_esc(cl.title)}",
        "",
        f"Checklist `{cl.id}` version {_esc(cl.version)} · facts as of {cl.facts_as_of.isoformat()}",
        "",
        f"> **{NOTICE}**",
        "",
        f"## Verdict: {_esc(result.verdict.title)}",
        "",
        _esc(result.verdict.text),
        "",
        "Concerns by severity: " + ", ".join(f"{k} {v}" for k, v in result.counts.items()),
        "",
        "## Concerns",
        "",
    ]
    if not result.findings:
        out += ["No concern was raised by these answers.", ""]
    for sev, findings in grouped(result):
        out += [f"### {severity_label(sev)}", ""]
        for f in findings:
            c = f.concern
            out += [
                f"#### {_esc(c.title)} (`{c.id}`)",
                "",
                f"- **Why it matters:** {_esc(c.why)}",
                f"- **Ask:** {_esc(c.ask)}",
                f"- **What to do:** {_esc(c.action)}",
                f"- **Sources:** {cites.refs(f)}",
                "",
            ]
    out += ["## Not assessed", ""]
    if result.not_assessed:
        out += [f"- {_esc(i.question.prompt)} — *{answer_text(i)}* (`{i.question.id}`)" for i in result.not_assessed]
    else:
        out += ["Every question was answered."]
    out += ["", "## Your answers", ""]
    for section, items in by_section(result):
        out += [f"### {_esc(section.title)}", ""]
        out += [f"- {_esc(i.question.prompt)} — **{_esc(answer_text(i))}**" for i in items]
        out += [""]
    out += ["## Sources", ""]
    out += [f"{n}. {_esc(source_line(s))}" for n, s in enumerate(cites.order, 1)] or ["No sources cited."]
    out += ["", "## About this checklist", "", _esc(cl.notice), "", f"## {CRISIS_HEADING}", ""]
    out += [f"- **{who}:** {how}" for who, how in CRISIS_LINES]
    out += [""]
    return "\n".join(out)
