"""Build the documentation site offline: every notebook executed and rendered as a page, the API reference from the docstrings
(nbdev's show_doc), the README as the home page, formulas by a MathJax installed from npm. No Quarto, nothing from a CDN.

    python tools/build_docs.py [--out _site] [--full] [--mathjax build/npm/node_modules/mathjax] [--workers 2]

By default the notebooks run as in the tests (IN_TEST=1: the quick checkpoints, in a few minutes); --full runs them as a
student would, with the classroom checkpoints (the experiment notebook then runs or reads the whole experiment).
"""
import argparse, html, importlib, inspect, json, os, re, shutil, subprocess, sys, time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NBS = ROOT/'nbs'
SKIP_FLAGS = {'slow', 'notest'}
WIDGET = 'application/vnd.jupyter.widget-view+json'


def title_of(nb, default):
    for c in nb.cells:
        if c.cell_type == 'markdown':
            m = re.search(r'^#\s+(.+)$', c.source, re.M)
            if m: return m.group(1).strip()
    return default


def execute(path: str, full: bool) -> tuple:
    "Run one notebook as nbdev_test does (cells flagged slow/notest and nbdev_export calls skipped); return (path, error or None, seconds)."
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
    "show_doc's Markdown without Quarto's link attributes ({target=...}), which plain Markdown would print."
    return re.sub(r'\{target="_blank"[^}]*\}', '', doc._repr_markdown_())


def api_notebook(module_name: str):
    "A notebook of show_doc renderings for every name the module exports (and the public methods of its classes)."
    import nbformat
    from nbdev.showdoc import show_doc
    mod = importlib.import_module(module_name)
    cells = [nbformat.v4.new_markdown_cell(f'# `{module_name}`\n\n{(mod.__doc__ or "").strip()}')]
    for name in getattr(mod, '__all__', []):
        obj = getattr(mod, name, None)
        if obj is None or not (inspect.isfunction(obj) or inspect.isclass(obj)): continue
        cells.append(nbformat.v4.new_markdown_cell(_md(show_doc(obj, title_level=3))))
        if inspect.isclass(obj):
            for m, f in vars(obj).items():
                if not m.startswith('_') and inspect.isfunction(f) and f.__doc__:
                    cells.append(nbformat.v4.new_markdown_cell(_md(show_doc(f, name=f'{name}.{m}', title_level=4))))
    nb = nbformat.v4.new_notebook(); nb.cells = cells
    return nb


def page(body_html: str, title: str, nav: list, current: str) -> str:
    links = []
    for section, items in nav:
        links.append(f'<div class="nav-section">{html.escape(section)}</div>')
        for href, label in items:
            cls = ' class="current"' if href == current else ''
            links.append(f'<a href="{href}"{cls}>{html.escape(label)}</a>')
    side = '<nav id="site-nav"><a class="brand" href="index.html">octavius-nb</a>' + ''.join(links) + '</nav>'
    body_html = re.sub(r'<title>.*?</title>', f'<title>{html.escape(title)} · octavius-nb</title>', body_html, count=1, flags=re.S)
    body_html = body_html.replace('</head>', '<link rel="stylesheet" href="site.css">\n</head>', 1)
    # offline: no require.js or mermaid from a CDN (no page here needs them); show_doc's source links without a line number
    body_html = re.sub(r'<script[^>]*src="https?://[^"]*require[^"]*"[^>]*>\s*</script>', '', body_html)
    body_html = re.sub(r'<script type="module">(?:(?!</script>).)*?mermaid(?:(?!</script>).)*</script>', '', body_html, flags=re.S)
    body_html = body_html.replace('#LNone"', '"')
    return re.sub(r'(<body[^>]*>)', r'\1' + side + '<div id="site-main">', body_html, count=1).replace('</body>', '</div></body>', 1)


CSS = """
body { margin: 0; }
#site-nav { position: fixed; top: 0; left: 0; bottom: 0; width: 250px; overflow-y: auto; padding: 12px 10px; background: #f6f7f9;
  border-right: 1px solid #ddd; font: 13px/1.45 system-ui, sans-serif; }
#site-nav a { display: block; color: #234; text-decoration: none; padding: 2px 6px; border-radius: 4px; }
#site-nav a:hover { background: #e4e8ee; } #site-nav a.current { background: #dbe6f5; font-weight: 600; }
#site-nav .brand { font-size: 17px; font-weight: 700; margin-bottom: 8px; }
#site-nav .nav-section { margin: 12px 0 4px; color: #667; font-size: 11px; text-transform: uppercase; letter-spacing: .05em; }
#site-main { margin-left: 270px; max-width: 1100px; }
.widget-note { padding: 6px 10px; background: #fff7e0; border-left: 3px solid #e0a800; font: 13px system-ui, sans-serif; }
"""


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
    import nbformat
    from nbconvert import HTMLExporter
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
    for p in nbs:
        nb = nbformat.read(tmp/'_executed'/p.name, as_version=4)
        pages.append((p.stem + '.html', f'{p.stem[:2]} · {title_of(nb, p.stem)}' if p.stem[:2].isdigit() else title_of(nb, p.stem),
                      clean_for_page(nb)))
    mods = [m.group(1) for p in sorted(NBS.glob('*.ipynb')) for m in [re.search(r'#\|\s*default_exp\s+([\w.]+)', p.read_text())] if m]
    api = [(f'api-{m}.html', f'octavius_nb.{m}', api_notebook(f'octavius_nb.{m}')) for m in mods]
    readme = (ROOT/'README.md').read_text()
    readme = re.sub(r'\]\(nbs/([\w.-]+)\.ipynb\)', r'](\1.html)', readme).replace('](nbs/images/', '](images/')
    home = nbformat.v4.new_notebook(); home.cells = [nbformat.v4.new_markdown_cell(readme)]
    guide = [p for p in pages if not p[0].startswith('course')]
    nav = [('Start', [('index.html', 'Home')] + [(h, t) for h, t, _ in pages if h.startswith('course')]),
           ('Notebooks', [(h, t) for h, t, _ in guide]), ('API reference', [(h, t) for h, t, _ in api])]
    exporter = HTMLExporter(template_name='lab', mathjax_url='mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe', exclude_input_prompt=True,
                            exclude_output_prompt=True)
    for href, title, nb in [('index.html', 'octavius-nb', home)] + pages + api:
        body, _ = exporter.from_notebook_node(nb)
        (tmp/href).write_text(page(body, title, nav, href))
    (tmp/'site.css').write_text(CSS)
    shutil.copytree(NBS/'images', tmp/'images')
    keep = ['MathJax.js', 'config', 'extensions', 'jax/input/TeX', 'jax/output/CommonHTML', 'jax/element', 'localization/en',
            'fonts/HTML-CSS/TeX/woff', 'fonts/HTML-CSS/TeX/otf', 'LICENSE']
    for k in keep:
        src = mj/k
        if src.is_dir(): shutil.copytree(src, tmp/'mathjax'/k)
        elif src.is_file(): (tmp/'mathjax'/k).parent.mkdir(parents=True, exist_ok=True); shutil.copy2(src, tmp/'mathjax'/k)
    shutil.rmtree(tmp/'_executed')
    shutil.rmtree(out, ignore_errors=True); os.replace(tmp, out)
    print(f'build_docs: {len(pages)} notebook pages, {len(api)} API pages and the home page in {out} '
          f'({time.perf_counter() - t0:.0f} s{", full run" if a.full else ", quick run (IN_TEST=1)"})')



if __name__ == '__main__':
    main()
