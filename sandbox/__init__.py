"""Spektrix sandbox: a local emulator of the Spektrix API v3 (web mode) used by the checkout page.

Not Spektrix code. See docs/contract.md for the interface it implements.
"""
