#!/usr/bin/env python3
"""Writes an OKR file with twice the objectives and key results of another.

    okr --db large.db demo --scale large --seed 1 && okr --db large.db export -o large.yaml
    python3 bench/double_objectives.py large.yaml > large-2x.yaml

The teams and people stay as they are; every objective comes a second time with its key
results, each key suffixed "-2" and its alignment pointing at the second copy. From the
large demo's current cycle (10,000 teams, 15,000 objectives, 50,000 key results, 16.5 MB)
it makes the 28 MB file of 10,000 teams, 30,000 objectives and 100,000 key results that
docs/performance.md imports.
"""
import re
import sys

KEYED = re.compile(r"^(\s*(?:- )?key: )(\S+)$")
ALIGNED = re.compile(r"^(\s*aligns_to(?:_key_result)?: )(\S+)$")


def main(path: str) -> None:
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    try:
        start = lines.index("objectives:") + 1
    except ValueError:
        sys.exit(f"{path}: no 'objectives:' section")
    end = next((i for i in range(start, len(lines)) if lines[i] and not lines[i][0].isspace()), len(lines))
    objectives = lines[start:end]
    keys = {m.group(2) for line in objectives if (m := KEYED.match(line))}
    second = []
    for line in objectives:
        for pattern in (KEYED, ALIGNED):
            m = pattern.match(line)
            if m and m.group(2) in keys:
                line = m.group(1) + m.group(2) + "-2"
                break
        second.append(line)
    out = sys.stdout
    out.write("\n".join(lines[:end] + second + lines[end:]) + "\n")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: double_objectives.py FILE.yaml > DOUBLED.yaml")
    main(sys.argv[1])
