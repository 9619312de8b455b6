"""`clinic-ready export`: a checklist in another standard's form (FHIR R4 Questionnaire)."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from clinic_ready.cli.options import ChecklistArgument, output_option
from clinic_ready.i18n import _


class FhirVersion(str, Enum):
    R4 = "R4"


def export(
    checklist: ChecklistArgument = None,
    fhir: bool = typer.Option(False, "--fhir", help=_("Export as a FHIR Questionnaire (JSON).")),
    version: FhirVersion = typer.Option(FhirVersion.R4, "--version", help=_("FHIR version.")),
    output: Annotated[str | None, output_option(_("Write it to FILE instead of the screen."))] = None,
) -> None:
    """Export a checklist as a FHIR R4 Questionnaire, for form fillers and health records.

    Sections become groups, questions keep their ids as linkId, conditions become enableWhen
    (or an SDC enableWhenExpression in FHIRPath), and every question can be answered "Unsure" or
    "Prefer not to say".  A filled-in QuestionnaireResponse is an answers file for 'run --answers'.
    See docs/fhir.md.

    \b
    Examples:
      clinic-ready export ketamine-clinic --fhir --output questionnaire.json
      clinic-ready export my-checklist.yaml --fhir --version R4 > questionnaire.json
    """
    import json

    from clinic_ready.app import pipeline
    from clinic_ready.errors import UsageError

    if not fhir:
        raise UsageError(_("choose what to export — add --fhir (a FHIR R4 Questionnaire)"))
    from clinic_ready.io.fhir.questionnaire import questionnaire

    cl = pipeline.load_checklist(checklist)
    doc = questionnaire(cl)
    pipeline.write_document("json", output, lambda: json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
