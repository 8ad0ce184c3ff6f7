"""Write the student copies of the notebooks (`make handouts`), or write and run them both ways (`make test-handouts`).

    python tools/handouts.py --out handouts                 # student copies, solutions replaced by prompts
    python tools/handouts.py --out handouts --solutions     # the teacher's copies (markers removed, code kept)
    python tools/handouts.py --out build/handouts --check   # with solutions they run; as handed out, each check fails helpfully
"""
import argparse, sys, time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

def main(argv=None):
    from octavius_nb.core import OctaviusError
    from octavius_nb.handouts import check_handouts, make_handouts
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--nbs', default=str(ROOT/'nbs')); ap.add_argument('--out', default=str(ROOT/'handouts'))
    ap.add_argument('--solutions', action='store_true'); ap.add_argument('--check', action='store_true')
    a = ap.parse_args(argv)
    t0 = time.perf_counter()
    if a.check:
        try: rep = check_handouts(a.nbs, a.out)
        except OctaviusError as e: sys.exit(f'handouts: {e}')
        n = sum(r['exercises'] for r in rep.values())
        print(f'handouts: {len(rep)} notebooks, {n} exercises: all run with their solutions, and each of the {n} checks '
              f'fails with a one-line message as handed out ({time.perf_counter() - t0:.0f} s)')
        return
    done = make_handouts(a.nbs, a.out, a.solutions)
    for name, n in done.items(): print(f'{Path(a.out)/name}: {n} exercises')
    print(f"handouts: {len(done)} {'teacher' if a.solutions else 'student'} copies in {a.out}")

if __name__ == '__main__':
    main()
