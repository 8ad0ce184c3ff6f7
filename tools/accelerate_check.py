"""Train the classroom Octavius for a few steps and write the loss curve to a JSON file; compare two such curves.

    python tools/accelerate_check.py OUT.json [--quick]          # one process
    accelerate launch --multi_gpu --num_processes 2 tools/accelerate_check.py OUT.json [--quick]   # two (CPU works too)
    python tools/accelerate_check.py --compare ONE.json TWO.json [--tol 0.05]

Both runs use the same global batch (8); each of two processes trains on half of it and the loss is weighted by answer
tokens over the whole batch, so the curves agree up to floating-point differences that grow slowly with the steps.
`make check-accelerate` runs the three commands.
"""
import json, sys

def compare(a_path, b_path, tol):
    a, b = json.load(open(a_path)), json.load(open(b_path))
    la, lb = a['losses'], b['losses']
    diff = [abs(x - y) for x, y in zip(la, lb)]
    print('| step | ' + ' | '.join(str(i + 1) for i in range(len(la))) + ' |')
    print('|---' * (len(la) + 1) + '|')
    for d, l in ((a, la), (b, lb)): print(f"| {d['processes']} process(es) | " + ' | '.join(f'{x:.4f}' for x in l) + ' |')
    print(f'largest difference {max(diff):.4f} (tolerance {tol}); processes {a["processes"]} and {b["processes"]}')
    if a['processes'] == b['processes']: sys.exit('both runs used the same number of processes; the launcher did not start two')
    if len(la) != len(lb) or max(diff) > tol: sys.exit(f'the curves differ by more than {tol}')

if __name__ == '__main__':
    if sys.argv[1] == '--compare':
        compare(sys.argv[2], sys.argv[3], float(sys.argv[sys.argv.index('--tol') + 1]) if '--tol' in sys.argv else 0.05)
        sys.exit(0)
    import torch
    from octavius_nb.core import get_config
    from octavius_nb.decoder import classroom_decoder
    from octavius_nb.image_encoder import classroom_clip
    from octavius_nb.ulip import classroom_point_bert
    from octavius_nb.instructions import examples_2d, examples_3d
    from octavius_nb.octavius import Octavius
    from octavius_nb.train import train
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
    if torch.distributed.is_initialized():      # leave the process group cleanly, or a rank may abort at exit
        torch.distributed.barrier(); torch.distributed.destroy_process_group()
