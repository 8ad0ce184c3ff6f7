"""Can a stage-1 recipe make the lab's base model count rooms? Each recipe's probes and design runs, in one JSON.

    python tools/stage1_trial.py [--recipes classroom count-first count-first-null] [--out FILE] [--workers 2]

For each BASE_RECIPES name (base seed 0): the base model (from the cache, or built: about 5-11 minutes), the linear
count probe of `count_probe.py`, `fact_probe`, and the design runs (single-task models, seeds 0 and 1, notebook 42's
data), with 3D VQA's accuracy per kind of question; then two longer 3D VQA runs (seed 0): the single-task adapter
for the joint run's whole 600 steps, and the same trained on the count questions alone. A recipe already in the
JSON is not run again (its longer runs are added when missing). Notebook 43 section 12 reads the JSON it writes.
"""
import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from count_probe import count_probe  # noqa: E402

from octavius_nb.core import write_json  # noqa: E402
from octavius_nb.lab import fact_probe, get_lab, lab_base, lab_examples, run_lab  # noqa: E402
from octavius_nb.report import _score  # noqa: E402


def per_kind(lab_json: dict, qtypes: list) -> dict:
    "3D VQA's accuracy by kind of question, per run (seed) and for the text-only answer."
    def split(items):
        a = np.asarray(items, float)[:, 0]
        return {k: round(float(a[[q == k for q in qtypes]].mean()), 3) for k in sorted(set(qtypes))}
    out = {str(r['seed']): split(r['items']['vqa3d']) for r in lab_json['runs']}
    out['text_only'] = split(lab_json['text_only']['vqa3d'])
    return out


def longer(lab) -> dict:
    """3D VQA alone for the joint run's 600 steps (seed 0), on all its questions and on the count questions
    alone: accuracy by kind, and the first answers to "how many objects"."""
    from octavius_nb.lab import answers, item_scores, lab_data, train_lab_model
    base, train_ex, test_ex = lab_data(lab)
    test = [e for e in test_ex if e.sample.task == 'vqa3d']
    out = {}
    is_count = lambda e: e.sample.target['qtype'] == 'count'
    for name, keep in (('all questions', lambda e: True), ('count questions', is_count)):
        tr = [e for e in train_ex if e.sample.task == 'vqa3d' and keep(e)]
        model, steps = train_lab_model('single-long', 0, lab, base, tr, ['vqa3d'])
        te = [e for e in test if keep(e)]
        preds = answers(model, te)
        ok = item_scores('vqa3d', preds, [e.sample for e in te])[:, 0]
        kinds = sorted({e.sample.target['qtype'] for e in te})
        out[name] = {'steps': steps, 'training_items': len(tr),
                     'by_kind': {k: round(float(ok[[e.sample.target['qtype'] == k for e in te]].mean()), 3)
                                 for k in kinds},
                     'count_answers': [[e.sample.answer, p] for e, p in zip(te, preds)
                                       if e.sample.target['qtype'] == 'count'][:8]}
    return out


if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--recipes', nargs='+', default=['classroom', 'count-first', 'count-first-null'])
    ap.add_argument('--out', default='results/stage1_trial.json')
    ap.add_argument('--workers', type=int, default=2)
    args = ap.parse_args()
    out = Path(args.out)
    res = json.loads(out.read_text()) if out.exists() else {}
    for name in args.recipes:
        t0 = time.perf_counter()
        lab = get_lab('core', seeds=(0, 1), methods=('single',), base=name)
        if 'design' not in res.get(name, {}):
            base = lab_base(name, progress=False)
            runs = run_lab(lab, out=out.parent/f'stage1_{name}', log=None, progress=False, workers=args.workers)
            test = lab_examples(lab.n_test_2d, lab.n_test_3d, lab.data_seed + 1000, lab.tasks)  # as lab_data's
            qtypes = [e.sample.target['qtype'] for e in test if e.sample.task == 'vqa3d']
            score = lambda items: round(_score(np.asarray(items, float)), 4)
            res[name] = {
                'base_checkpoint': base.meta['checkpoint'], 'base_seconds': base.meta.get('seconds'),
                'count_probe': count_probe(base), 'fact_probe': fact_probe(base),
                'design': {str(r['seed']): {t: score(v) for t, v in r['items'].items()} for r in runs['runs']},
                'swap_gap': {str(r['seed']): {t: round(g, 4) for t, g in r['swap_gap'].items()}
                             for r in runs['runs']},
                'text_only': {t: score(v) for t, v in runs['text_only'].items()},
                'vqa3d_by_kind': per_kind(runs, qtypes), 'seconds': round(time.perf_counter() - t0, 1)}
            write_json(out, res)
        if 'longer' not in res[name]:
            res[name]['longer'] = longer(lab)
            res[name]['longer_seconds'] = round(time.perf_counter() - t0, 1)
            write_json(out, res)
        print(name, json.dumps({k: res[name][k] for k in ('base_checkpoint', 'design', 'text_only')}), flush=True)
