"""example/ is a team's own test suite, run by test_plugin.py in a pytest of its own, never here."""

collect_ignore = ["example"]
