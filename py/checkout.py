"""The checkout page's entry script (MicroPython, `<script type="mpy">` in index.html).

Kept to an import so that a mistake in the page's Python is reported with its own file and line
(an entry script's code is run as `<exec>`), and ends the loading state instead of spinning.
"""

import browser

try:
    import checkout_page
except Exception as error:  # a syntax or import error in the page's modules
    browser.report("The checkout page's Python could not start:", error)
    browser.show_startup_failure("The checkout could not start. Please reload the page.")
else:
    checkout_page.run()
