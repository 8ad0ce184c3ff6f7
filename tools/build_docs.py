"""Build the documentation site offline with MkDocs and mkdocs-jupyter: every notebook executed (as the tests run it) and
rendered as a page, the API reference from the docstrings (nbdev's show_doc), the README as the home page, formulas by a
MathJax installed from npm. No Quarto, nothing from a CDN.

    python tools/build_docs.py [--out _site] [--full] [--mathjax build/npm/node_modules/mathjax] [--workers 2]

What is this project's own: running the notebooks as nbdev_test does (cells flagged slow or notest skipped), dropping
nbdev's directives and hidden cells from the pages, and writing the API pages. MkDocs (Material theme) and mkdocs-jupyter
do the rest: pages, navigation, search, code highlighting.

By default the notebooks run as in the tests (IN_TEST=1: the quick checkpoints, in a few minutes); --full runs them as a
student would, with the classroom checkpoints (the experiment notebook then runs or reads the whole experiment).
"""
import argparse, importlib, inspect, json, os, re, shutil, subprocess, sys, time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NBS = ROOT/'nbs'
SKIP_FLAGS = {'slow', 'notest'}
WIDGET = 'application/vnd.jupyter.widget-view+json'
MATHJAX_URL = 'mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe'
# the parts of MathJax 2 that the pages use (TeX in, CommonHTML out, its fonts): 3 MB instead of the package's 60
MATHJAX_PARTS = ['MathJax.js', 'config', 'extensions', 'jax/input/TeX', 'jax/output/CommonHTML', 'jax/element',
                 'localization/en', 'fonts/HTML-CSS/TeX/woff', 'fonts/HTML-CSS/TeX/otf', 'LICENSE']


def title_of(nb, default):
    for c in nb.cells:
        if c.cell_type == 'markdown':
            m = re.search(r'^#\s+(.+)$', c.source, re.M)
            if m: return m.group(1).strip()
    return default


def execute(path: str, full: bool) -> tuple:
    """Run one notebook as nbdev_test does (cells flagged slow/notest and nbdev_export calls skipped); return (path, error
    or None, seconds)."""
    from execnb.nbio import write_nb
    from execnb.shell import CaptureShell
    from nbdev.process import NBProcessor
    if not full: os.environ['IN_TEST'] = '1'
    else: os.environ.pop('IN_TEST', None)
    fn = Path(path)
    nb = NBProcessor(fn, process=True).nb
    def no_eval(cell):
        if cell.cell_type != 'code': return True
        if 'nbdev_export' + '(' in cell.source: return True
        d = getattr(cell, 'directives_', {}) or {}
        if d.get('eval:', [''])[0].lower() == 'false': return True
        return bool(SKIP_FLAGS & d.keys())
    t0 = time.perf_counter()
    os.chdir(fn.parent)
    k = CaptureShell(fn)
    err = None
    try: k.run_all(nb, exc_stop=True, preproc=no_eval)
    except Exception: err = k.prettytb(fname=fn)
    out = Path(os.environ['OCTAVIUS_DOCS_TMP'])/fn.name
    for c in nb.cells: c.pop('directives_', None)       # nbdev's parsed directives are not notebook fields
    write_nb(nb, out)
    return str(fn), err, time.perf_counter() - t0


def clean_for_page(nb):
    "Drop hidden cells and nbdev directive lines; widgets (which need a kernel) become a note."
    import nbformat
    cells = []
    for c in nb.cells:
        lines = c.source.splitlines()
        direc = [l for l in lines if l.startswith('#|')]
        if any(l.split()[1:2] == ['hide'] for l in direc) or 'nbdev_export' + '(' in c.source: continue
        if c.cell_type == 'markdown':     # a link to another notebook: mkdocs resolves it to that notebook's page
            c.source = re.sub(r'\]\((?:\.\./nbs/|nbs/)?([\w.-]+\.ipynb)\)', r'](\1)', c.source)
        if c.cell_type == 'code':
            if any(l.split()[1:2] == ['default_exp'] for l in direc): continue
            c.source = '\n'.join(l for l in lines if not l.startswith('#|')).strip('\n')
            outs = []
            for o in c.get('outputs', []):
                if WIDGET in o.get('data', {}):
                    outs.append(nbformat.v4.new_output('display_data', data={'text/html':
                        '<div class="widget-note">An interactive widget: run this notebook in JupyterLab to use it.</div>'}))
                elif o.get('output_type') == 'stream' and 'Kernel is running over TCP' in o.get('text', ''): continue
                elif o.get('output_type') in ('display_data', 'execute_result') and not o.get('data'): continue
                else: outs.append(o)
            c.outputs = outs
            if not c.source and not outs: continue
        cells.append(c)
    nb.cells = cells
    return nb


def _md(doc) -> str:
    """show_doc's Markdown without Quarto's link attributes ({target=...}), which plain Markdown would print, and without
    the line anchor nbdev cannot find for a source link."""
    return re.sub(r'\{target="_blank"[^}]*\}', '', doc._repr_markdown_()).replace('#LNone)', ')')


def api_page(module_name: str) -> str:
    "Markdown of show_doc renderings for every name the module exports (and the public methods of its classes)."
    from nbdev.showdoc import show_doc
    mod = importlib.import_module(module_name)
    parts = [f'# `{module_name}`', (mod.__doc__ or '').strip()]
    for name in getattr(mod, '__all__', []):
        obj = getattr(mod, name, None)
        if obj is None or not (inspect.isfunction(obj) or inspect.isclass(obj)): continue
        parts.append(_md(show_doc(obj, title_level=3)))
        if inspect.isclass(obj):
            for m, f in vars(obj).items():
                if not m.startswith('_') and inspect.isfunction(f) and f.__doc__:
                    parts.append(_md(show_doc(f, name=f'{name}.{m}', title_level=4)))
    return '\n\n'.join(parts) + '\n'


def mkdocs_config(docs: Path, site: Path, nav: list) -> dict:
    "MkDocs with the Material theme (no web fonts: nothing leaves the machine) and mkdocs-jupyter with the local MathJax."
    return {'site_name': 'octavius-nb', 'docs_dir': str(docs), 'site_dir': str(site), 'use_directory_urls': False,
            'theme': {'name': 'material', 'font': False, 'features': ['navigation.sections', 'content.code.copy']},
            'plugins': ['search', {'mkdocs-jupyter': {'include': ['*.ipynb'], 'custom_mathjax_url': MATHJAX_URL,
                                                      'no_prompt': True, 'cache': False, 'include_requirejs': False}}],
            'markdown_extensions': ['tables', 'toc', 'attr_list', 'md_in_html', 'pymdownx.superfences'],
            'nav': nav}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--out', default=str(ROOT/'_site'))
    ap.add_argument('--full', action='store_true', help='run the notebooks as a student would (not in quick test mode)')
    ap.add_argument('--mathjax', default=str(ROOT/'build/npm/node_modules/mathjax'))
    ap.add_argument('--workers', type=int, default=2)
    ap.add_argument('--only', default=None, help='a regular expression: build only the notebooks whose names match (for quick previews)')
    ap.add_argument('--execute-one', default=None, help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.execute_one:
        print(json.dumps(execute(a.execute_one, a.full))); return
    import nbformat, yaml
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    mj = Path(a.mathjax)
    if not (mj/'MathJax.js').is_file():
        sys.exit(f'build_docs: no MathJax at {mj}; run `make docs` (it installs mathjax@2.7.9 from npm) or pass --mathjax')
    out = Path(a.out).resolve(); tmp = out.with_name(out.name + '.tmp')        # absolute: each notebook runs in nbs/
    shutil.rmtree(tmp, ignore_errors=True); (tmp/'_executed').mkdir(parents=True)
    os.environ['OCTAVIUS_DOCS_TMP'] = str(tmp/'_executed')
    nbs = sorted(p for p in NBS.glob('*.ipynb') if not a.only or re.search(a.only, p.name))
    t0 = time.perf_counter()
    # two notebooks at once, each with PyTorch's default threads, oversubscribe a 2-core machine: torch's threads then
    # stall each other (notebook 40 took 701 s beside notebook 42 instead of 28 s alone); one thread each when in parallel
    threads = {'OMP_NUM_THREADS': '1', 'MKL_NUM_THREADS': '1'} if a.workers > 1 else {}
    def run_one(p):     # each notebook in a fresh interpreter, as nbdev_test does
        r = subprocess.run([sys.executable, __file__, '--execute-one', str(p)] + (['--full'] if a.full else []),
                           capture_output=True, text=True, env={**os.environ, 'OCTAVIUS_DOCS_TMP': str(tmp/'_executed'), **threads})
        last = r.stdout.strip().splitlines()[-1:] or ['']
        try: return tuple(json.loads(last[0]))
        except ValueError: return str(p), f'{p.name}: the process ended with {r.returncode}\n{r.stderr[-3000:]}', 0.0
    with ThreadPoolExecutor(a.workers) as ex: results = list(ex.map(run_one, nbs))
    failed = [(p, e) for p, e, _ in results if e]
    for p, _, s in results: print(f'executed {Path(p).name} in {s:.0f} s')
    if failed:
        sys.stderr.write('\n'.join(e for _, e in failed) + '\n')
        sys.exit(f'build_docs: {len(failed)} notebook(s) failed to run: ' + ', '.join(Path(p).name for p, _ in failed))
    pages = []
    docs = tmp/'docs'
    docs.mkdir()
    for p in nbs:
        nb = nbformat.read(tmp/'_executed'/p.name, as_version=4)
        label = f'{p.stem[:2]} · {title_of(nb, p.stem)}' if p.stem[:2].isdigit() else title_of(nb, p.stem)
        nbformat.write(clean_for_page(nb), docs/p.name)
        pages.append((p.name, label))
    mods = [m.group(1) for p in sorted(NBS.glob('*.ipynb'))
            for m in [re.search(r'#\|\s*default_exp\s+([\w.]+)', p.read_text())] if m]
    api = []
    for m in mods:
        (docs/f'api-{m}.md').write_text(api_page(f'octavius_nb.{m}'))
        api.append((f'api-{m}.md', f'octavius_nb.{m}'))
    readme = (ROOT/'README.md').read_text()
    readme = re.sub(r'\]\(nbs/([\w.-]+\.ipynb)\)', r'](\1)', readme).replace('](nbs/images/', '](images/')
    (docs/'index.md').write_text(readme)
    shutil.copytree(NBS/'images', docs/'images')
    for k in MATHJAX_PARTS:
        src = mj/k
        if src.is_dir(): shutil.copytree(src, docs/'mathjax'/k)
        elif src.is_file():
            (docs/'mathjax'/k).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, docs/'mathjax'/k)
    guide = [(f, t) for f, t in pages if not f.startswith('course')]
    nav = [{'Start': [{'Home': 'index.md'}] + [{t: f} for f, t in pages if f.startswith('course')]},
           {'Notebooks': [{t: f} for f, t in guide]}, {'API reference': [{t: f} for f, t in api]}]
    cfg_file = tmp/'mkdocs.yml'
    cfg_file.write_text(yaml.safe_dump(mkdocs_config(docs, tmp/'site', nav), sort_keys=False, allow_unicode=True))
    build(load_config(str(cfg_file)))
    site = tmp/'site'
    shutil.rmtree(out, ignore_errors=True)
    os.replace(site, out)
    shutil.rmtree(tmp)
    print(f'build_docs: {len(pages)} notebook pages, {len(api)} API pages and the home page in {out} '
          f'({time.perf_counter() - t0:.0f} s{", full run" if a.full else ", quick run (IN_TEST=1)"})')


if __name__ == '__main__':
    main()
