"""Which kinds of action are in flight, and the control that shows each is busy (plain Python:
it runs on MicroPython in the page and is unit-tested in CPython).

A second action of a kind already in flight is refused (a double click on Add adds one ticket,
a double click on Continue issues one token); actions of other kinds go ahead (the worker takes
them in turn). A control is named by a key the drawing can find again after a redraw: an element
id ("#continue") or an action key ("add:I1:T1", the `data-key` of a drawn button).
"""


class InFlight:
    def __init__(self):
        self._controls = {}  # kind -> (control key, busy text)

    def begin(self, kind, control, busy_text):
        """True: go ahead, the control shows `busy_text` until `end(kind)`. False: refused."""
        if kind in self._controls:
            return False
        self._controls[kind] = (control, busy_text)
        return True

    def end(self, kind):
        """The action of `kind` is over; answers the control it had, or None."""
        entry = self._controls.pop(kind, None)
        return entry[0] if entry else None

    def busy(self, kind):
        return kind in self._controls

    def controls(self):
        """(control key, busy text) for every action in flight."""
        return list(self._controls.values())
