"""Train the classroom Octavius for a few steps and write the loss curve to a JSON file.

Run once as one process and once under `accelerate launch --num_processes 2 --cpu`; the two curves (same global batch)
should agree within the tolerance `compare` prints. Usage: python tools/accelerate_check.py OUT.json [--quick]
"""
import json, sys
import torch
from octavius_nb.core import get_config
from octavius_nb.decoder import classroom_decoder
from octavius_nb.image_encoder import classroom_clip
from octavius_nb.ulip import classroom_point_bert
from octavius_nb.octavius import Octavius, examples_2d, examples_3d
from octavius_nb.train import train

if __name__ == '__main__':
    out, quick = sys.argv[1], '--quick' in sys.argv
    torch.set_num_threads(1)
    cfg = get_config('classroom', train=dict(steps=8, batch_size=8, warmup_steps=2, lr=2e-3))
    clip = classroom_clip(cfg.image, quick=quick, log=None); ulip = classroom_point_bert(cfg.point, clip=clip, quick=quick, log=None)
    dec, tok = classroom_decoder(cfg.decoder, quick=quick, log=None)
    torch.manual_seed(0)
    model = Octavius(cfg, dec, tok, clip=clip, point_bert=ulip.point_bert)
    res = train(model, examples_2d(8, 0) + examples_3d(4, 0), cfg.train, progress=False, log=None)
    if res['processes'] == 1 or torch.distributed.get_rank() == 0:
        json.dump({'processes': res['processes'], 'losses': [h['loss'] for h in res['history']]}, open(out, 'w'))
