"""Renderers: pure views of a Result.  Each format's module is imported only when it is used."""

from __future__ import annotations

from importlib import import_module

TEXT_FORMATS = ("terminal", "json", "markdown")
REPORT_FORMATS = ("json", "markdown", "html", "pdf", "fhir")
FORMATS = ("terminal", "json", "markdown", "html", "pdf", "fhir")
_MODULES = {"json": "clinic_ready.render.json_", "fhir": "clinic_ready.io.fhir.response"}


def renderer(fmt: str):
    """The module rendering ``fmt`` (each has ``render(result, **options)``)."""
    if fmt not in FORMATS:
        raise ValueError(fmt)
    return import_module(_MODULES.get(fmt, f"clinic_ready.render.{fmt}"))
