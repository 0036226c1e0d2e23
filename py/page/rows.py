"""Rows drawn again in place (MicroPython, the page).

A row is an element made of named parts (a performance's date, its sale note, its buttons, its
notice region), each drawn from its own description. Drawn again, a row replaces only the parts
whose description changed: when a seat count or a saving arrives in the background, the button
beside it stays the same element. A press that lands while its button is being replaced is lost
(the browser sends the click to neither the old button nor the new), and a busy button would
lose its busy look.
"""

from browser import make


class Row:
    """One row: `build(name, description)` draws a part. A part whose description is empty (None,
    "", False) is not shown, and `build` is not asked for it."""

    def __init__(self, parts, build, tag="li"):
        self.element = make(tag)
        self._build = build
        self._drawn = {}  # part name -> (its description, its element or None)
        self._order = [name for name, _ in parts]
        for name, description in parts:
            part = self._part(name, description)
            self._drawn[name] = (description, part)
            if part is not None:
                self.element.append(part)

    def update(self, parts):
        """Draw again only the parts whose description changed (the same names, in order)."""
        for name, description in parts:
            drawn, old = self._drawn[name]
            if drawn == description:
                continue
            new = self._part(name, description)
            self._drawn[name] = (description, new)
            if old is not None and new is not None:
                old.replaceWith(new)
            elif old is not None:
                old.remove()
            elif new is not None:
                self._insert(name, new)

    def _part(self, name, description):
        return self._build(name, description) if description else None

    def _insert(self, name, part):
        """Put a part that was not shown before the next part that is."""
        for later in self._order[self._order.index(name) + 1:]:
            element = self._drawn[later][1]
            if element is not None:
                element.before(part)
                return
        self.element.append(part)


class Rows:
    """A list's rows, each with a key: drawn again with the same keys in the same order, only
    the changed parts of each row are replaced; with other keys, the list is drawn anew."""

    def __init__(self, container, build, tag="li"):
        self.container = container
        self._build = build
        self._tag = tag
        self._keys = None
        self._rows = []

    def draw(self, rows):
        """`rows`: [(key, [(part name, description)])], into the container."""
        keys = [key for key, _ in rows]
        if keys == self._keys:
            for index, row in enumerate(self._rows):  # (MicroPython's zip has no strict=)
                row.update(rows[index][1])
            return
        self._keys = keys
        self._rows = [Row(parts, self._build, self._tag) for _, parts in rows]
        self.container.replaceChildren(*[row.element for row in self._rows])
