"""Cost of the record schema check (plaint.schema.record_problems) per record, against the
parse that precedes it, on the demo book's records.

    .venv/bin/python bench/schema_bench.py
"""

import glob
import os
import time
import tomllib

from plaint.schema import record_problems

DEMO = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "records")


def main() -> None:
    paths = sorted(glob.glob(os.path.join(DEMO, "20*", "*", "*.toml")))
    texts = [(p, open(p, encoding="utf-8").read()) for p in paths]
    parsed = [(p, tomllib.loads(t), t) for p, t in texts]
    rounds = 500
    began = time.perf_counter()
    for _ in range(rounds):
        for path, text in texts:
            tomllib.loads(text)
    parse = (time.perf_counter() - began) / (rounds * len(texts)) * 1e6
    began = time.perf_counter()
    for _ in range(rounds):
        for path, data, text in parsed:
            assert not record_problems(data, text, path)
    check = (time.perf_counter() - began) / (rounds * len(parsed)) * 1e6
    print(f"{len(parsed)} records x {rounds}: tomllib parse {parse:.1f} us/record, schema check {check:.1f} us/record "
          f"({check / parse * 100:.0f}% of the parse); 100,000 records: {check * 100_000 / 1e6:.1f} s of checking")


if __name__ == "__main__":
    main()
