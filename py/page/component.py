"""The `<spektrix-payments>` element, drawn from the screen's payment form, with its event
listeners written in Python.

The worker decides whether there is a form and with which attributes (py/worker/screen.py); this
keeps the page's element in step: a new form key makes a new element (the one answer that issues
a token carries it in the attributes), None removes it. The token is handed to the element's
attribute and kept nowhere else. The component's script and stylesheet are added once, as soon
as there is a basket to pay for (the screen's payment `component`), as Spektrix's own pages have
them in their head: the first form then does not wait for them on the buyer's link. If the script
fails to load, it is removed so the next form loads it afresh, and a form on screen is told.
"""

from browser import by_id, head, listen, make, unlisten

SCRIPT_ID = "spektrix-payments-script"
STYLESHEET_ID = "spektrix-payments-stylesheet"
TOKEN_ATTRIBUTE = "payment-token"  # checked only to refuse drawing a form without its token


class PaymentForm:
    def __init__(self, host, on_event):
        """`on_event(name, form_key, event)` is called for each component event, and with the
        name "script-error" when the component's script fails to load."""
        self.host = host
        self.on_event = on_event
        self.key = None
        self.element = None
        self._listeners = []

    def prepare(self, files):
        """Load the component's script and stylesheet ahead (`files`: the screen's payment
        component, or None while there is nothing to pay for)."""
        if files is not None:
            self._load(files["script"], files["stylesheet"])

    def sync(self, form):
        """Make the page's form match the screen's `form` (a description, or None)."""
        if form is None:
            self.remove()
            return
        if form["key"] == self.key:
            return
        self.remove()
        if TOKEN_ATTRIBUTE not in form["attributes"]:
            return  # a form never seen with its token cannot be drawn: the screen is stale
        self._show(form)

    def remove(self):
        if self.element is None:
            return
        for name, proxy in self._listeners:
            unlisten(self.element, name, proxy)
        self._listeners = []
        self.element.remove()
        self.element = None
        self.key = None

    def _show(self, form):
        key = form["key"]
        element = make(form["tag"], None, form["attributes"])
        for name in form["events"]:
            self._listeners.append((name, listen(element, name, self._forward(name, key))))
        self.host.append(element)
        self.element = element
        self.key = key
        self._load(form["script"], form["stylesheet"])

    def _forward(self, name, key):
        def forward(event):
            self.on_event(name, key, event)

        return forward

    def _load(self, script_url, stylesheet_url):
        if by_id(STYLESHEET_ID) is None:
            link = make("link", None, {"id": STYLESHEET_ID, "rel": "stylesheet", "href": stylesheet_url})
            head().append(link)
        if by_id(SCRIPT_ID) is not None:
            return
        script = make("script", None, {"id": SCRIPT_ID, "src": script_url})

        def failed(event):
            script.remove()
            if self.key is not None:  # a form waits for it (else the next form loads it again)
                self.on_event("script-error", self.key, event)

        listen(script, "error", failed)
        head().append(script)
