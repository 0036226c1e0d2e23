"""The checkout's benchmark (`python -m bench`, `make bench`): start-up and payment-initiation
costs of the checkout page against its floors (bare PyScript, plain JavaScript, MicroPython),
served as in development and as recommended for production. Not a test: it measures and reports.
"""
