"""Installs painlog's network guard in child Pythons started by the test suite.

This folder is put first on PYTHONPATH by tests/no_network.py. A `sitecustomize` found
further along the path (some distributions ship one) is run afterwards, as it would have
been without this one.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import os
import sys

import painlog_network_guard

painlog_network_guard.install()


def _run_the_next_sitecustomize() -> None:
    here = os.path.dirname(os.path.abspath(__file__))
    rest = [entry for entry in sys.path if os.path.abspath(entry or ".") != here]
    spec = importlib.machinery.PathFinder.find_spec("sitecustomize", rest)
    if spec is None or spec.loader is None:
        return
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)


_run_the_next_sitecustomize()
