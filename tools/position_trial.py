"""Does a 2D position code on the picture's vision tokens teach the base model to place shapes, and with detection's
answers in stage 1's words, does detection then count in the fair test?

    python tools/position_trial.py [--out FILE] [--recipe pos-code] [--boxes prose]

For base build 0 (`classroom`) and the recipe named (the same with `BaseRecipe(pos_code=True)`): `position_probe`
(does one vision token say where it is?) and `prose_grounding` (does the base model place a named shape?); then, on
the recipe's base model, the core methods on the design seeds 0 and 1 with detection's answers in the form named, with
the text-only answers and each model's swap gaps (notebook 42's `run_lab`, two worker processes). Notebook 43
section 14.
"""
import argparse
import time

from octavius_nb.core import write_json
from octavius_nb.lab import get_lab, lab_base, position_probe, prose_grounding, run_lab

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--out', default='results/position_trial.json')
    ap.add_argument('--recipe', default='pos-code')
    ap.add_argument('--boxes', default='prose', choices=('grid', 'prose'))
    ap.add_argument('--workers', type=int, default=2)
    args = ap.parse_args()
    t0 = time.perf_counter()
    res = {'recipe': args.recipe, 'boxes': args.boxes, 'bases': {}}
    for name in ('classroom', args.recipe):
        base = lab_base(name, log=print)
        res['bases'][name] = {'checkpoint': base.meta['checkpoint'], 'seconds': base.meta.get('seconds'),
                              'position_probe': position_probe(base), 'prose_grounding': prose_grounding(base)}
        print(name, res['bases'][name], flush=True)
    lab = get_lab('core', seeds=(0, 1), base=args.recipe, boxes=args.boxes)
    res['design'] = run_lab(lab, log=print, progress=False, workers=args.workers)
    res['seconds'] = round(time.perf_counter() - t0, 1)
    write_json(args.out, res)
    print('done in', res['seconds'], 's')
