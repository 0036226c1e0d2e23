"""This page's entry script (`<script type="mpy">` in index.html): it imports the page's module
and calls its `run()`, so that a mistake in it is reported with its file and line."""

import browser

browser.start_page("support")
