"""clinic-ready: questions to ask before ketamine therapy, as a checklist with cited concerns."""

__version__ = "0.1.0"
