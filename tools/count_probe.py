"""Do the lab base model's scene tokens carry how many objects a room holds? A linear probe.

    python tools/count_probe.py [--base-seed 0] [--recipe classroom]

The scene tokens of 800 held-out rooms (data seed 4242) from the frozen base model; softmax regression on the
flattened tokens (standardised, 500 Adam steps), trained on 600 rooms and scored on 200, naming the number of
proposals (what the aggregator sees) and the number of objects (what the answers say). Notebook 43 section 11.
"""
import argparse
import dataclasses
import json

import numpy as np
import torch

from octavius_nb.data3d import make_room
from octavius_nb.lab import BASE_RECIPES, lab_base
from octavius_nb.object_as_scene import room_input


def probe(x: torch.Tensor, y: np.ndarray, n_fit: int = 600, steps: int = 500) -> float:
    "Held-out accuracy of softmax regression from `x` to the whole numbers `y`."
    t = torch.as_tensor(y)
    mu, sd = x[:n_fit].mean(0), x[:n_fit].std(0) + 1e-5
    x = (x - mu) / sd
    torch.manual_seed(0)
    lin = torch.nn.Linear(x.shape[1], int(y.max()) + 1)
    opt = torch.optim.Adam(lin.parameters(), 1e-2, weight_decay=1e-3)
    for _ in range(steps):
        loss = torch.nn.functional.cross_entropy(lin(x[:n_fit]), t[:n_fit])
        opt.zero_grad()
        loss.backward()
        opt.step()
    with torch.no_grad(): return float((lin(x[n_fit:]).argmax(1) == t[n_fit:]).float().mean())


def count_probe(base) -> dict:
    "The probe's held-out accuracy, and the fitted rooms' commonest count's, for proposals and for objects."
    rooms = [make_room(i, 4242) for i in range(800)]
    inputs = [room_input(r, 'vqa3d', seed=i) for i, r in enumerate(rooms)]
    with torch.no_grad():
        x = torch.cat([base.scene_encoder(inputs[s:s + 100]).flatten(1) for s in range(0, 800, 100)])
    out = {'base_checkpoint': base.meta['checkpoint']}
    for name, y in (('proposals', np.array([len(i) for i in inputs])),
                    ('objects', np.array([len(r.objects) for r in rooms]))):
        commonest = np.bincount(y[:600]).argmax()                     # the fitted rooms' commonest count
        out[name] = {'probe': round(probe(x, y), 3), 'majority': round(float((y[600:] == commonest).mean()), 3)}
    return out


if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--base-seed', type=int, default=0)
    ap.add_argument('--recipe', default='classroom', help='a BASE_RECIPES name')
    args = ap.parse_args()
    base = lab_base(dataclasses.replace(BASE_RECIPES[args.recipe], seed=args.base_seed), log=None)
    print(json.dumps(count_probe(base)))
