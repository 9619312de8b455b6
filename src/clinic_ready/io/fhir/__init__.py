"""HL7 FHIR R4 (with SDC extensions): the one place that knows FHIR.

Everything here builds or reads plain dictionaries; nothing here is imported at start-up, only by
the commands that ask for FHIR.  See docs/fhir.md for the mapping.

- :mod:`clinic_ready.io.fhir.questionnaire`: a checklist as a ``Questionnaire``.
- :mod:`clinic_ready.io.fhir.response`: a result as a ``QuestionnaireResponse`` and a ``Bundle``; a
  ``QuestionnaireResponse`` read back as answers.
"""

from __future__ import annotations

from clinic_ready.i18n import N_

#: The canonical base of everything clinic-ready defines (questionnaires, code systems, extensions).
BASE = "urn:clinic-ready"

#: HL7 data-absent-reason: how "unsure" and "prefer not to say" travel in FHIR.
DAR_SYSTEM = "http://terminology.hl7.org/CodeSystem/data-absent-reason"
DAR_EXTENSION = "http://hl7.org/fhir/StructureDefinition/data-absent-reason"
#: (the displays are English here, and shown in the person's language: see questionnaire.state_coding)
STATE_CODES = {"unsure": ("asked-unknown", N_("Unsure")), "declined": ("asked-declined", N_("Prefer not to say"))}
CODE_STATES = {code: state for state, (code, _display) in STATE_CODES.items()}

#: HL7 v2 table 0136 (Yes/No): how yes_no questions are coded.
YES_NO_SYSTEM = "http://terminology.hl7.org/CodeSystem/v2-0136"
YES_NO_CODES = {"yes": ("Y", N_("Yes")), "no": ("N", N_("No"))}
CODE_YES_NO = {code: value for value, (code, _display) in YES_NO_CODES.items()}

SDC = "http://hl7.org/fhir/uv/sdc/StructureDefinition"
EXT = "http://hl7.org/fhir/StructureDefinition"


def questionnaire_url(checklist_id: str) -> str:
    return f"{BASE}:questionnaire:{checklist_id}"


def choice_system(checklist_id: str, question_id: str) -> str:
    """The code system of one question's choices (codes are the checklist's choice values)."""
    return f"{questionnaire_url(checklist_id)}:{question_id}"


def checklist_of(canonical: str) -> tuple[str, str | None] | None:
    """(checklist id, version or None) named by a questionnaire canonical, or None if not ours."""
    url, _sep, version = canonical.partition("|")
    prefix = questionnaire_url("")
    if not url.startswith(prefix) or len(url) == len(prefix):
        return None
    return url[len(prefix) :], (version or None)
