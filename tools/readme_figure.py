#!/usr/bin/env python
"""Draw the README figure (nbs/images/worlds.png) from the library: a few 2D scenes and a room with their annotations."""
import matplotlib
matplotlib.use('Agg')
import matplotlib.pyplot as plt, textwrap
from pathlib import Path
from octavius_nb.data2d import make_scene_2d, make_samples_2d
from octavius_nb.data3d import make_room, make_samples_3d, show_room

fig = plt.figure(figsize=(12, 3.6))
for i in range(3):
    s = make_scene_2d(i + 4); ax = fig.add_subplot(1, 5, i + 1)
    det = make_samples_2d(s, tasks=['vqa'])[0]
    ax.imshow(s.image, interpolation='nearest'); ax.axis('off')
    for o in s.objects:
        x1, y1, x2, y2 = [v * 64 - 0.5 for v in o.box]
        ax.add_patch(plt.Rectangle((x1, y1), x2 - x1, y2 - y1, fill=False, ec='white', lw=1))
    ax.set_title('\n'.join(textwrap.wrap(f'Q: {det.question} A: {det.answer}', 30)), fontsize=8)
room = make_room(3)
ax = fig.add_subplot(1, 5, (4, 5), projection='3d')
q = make_samples_3d(room, tasks=['vqa3d'])[0]
show_room(room, ax, title=f'Q: {q.question}  A: {q.answer}')
fig.tight_layout()
out = Path(__file__).resolve().parent.parent / 'nbs' / 'images' / 'worlds.png'
fig.savefig(out, dpi=90)
print('wrote', out)
