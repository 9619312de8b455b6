"""`clinic-ready test`: run a checklist's own examples and show what differed."""

from __future__ import annotations

import typer

from clinic_ready.errors import EXIT_BAD_INPUT, EXIT_CONCERN, ClinicReadyError
from clinic_ready.i18n import _, ngettext
from clinic_ready.safe_text import clean


def test_checklists(
    checklists: list[str] = typer.Argument(..., metavar="CHECKLIST", help=_("Shipped checklist ids or YAML files.")),
) -> None:
    """Run the examples written in checklists and report pass or fail for each.

    An example gives answers and what must follow from them: concerns raised or not raised,
    the verdict, questions asked or skipped (see "Testing your checklist" in
    docs/checklist-format.md).  A failed example shows each expectation that did not hold.
    Exit 0 when every example passes, 1 when one fails, 2 when a checklist cannot be loaded.

    \b
    Examples:
      clinic-ready test my-checklist.yaml
      clinic-ready test ketamine-clinic ketamine-clinic-self-audit
    """
    from clinic_ready.core import selftest
    from clinic_ready.io import catalog, yamlio
    from clinic_ready.io.loading import parse_checklist

    def echo(line: str) -> None:  # names, versions and expectations come from the file: cleaned
        typer.echo(clean(line, keep_lines=True))

    bad = failed = False
    for arg in checklists:
        try:
            name, text = yamlio.read_source(catalog.resolve(arg))
            cl = parse_checklist(text, name)
        except ClinicReadyError as exc:
            for line in exc.shown():
                typer.echo(line, err=True)  # (already cleaned)
            bad = True
            continue
        outcomes = selftest.run(cl)
        if not outcomes:
            echo(_("{name}: no examples to run — add 'examples:' (see docs/checklist-format.md)").format(name=name))
            continue
        lines = yamlio.locate(text, [("examples", o.index) for o in outcomes])
        echo(
            ngettext(
                "{name}: {id} {version}, {count} example", "{name}: {id} {version}, {count} examples", len(outcomes)
            ).format(name=name, id=cl.id, version=cl.version, count=len(outcomes))
        )
        for o in outcomes:
            at = lines.get((("examples", o.index), False), (None,))[0]
            where = f"{name}:{at}" if at else name
            mark = _("PASS") if o.passed else _("FAIL")
            echo(f"  {mark}  {_one_line(o.example.name)}" + ("" if o.passed else f"  ({where})"))
            width = max((len(d.subject) for d in o.differences), default=0)
            for d in o.differences:
                echo(
                    f"        {d.subject:<{width}}  "
                    + _("expected {expected}, got {got}").format(expected=d.expected, got=d.got)
                )
        passed = sum(o.passed for o in outcomes)
        echo("  " + _("{passed} passed, {failed} failed").format(passed=passed, failed=len(outcomes) - passed))
        failed = failed or passed < len(outcomes)
    if bad:
        raise typer.Exit(EXIT_BAD_INPUT)
    if failed:
        raise typer.Exit(EXIT_CONCERN)


def _one_line(text: str) -> str:
    """An example's name on one line, without control characters (it comes from the file)."""
    return "".join(ch if ch.isprintable() else " " for ch in " ".join(text.split()))
