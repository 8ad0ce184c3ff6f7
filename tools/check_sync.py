#!/usr/bin/env python
"""Fail when nbdev_export, nbdev_clean or the test extraction would change a file.

Runs the three (they write in place), then compares every file under nbs/, the library and tests/
with what was there before. Run in a clean clone (CI), a difference means the committed library,
notebooks or tests are not what the notebooks produce: run `make sync` and commit.
"""
import hashlib, os, subprocess, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
WATCH = ['nbs', 'octavius_nb', 'tests']


def snapshot():
    out = {}
    for d in WATCH:
        for p in (ROOT / d).rglob('*'):
            if p.is_file() and '__pycache__' not in p.parts and '.ipynb_checkpoints' not in p.parts:
                out[p.relative_to(ROOT)] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def main():
    before = snapshot()
    env = {k: v for k, v in os.environ.items() if k != 'IN_TEST'}  # nbdev_export does nothing under IN_TEST
    for cmd in ([str(BIN / 'nbdev_export')], [str(BIN / 'nbdev_clean')], [sys.executable, 'tools/extract_tests.py']):
        r = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
        if r.returncode: sys.exit(f'check-sync: {" ".join(cmd)} failed:\n{r.stdout}{r.stderr}')
    after = snapshot()
    changed = sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))
    if changed:
        print('check-sync: these files were not what the notebooks produce (now rewritten):')
        for p in changed: print(f'  {p}')
        print('check-sync: review the change, then commit it (`make sync` does the same writes).')
        return 1
    print(f'check-sync: library, notebooks and extracted tests are in sync ({len(after)} files)')
    return 0


if __name__ == '__main__':
    sys.exit(main())
