"""This page's entry script (`<script type="mpy">` in index.html): it imports the page's module
(here whats_on.py; name yours as you like) and calls its `run()`, so that a mistake in it is
reported with its file and line and ends the loading state."""

import browser

browser.start_page("whats_on")
