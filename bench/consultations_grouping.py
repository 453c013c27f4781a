"""Benchmark: group 100 000 consultation comments (campaign form letters copied with realistic
Persian variation, plus individual comments) and print time, peak memory and pairwise F1.

    .venv/bin/python bench/consultations_grouping.py [--n 100000] [--seed 7]

Targets (issue 4): ≤ 15 s on 2 cores, < 600 MiB, pairwise F1 ≥ 0.99.
"""

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.formletters import generate
from mosharekat.consultations.grouping import group, pairwise_f1


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    texts, truth, campaigns = generate(args.n, args.seed)
    start = time.perf_counter()
    labels = group(texts)
    elapsed = time.perf_counter() - start
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    f1 = pairwise_f1(labels, truth)
    print(f"comments: {len(texts)}  campaigns: {campaigns}  groups found: {len(set(labels))}")
    print(f"grouping time: {elapsed:.2f} s  peak RSS: {peak_mib:.0f} MiB  pairwise F1: {f1:.4f}")


if __name__ == "__main__":
    main()
