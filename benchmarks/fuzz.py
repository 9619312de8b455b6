"""Run the property tests (tests/test_properties.py) with many more examples.

    python benchmarks/fuzz.py              # 20,000 examples per property
    python benchmarks/fuzz.py 100000       # more

Every property checks that only clinic-ready's own error types escape the YAML reader, the
checklist loader, the answers parser, answer coercion and the condition language.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    per_property = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    env = {**os.environ, "CLINIC_READY_FUZZ_EXAMPLES": str(per_property)}
    t0 = time.perf_counter()
    r = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(ROOT / "tests" / "test_properties.py")],
        cwd=ROOT, env=env,
    )
    properties = 7
    print(f"fuzz: {properties} properties x {per_property} examples = {properties * per_property} examples "
          f"in {time.perf_counter() - t0:.0f} s; {'clean' if r.returncode == 0 else 'FAILURES (see above)'}")
    return r.returncode


if __name__ == "__main__":
    sys.exit(main())
