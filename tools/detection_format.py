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
import time

from octavius_nb.core import write_json
from octavius_nb.core import pick_recipe
from octavius_nb.lab import (BASE_RECIPES, answers, get_lab, item_scores, lab_data, prose_detection_answer,
                             prose_grounding, train_lab_model)

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
                e.sample.answer = prose_detection_answer(e.scene) if fmt == 'prose' else grid_answers[id(e)]
        for seed in lab.seeds:
            for method in ('single', 'single-long'):
                model, steps = train_lab_model(method, seed, lab, base, train_ex, ['detection'])
                preds = answers(model, test)
                sc = item_scores('detection', preds, [e.sample for e in test], boxes=fmt)
                res['runs'].append({'answers': fmt, 'method': method, 'seed': seed, 'steps': steps,
                                    'recall@0.5': round(float(sc[:, 0].sum() / sc[:, 1].sum()), 4),
                                    'first_answer': preds[0]})
                print(res['runs'][-1], flush=True)
    res['seconds'] = round(time.perf_counter() - t0, 1)
    write_json(args.out, res)
