"""Does detection learn faster when its answers are written as the base model's prose writes boxes?

    python tools/detection_format.py [--out FILE] [--set grounded_steps=2400 ...]

On build 0 of the lab's base model (notebook 42's data, design seeds 0 and 1), single-task detection adapters at the
fair test's budget (`single`, 133 steps) and at the joint run's whole budget (`single-long`, 600 steps), with the
lab's answers ("A green circle [22, 9, 30, 17].") and with answers in the words of stage 1's prose ("The medium green
circle spans columns 22 to 30 and rows 9 to 17."), read back into boxes for the same metric; and `prose_grounding`,
what the base model writes when asked for one named shape's place in its own prose. Notebook 43 section 13.
`--set` builds (and caches) a base model whose recipe differs from build 0's in the fields named.
"""
import argparse
import json
import re
import time

from octavius_nb.core import write_json
from octavius_nb.core import pick_recipe
from octavius_nb.lab import (BASE_RECIPES, BINS, answers, get_lab, grid, item_scores, lab_data, prose_grounding,
                             train_lab_model)

SPANS = re.compile(r'spans columns (\d+) to (\d+) and rows (\d+) to (\d+)')


def prose_answer(scene, bins: int = BINS) -> str:
    "The objects in the lab's reading order, each as stage 1's prose places it."
    objs = sorted(scene.objects, key=lambda o: (round(o.center[1] * 4), o.center[0]))
    parts = []
    for o in objs:
        x1, y1, x2, y2 = (grid(v, bins) for v in o.box)
        parts.append(f'the {o.size} {o.colour} {o.shape} spans columns {x1} to {x2} and rows {y1} to {y2}')
    text = '; '.join(parts) + '.'
    return text[0].upper() + text[1:]


def prose_to_grid(text: str) -> str:
    "'spans columns x1 to x2 and rows y1 to y2' -> '[x1, y1, x2, y2]' on the grid, for the lab's metric."
    return SPANS.sub(lambda m: f'[{m[1]}, {m[3]}, {m[2]}, {m[4]}]', text)


if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--out', default='results/detection_format.json')
    ap.add_argument('--set', nargs='*', default=[], help="recipe fields as name=value (JSON values)")
    args = ap.parse_args()
    t0 = time.perf_counter()
    name = 'classroom'
    if args.set:                                 # a recipe of this process only (the runs here use no workers)
        name = 'classroom:' + ','.join(args.set)
        BASE_RECIPES[name] = pick_recipe(BASE_RECIPES, 'classroom',
                                         **{k: json.loads(v) for k, v in (a.split('=', 1) for a in args.set)})
    lab = get_lab('core', seeds=(0, 1), base=name)
    base, train_ex, test_ex = lab_data(lab)
    grid_answers = {id(e): e.sample.answer for e in train_ex + test_ex if e.sample.task == 'detection'}
    test = [e for e in test_ex if e.sample.task == 'detection']
    res = {'base_checkpoint': base.meta['checkpoint'], 'recipe_changes': args.set,
           'base_seconds': base.meta.get('seconds'), 'prose_grounding': prose_grounding(base), 'runs': []}
    for fmt in ('grid', 'prose'):
        for e in train_ex + test_ex:
            if e.sample.task == 'detection':
                e.sample.answer = prose_answer(e.scene) if fmt == 'prose' else grid_answers[id(e)]
        for seed in lab.seeds:
            for method in ('single', 'single-long'):
                model, steps = train_lab_model(method, seed, lab, base, train_ex, ['detection'])
                preds = answers(model, test)
                read = [prose_to_grid(p) for p in preds] if fmt == 'prose' else preds
                sc = item_scores('detection', read, [e.sample for e in test])
                res['runs'].append({'answers': fmt, 'method': method, 'seed': seed, 'steps': steps,
                                    'recall@0.5': round(float(sc[:, 0].sum() / sc[:, 1].sum()), 4),
                                    'first_answer': preds[0]})
                print(res['runs'][-1], flush=True)
    res['seconds'] = round(time.perf_counter() - t0, 1)
    write_json(args.out, res)
