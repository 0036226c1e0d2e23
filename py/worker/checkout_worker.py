"""The checkout worker's entry script (Pyodide, started by static/checkout.mjs as the page's
`<script data-worker>` declares it).

Kept to an import so that a mistake in the worker's Python is reported with its own file and line
(an entry script's code is run as `<exec>`); PyScript publishes what `__export__` lists.
"""

from worker_exports import *  # noqa: F403 - the functions the page awaits
from worker_exports import __export__  # noqa: F401 - read by PyScript from this module's globals
