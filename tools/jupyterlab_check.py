"""Check that the explorer widgets respond in a real JupyterLab: start JupyterLab on localhost, open a notebook that shows
RouterExplorer and SampleExplorer (quick classroom model), run it from the Run menu in headless Chromium, then move the top-k
slider with the keyboard and untick an expert, and check that the kernel redrew the chart and the answer. Saves screenshots.

    python tools/jupyterlab_check.py [--shots build/jupyterlab-screenshots]
"""
import argparse, os, re, socket, subprocess, sys, tempfile, time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CELLS = ["from octavius_nb.explore import RouterExplorer, SampleExplorer, teaching_model, held_out\n"
         "model = teaching_model('moe', quick=True, log=None)",
         "rx = RouterExplorer(model, 'How many circles are there in the image?')\nrx",
         "sx = SampleExplorer(model, held_out(1))\nsx"]


DRV = []

def wait(fn, what, timeout=90):
    t0 = time.time()
    while time.time() - t0 < timeout:
        try:
            v = fn()
            if v: return v
        except Exception: pass
        time.sleep(0.5)
    if DRV: DRV[0].save_screenshot(str(DRV[1]/'failed.png'))
    raise SystemExit(f'jupyterlab_check: FAILED waiting for {what}' + (f' (screenshot {DRV[1]}/failed.png)' if DRV else ''))


def main(argv=None):
    import nbformat
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    sys.path.insert(0, str(ROOT/'tools'))
    from docs_check import browser
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--shots', default=str(ROOT/'build/jupyterlab-screenshots'))
    a = ap.parse_args(argv)
    shots = Path(a.shots); shots.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp())
    nb = nbformat.v4.new_notebook(metadata={'kernelspec': {'name': 'python3', 'display_name': 'Python 3', 'language': 'python'}})
    nb.cells = [nbformat.v4.new_code_cell(c) for c in CELLS]
    nbformat.write(nb, str(work/'widgets.ipynb'))
    with socket.socket() as s: s.bind(('127.0.0.1', 0)); port = s.getsockname()[1]
    lab = subprocess.Popen([str(Path(sys.executable).parent/'jupyter'), 'lab', '--no-browser', f'--port={port}', '--ip=127.0.0.1',
                            '--ServerApp.token=', '--ServerApp.password=', f'--ServerApp.root_dir={work}', '--allow-root',
                            '--LabApp.news_url=', '--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate'],
                           stdout=subprocess.DEVNULL, stderr=open(work/'lab.log', 'w'), env={**os.environ, 'IN_TEST': '1'})
    ud = tempfile.mkdtemp(); drv = None
    try:
        wait(lambda: socket.create_connection(('127.0.0.1', port), 1), 'JupyterLab to listen', 60)
        drv = browser(ud); DRV[:] = [drv, shots]
        drv.get(f'http://127.0.0.1:{port}/lab/tree/widgets.ipynb')
        wait(lambda: drv.find_elements(By.CSS_SELECTOR, '.jp-Notebook .jp-Cell'), 'the notebook to open')
        wait(lambda: 'Idle' in drv.find_element(By.CSS_SELECTOR, '.jp-Notebook-ExecutionIndicator, #jp-main-statusbar').get_attribute('innerHTML')
             or drv.find_elements(By.CSS_SELECTOR, '[data-status="idle"]'), 'the kernel to start', 60)
        def started():     # a cell prompt shows [*] or a number once Run All Cells has reached the kernel
            return any(re.search(r'\[(\*|\d+)\]', e.text) for e in drv.find_elements(By.CSS_SELECTOR, '.jp-InputPrompt'))
        for attempt in range(3):   # the menu click is sometimes lost while JupyterLab settles (seen once in CI-like runs)
            drv.find_element(By.XPATH, "//div[contains(@class,'lm-MenuBar-itemLabel') and text()='Run']").click()
            drv.find_element(By.XPATH, "//div[contains(@class,'lm-Menu-itemLabel') and text()='Run All Cells']").click()
            t0 = time.time()
            while time.time() - t0 < 15 and not started(): time.sleep(0.5)
            if started(): break
        wait(lambda: len(drv.find_elements(By.CSS_SELECTOR, '.widget-slider')) >= 1 and
             len(drv.find_elements(By.CSS_SELECTOR, '.widget-checkbox input')) >= 6 and
             len(drv.find_elements(By.CSS_SELECTOR, '.widget-output img')) >= 2, 'both widgets to render with their figures', 180)
        html_of = lambda: [e.get_attribute('innerHTML') for e in drv.find_elements(By.CSS_SELECTOR, '.widget-html-content')]
        imgs = lambda: [e.get_attribute('src')[-200:] for e in drv.find_elements(By.CSS_SELECTOR, '.widget-output img')]
        msg0, img0 = html_of(), imgs()
        drv.save_screenshot(str(shots/'1-rendered.png'))
        used0 = re.findall(r'e(\d) \(', msg0[0])
        print(f'rendered: router says {msg0[0]!r}; sample says {re.sub("<[^>]+>", " ", msg0[1])[:160]!r}')
        # 1. the top-k slider, moved with the keyboard as a user would: 2 -> 1
        handle = drv.find_element(By.CSS_SELECTOR, '.widget-slider .noUi-handle')
        handle.click(); handle.send_keys(Keys.ARROW_LEFT)
        wait(lambda: html_of()[0] != msg0[0] and imgs()[0] != img0[0], 'the router chart to redraw after the slider moved', 60)
        used1 = re.findall(r'e(\d) \(', html_of()[0])
        print(f'slider 2 -> 1: router now says {html_of()[0]!r}')
        assert len(used0) == 2 and used1 == used0[:1], (used0, used1)
        drv.save_screenshot(str(shots/'2-top-k-1.png'))
        # 2. untick the sample's first expert: the answer is recomputed without it
        top = re.findall(r'e(\d) \(', msg0[1])[0]
        box = drv.find_elements(By.CSS_SELECTOR, '.widget-checkbox input')[int(top)]
        drv.execute_script('arguments[0].scrollIntoView({block: "center"})', box); box.click()
        wait(lambda: html_of()[1] != msg0[1], 'the sample explorer to answer again', 60)
        after = re.sub('<[^>]+>', ' ', html_of()[1])
        print(f'expert e{top} off: sample now says {after[:200]!r}')
        assert f'e{top} (' not in html_of()[1].split('experts')[-1], after
        drv.save_screenshot(str(shots/'3-expert-off.png'))
        print(f'jupyterlab_check: the widgets respond in JupyterLab (slider and checkbox drive the kernel); screenshots in {shots}')
    finally:
        if drv: drv.quit()
        lab.terminate(); lab.wait(20)


if __name__ == '__main__':
    main()
