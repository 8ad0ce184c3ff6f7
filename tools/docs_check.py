"""Open the built docs site in headless Chromium (Debian's chromium + chromedriver, driven by Selenium) on localhost and check
that its pages render: every image loads, formulas are typeset by the local MathJax (no raw LaTeX left in the text), and
nothing is fetched from outside localhost. Saves screenshots.

    python tools/docs_check.py [--site _site] [--shots build/docs-screenshots]
"""
import argparse, functools, http.server, json, re, sys, tempfile, threading, time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# page -> (at least this many images, at least this many typeset formulas)
PAGES = {'index.html': (1, 0), '11_lora_moe.html': (1, 5), '50_explore.html': (3, 1), 'api-lora_moe.html': (0, 0)}
RAW_TEX = re.compile(r'\$\$|\$[^$\n]{0,80}\\[a-zA-Z]+|\\(frac|sum|alpha|mathrm|operatorname|top)\b')

JS_STATE = """
const md = [...document.querySelectorAll('.jp-RenderedMarkdown, .jp-MarkdownOutput')].map(e => e.innerText).join('\\n');
return {
  // a page without formulas (the home page, the API pages) loads no MathJax at all
  ready: !window.MathJax || !!(MathJax.Hub && MathJax.isReady && MathJax.Hub.queue.pending === 0 && MathJax.Hub.queue.running === 0),
  images: [...document.images].map(i => ({src: i.getAttribute('src').slice(0, 80), ok: i.complete && i.naturalWidth > 0})),
  formulas: document.querySelectorAll('.MathJax_CHTML, .mjx-chtml.MathJax_CHTML, .MJXc-display').length,
  errors: document.querySelectorAll('.MathJax_Error, .mjx-merror').length,
  markdown: md,
  resources: performance.getEntriesByType('resource').map(e => e.name),
};
"""


def serve(folder: Path):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *a): pass
    handler = functools.partial(Quiet, directory=str(folder))
    srv = http.server.ThreadingHTTPServer(('127.0.0.1', 0), handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv


def browser(user_dir: str):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    opts = webdriver.ChromeOptions()
    opts.binary_location = '/usr/bin/chromium'
    for f in ('--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
              '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', '--window-size=1400,1000', f'--user-data-dir={user_dir}'):
        opts.add_argument(f)
    return webdriver.Chrome(options=opts, service=Service('/usr/bin/chromedriver'))


def check_page(drv, base: str, name: str, min_images: int, min_formulas: int, shots: Path) -> list:
    drv.get(f'{base}/{name}')
    t0 = time.time()
    while True:
        st = drv.execute_script(JS_STATE)
        if st['ready'] and all(i['ok'] for i in st['images']) or time.time() - t0 > 40: break
        time.sleep(0.3)
    problems = []
    if not st['ready']: problems.append('MathJax did not finish (is mathjax/ in the site?)')
    bad = [i['src'] for i in st['images'] if not i['ok']]
    if bad: problems.append(f'{len(bad)} broken image(s), first {bad[0]!r}')
    if len(st['images']) < min_images: problems.append(f"{len(st['images'])} images, expected at least {min_images}")
    if st['formulas'] < min_formulas: problems.append(f"{st['formulas']} typeset formulas, expected at least {min_formulas}")
    if st['errors']: problems.append(f"{st['errors']} MathJax errors")
    m = RAW_TEX.search(st['markdown'])
    if m: problems.append(f"raw LaTeX in the text: ...{st['markdown'][max(0, m.start() - 30):m.end() + 30]!r}...")
    outside = [r for r in st['resources'] if not r.startswith(base)]
    if outside: problems.append(f'{len(outside)} request(s) outside localhost, first {outside[0]}')
    stem = Path(name).stem
    drv.save_screenshot(str(shots/f'{stem}.png'))
    if st['formulas']:
        drv.execute_script("document.querySelector('.MJXc-display, .MathJax_CHTML').scrollIntoView({block: 'center'})")
        time.sleep(0.2); drv.save_screenshot(str(shots/f'{stem}-formula.png'))
    imgs = [i for i in st['images'] if 'images/' not in i['src']]
    if imgs:
        drv.execute_script("const f = [...document.querySelectorAll('.jp-OutputArea-output img')]; if (f.length) f[0].scrollIntoView({block: 'center'})")
        time.sleep(0.2); drv.save_screenshot(str(shots/f'{stem}-figure.png'))
    print(f"{name}: {len(st['images'])} images (all loaded: {not bad}), {st['formulas']} formulas, "
          f"{len(st['resources'])} requests, all on localhost: {not outside}" + (f"  PROBLEMS: {problems}" if problems else ''))
    return problems


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--site', default=str(ROOT/'_site')); ap.add_argument('--shots', default=str(ROOT/'build/docs-screenshots'))
    a = ap.parse_args(argv)
    site, shots = Path(a.site), Path(a.shots)
    missing = [p for p in PAGES if not (site/p).is_file()]
    if missing: sys.exit(f'docs_check: {site} lacks {missing[0]}; run `make docs` first')
    if not Path('/usr/bin/chromium').exists() or not Path('/usr/bin/chromedriver').exists():
        sys.exit('docs_check: needs Debian chromium and chromium-driver (apt-get install chromium chromium-driver)')
    shots.mkdir(parents=True, exist_ok=True)
    srv = serve(site); base = f'http://127.0.0.1:{srv.server_address[1]}'
    with tempfile.TemporaryDirectory() as ud:
        drv = browser(ud)
        try: problems = {p: check_page(drv, base, p, *req, shots) for p, req in PAGES.items()}
        finally: drv.quit(); srv.shutdown()
    bad = {p: v for p, v in problems.items() if v}
    if bad: sys.exit('docs_check: FAILED\n' + json.dumps(bad, indent=1))
    print(f'docs_check: {len(PAGES)} pages render in headless Chromium; screenshots in {shots}')


if __name__ == '__main__':
    main()
