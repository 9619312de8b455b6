"""clinic-ready: questions to ask before ketamine therapy, as a checklist with cited concerns.

The Python API (docs/batch.md) is importable from here; it loads on first use, so
``clinic-ready --version`` stays fast:

    import clinic_ready
    checklist = clinic_ready.load_checklist("ketamine-clinic")
    result = clinic_ready.evaluate(checklist, {"checklist": "ketamine-clinic", "answers": {...}})
"""

__version__ = "0.3.0"

_API = (
    "load_checklist",
    "evaluate",
    "evaluate_with_warnings",
    "evaluate_text",
    "result_document",
    "result_line",
    "InputError",
)


def __getattr__(name: str):
    if name in _API:
        from clinic_ready.app import api

        return getattr(api, name)
    raise AttributeError(f"module 'clinic_ready' has no attribute {name!r}")


def __dir__():
    return sorted([*globals(), *_API])
