"""Print the figures the benchmarks recorded in var/bench/results.json as one table (`make bench` ends here)."""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import RESULTS

HEADER = ("Benchmark", "Measured", "Target", "Met")


def main():
    data = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    rows = [row for section in data.values() for row in section["rows"]]
    if not rows:
        print("No benchmark recorded figures (var/bench/results.json is empty).")
        return
    widths = [max(len(str(r[i])) for r in [HEADER, *rows]) for i in range(4)]
    line = "+".join("-" * (w + 2) for w in widths)
    print("\n" + line)
    for row in [HEADER, None, *rows]:
        print(line if row is None else "|".join(f" {c!s:<{w}} " for c, w in zip(row, widths, strict=True)))
    print(line)
    print("Recorded: " + ", ".join(f"{name} {section['at']}" for name, section in data.items()))


if __name__ == "__main__":
    main()
