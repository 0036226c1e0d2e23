# The worker's side: what the Spektrix client relies on, after a start from the snapshot or not.
import json
import urllib.request

import pyodide_http
import pyodide_loader

pyodide_http.patch_all()


def answer(page_url):
    """How this interpreter started, and a real request through urllib patched by pyodide-http."""
    with urllib.request.urlopen(page_url) as response:
        page = response.read().decode()
    return json.dumps(
        {
            "started_from_snapshot": pyodide_loader.started_from_snapshot,
            "read_the_page": "named Pyodide worker" in page,
        }
    )


__export__ = ["answer"]
