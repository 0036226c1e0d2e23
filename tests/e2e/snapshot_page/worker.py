# The worker's side: what the Spektrix client relies on, after a start from the snapshot or not.
import json
import urllib.request

import pyodide_http

try:
    from pyodide_loader import started_from_snapshot
except ImportError:  # plain Pyodide without our loader: bench/snapshot.py's reference page
    started_from_snapshot = False

pyodide_http.patch_all()


def answer(page_url):
    """How this interpreter started, and a real request through urllib patched by pyodide-http."""
    with urllib.request.urlopen(page_url) as response:
        page = response.read().decode()
    read_the_page = "named Pyodide worker" in page
    return json.dumps({"started_from_snapshot": started_from_snapshot, "read_the_page": read_the_page})


__export__ = ["answer"]
