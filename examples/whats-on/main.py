"""This page's entry script (`<script type="mpy">` in index.html): one import, so that a mistake
in whats_on.py is reported with its file and line and ends the loading state."""

import browser

browser.start_page("whats_on")
