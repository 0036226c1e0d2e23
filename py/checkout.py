"""The checkout page's entry script (MicroPython, `<script type="mpy">` in index.html).

Kept to an import so that a mistake in the page's Python is reported with its own file and line
(an entry script's code is run as `<exec>`), and ends the loading state instead of spinning.
"""

import browser

browser.start_page("checkout_page")
