"""The checkout's benchmark (`python -m bench`, `make bench`): the checkout page (MicroPython on
the main thread, the Spektrix client in a Pyodide worker) against the old shape (bare Pyodide on
the main thread) and its floors (plain JavaScript, bare MicroPython): start-up to the shell and to
usable, on loopback and on a throttled network; what the main thread does during a slow request;
and payment initiation. Not a test: it measures and reports.
"""
