"""Shared pytest set-up (hand-written; the test_nb_*.py files beside it are generated from the notebooks)."""
import inspect, os

os.environ.setdefault('IN_TEST', '1')
os.environ.setdefault('MPLBACKEND', 'Agg')


def pytest_pycollect_makeitem(collector, name, obj):
    "Collect only test functions defined in the test file, not imported helpers such as fastcore's `test_eq`."
    if name.startswith('test_') and inspect.isfunction(obj) and obj.__module__ != getattr(collector, 'module', obj).__name__:
        return []


def pytest_runtest_teardown(item):
    import sys
    if 'matplotlib.pyplot' in sys.modules: sys.modules['matplotlib.pyplot'].close('all')
