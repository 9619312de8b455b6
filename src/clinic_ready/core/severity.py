"""How much a concern matters (its own module, without pydantic: the parent of `batch --jobs`
judges the exit code from the workers' severities without loading the model)."""

from __future__ import annotations

from enum import Enum


class Severity(str, Enum):
    """How much a concern matters, most serious first."""

    critical = "critical"
    high = "high"
    moderate = "moderate"
    low = "low"
    info = "info"

    @property
    def rank(self) -> int:
        return _RANK[self._value_]  # (``_value_``, Enum's own field: ``.value`` is a descriptor, several times slower)

    @property
    def symbol(self) -> str:
        return {"critical": "!!!", "high": "!!", "moderate": "!", "low": "-", "info": "i"}[self._value_]


_RANK = {"critical": 0, "high": 1, "moderate": 2, "low": 3, "info": 4}
