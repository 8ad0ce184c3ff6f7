#!/usr/bin/env python
"""Fail on undefined names in the library (pyflakes), e.g. an import cell marked `#| hide` instead of `#| export`."""
import sys
from pyflakes import api, reporter as rep
from pyflakes.messages import UndefinedName, UndefinedExport, UndefinedLocal, ImportStarUsage


class Collect(rep.Reporter):
    def __init__(self): self.bad = []
    def unexpectedError(self, filename, msg): self.bad.append(f'{filename}: {msg}')
    def syntaxError(self, filename, msg, lineno, offset, text): self.bad.append(f'{filename}:{lineno}: {msg}')
    def flake(self, m):
        if isinstance(m, (UndefinedName, UndefinedExport, UndefinedLocal, ImportStarUsage)): self.bad.append(str(m))


if __name__ == '__main__':
    r = Collect()
    for path in sys.argv[1:]: api.checkRecursive([path], r)
    for line in r.bad: print(line)
    print(f'check-names: {len(r.bad)} undefined name(s)' if r.bad else 'check-names: no undefined names')
    sys.exit(1 if r.bad else 0)
