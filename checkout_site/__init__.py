"""The development site: serves this project's checkout page and its examples, as the theatre's own
web host would, with config.json filled in for the local Spektrix sandbox.

Part of this repository, not of the installed package: it serves the page's files from the
checkout and reads config.json with the worker's own `config` (py/worker on `PYTHONPATH`).
"""
