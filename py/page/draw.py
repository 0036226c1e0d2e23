"""Draw a screen (the worker's plain description, py/worker/screen.py) into index.html's DOM.

It decides nothing: every text, label, enabled state and focus target comes in the screen. Text
goes in with `textContent` and attributes with `setAttribute`, never as HTML, so a name holding
markup shows as text and runs nothing. A section whose description has not changed since it was
last drawn is left alone, so the control a keyboard user is on keeps the focus.

Messages: the notice goes into the one region the screen names (class "notice", marked
`data-current`); every other region is emptied. None of them is a live region: the page's one
live region, #announcer, reads out what the screen's `announce` says (empty when focus moves to
the notice, which reads it), so nothing is announced twice.
"""

from browser import active_element, all_of, by_id, focus, make, set_custom_property, set_title
from rows import Rows

_drawn = {}  # section -> the description last drawn


TOP_REGION = "status"  # the region marked current when there is no notice


def draw(screen):
    """The checkout page (index.html): every section of the screen."""
    set_title(screen["title"])
    changed("account", screen["account"], _account)
    changed("events", screen["events"], events)
    changed("basket", screen["basket"], _basket)
    _payment(screen["payment"])
    changed("confirmation", screen["confirmation"], _confirmation)
    changed("guest", screen["guest"], _guest)
    changed("credit", screen["credit"], _credit)
    changed("cards", screen["cards"], _cards)
    by_id("store-card-option").hidden = not screen["payment"]["store_card_offered"]
    by_id("check-sign-in").hidden = not screen["check_sign_in"]
    by_id("promo-button").disabled = not screen["usable"]
    for field_id in screen["clear"]:
        by_id(field_id).value = ""
    frame(screen)


def frame(screen):
    """What every page on the worker has, drawn after its sections (they hold notice regions):
    the theatre's look, the notice, the live region, "Try again" and whether the page is usable
    at all."""
    changed("venue", screen["venue"], venue)
    notice(screen["notice"])
    if screen["announce"]:  # else what it read stays: an answer to background work says nothing
        by_id("announcer").textContent = screen["announce"]
    by_id("retry-start").hidden = not screen["retry_start"]
    by_id("app").hidden = not screen["usable"]


def changed(section, description, draw_section):
    """Draw a section with `draw_section(description)` unless it is what was drawn last."""
    if section in _drawn and _drawn[section] == description:
        return
    _drawn[section] = description
    draw_section(description)


def action_button(text, label, action, key, data):
    """A button the page's delegated click handlers act on: `data-action` says what it does, the
    `data-*` attributes what on, `data-key` names it for the busy state; `label` is its
    accessible name, fuller than its visible text."""
    attributes = {"type": "button", "data-action": action, "data-key": key, "aria-label": label}
    for name, value in data.items():
        attributes["data-" + name] = value
    return make("button", text, attributes)


# --- the theatre --------------------------------------------------------------------------------
def venue(description):
    """The theatre's colours (CSS custom properties on <html>, read by static/checkout.css), and
    on a page that has them, its name in the heading and its logo beside it."""
    for name, colour in description["colours"].items():
        set_custom_property(name, colour)
    name = by_id("venue-name")
    if name is not None:
        name.textContent = description["name"]
    logo = by_id("venue-logo")
    if logo is not None:
        logo.hidden = not description["logo"]
        if description["logo"]:
            logo.setAttribute("src", description["logo"])


# --- messages, account -------------------------------------------------------------------------
def notice(description):
    """Show the notice (a screen's, or None) in its region, and empty every other region."""
    region = description["region"] if description else TOP_REGION
    if by_id(region) is None:  # a region this page does not have: the top one, never nowhere
        region = TOP_REGION
    for element in all_of(".notice"):
        if element.id == region:
            element.textContent = description["text"] if description else ""
            element.setAttribute("data-tone", description["tone"] if description else "info")
            element.setAttribute("data-current", "true")
        else:
            element.textContent = ""
            element.removeAttribute("data-current")


def clear_announcement():
    """Empty the live region as an action is sent, so the same sentence in its answer ("Added to
    your basket." twice) is a change that is read out again."""
    by_id("announcer").textContent = ""


def _account(account):
    by_id("account").hidden = not account["signed_in"]
    by_id("sign-in-section").hidden = account["signed_in"]
    by_id("signed-in-as").textContent = "Signed in as " + account["name"] if account["signed_in"] else ""


# --- what's on ---------------------------------------------------------------------------------
_listed = []  # [(event description, its <li>, its performances' Rows)], as last drawn


def events(listing):
    """What's on, into #event-list: each performance with what is on sale and its buttons. Only
    what changed is drawn again: of an event whose name, description and image are unchanged, only the
    parts of its performances' rows that changed (rows.py), so a seat count arriving for one
    performance leaves every button in place, its own included."""
    event_list = by_id("event-list")
    focused = _focused_key("event-list")
    if not listing or [event["id"] for event in listing] != [drawn["id"] for drawn, _, _ in _listed]:
        _listed[:] = [_event(event) for event in listing]
        items = [item for _, item, _ in _listed] or [make("li", "Nothing is on sale just now.")]
        event_list.replaceChildren(*items)
    else:
        for index, event in enumerate(listing):
            drawn, item, performances = _listed[index]
            if drawn == event:
                continue
            if [drawn[key] for key in _HEADING] != [event[key] for key in _HEADING]:
                _listed[index] = _event(event)
                item.replaceWith(_listed[index][1])
                continue
            performances.draw(_performance_rows(event))
            _listed[index] = (event, item, performances)
    event_list.removeAttribute("aria-busy")
    _refocus(focused)


_HEADING = ("name", "description", "image")  # what an event shows above its performances


def _event(event):
    """(the event's description, its <li>, its performances' Rows)."""
    item = make("li")
    if event["image"]:
        image = event["image"]
        item.append(make("img", None, {"src": image["src"], "alt": image["alt"], "class": "event-image",
                                       "loading": "lazy", "width": "320", "height": "180"}))
    item.append(make("h3", event["name"]))
    if event["description"]:
        item.append(make("p", event["description"], {"class": "description"}))
    performances = Rows(make("ul", None, {"class": "instances"}), _performance_part)
    performances.draw(_performance_rows(event))
    item.append(performances.container)
    return (event, item, performances)


def _performance_rows(event):
    """Each performance's row as parts: its date, its sale note, its buttons, its notice region."""
    return [(instance["id"], _performance_parts(event["name"], instance)) for instance in event["instances"]]


def _performance_parts(event_name, instance):
    if not instance["can_choose"]:
        control = None  # sold out, not on sale or cancelled: the note says so, and nothing can be added
    elif instance["prices"] is None:
        control = ("choose", instance["id"], instance["choose_label"])
    else:
        control = ("prices", "Tickets for " + event_name + ", " + instance["when"], instance["id"],
                   instance["prices"], instance["areas"], instance["most"], instance["add_label"])
    return [("when", instance["when"]), ("sale", _sale_note(instance)), ("control", control),
            ("notice", instance["notice_region"])]


def _sale_note(instance):
    """Beside a performance: sold out, not on sale (yet), cancelled, how few seats are left, or
    that they are still being checked: (its text, its look), or None."""
    if not instance["sale"]:
        return None
    state = instance["sale_state"]
    return (instance["sale"], state if state == "checking" else ("few" if instance["can_choose"] else "none"))


def _performance_part(name, description):
    if name == "when":
        return make("span", description, {"class": "when"})
    if name == "sale":
        return make("span", description[0], {"class": "sale-note", "data-sale": description[1]})
    if name == "notice":
        return make("p", None, {"class": "notice", "id": description, "tabindex": "-1"})
    if description[0] == "choose":
        _, instance_id, label = description
        data = {"instance": instance_id}
        return action_button("Choose tickets", label, "prices", "prices:" + instance_id, data)
    return _ticket_choice(*description[1:])


def _ticket_choice(label, instance_id, prices, areas, most, add_label):
    """How many of each ticket type and (when there is a choice) which seating area, then "Add
    to basket". What is chosen stays the buyer's: the page reads it when Add is pressed
    (catalogue.py) and draws the fields again only when what they offer changes."""
    group = make("div", None, {"class": "prices", "role": "group", "aria-label": label,
                               "data-chooser": instance_id})
    if areas:
        options = [(area["id"], area["label"], area["selected"], not area["enabled"]) for area in areas]
        group.append(_choice_field("area-" + instance_id, "Seating area", options,
                                   {"data-area-of": instance_id}))
    for price in prices:
        type_id = price["type_id"]
        options = [(str(n), str(n), n == price["quantity"], False) for n in range(most + 1)]
        group.append(_choice_field("quantity-" + instance_id + "-" + type_id, price["label"], options,
                                   {"data-quantity-of": instance_id, "data-type": type_id}))
    data = {"instance": instance_id}
    group.append(action_button("Add to basket", add_label, "add", "add:" + instance_id, data))
    return group


def _choice_field(field_id, label, options, attributes):
    """A labelled <select> of (value, text, selected, disabled) options."""
    field = make("p", None, {"class": "choice"})
    field.append(make("label", label, {"for": field_id}))
    attributes["id"] = field_id
    select = make("select", None, attributes)
    for value, text, selected, disabled in options:
        option = make("option", text, {"value": value})
        if selected:
            option.setAttribute("selected", "")
        if disabled:
            option.setAttribute("disabled", "")
        select.append(option)
    field.append(select)
    return field


# --- basket ------------------------------------------------------------------------------------
def _basket(basket):
    by_id("basket-loading").hidden = True
    by_id("basket-empty").hidden = not basket["empty"]
    by_id("basket-table").hidden = basket["empty"]
    basket_summary(basket)
    by_id("basket-items").replaceChildren(*[_basket_row(row) for row in basket["rows"]])
    by_id("basket-totals").replaceChildren(*[_total_row(line) for line in basket["totals"]])


def basket_summary(basket):
    """The basket's count and total, in #basket-summary (a link to the basket)."""
    summary = by_id("basket-summary")
    summary.hidden = False
    summary.textContent = basket["summary"]


# Explicit table roles: the phone layout changes the rows' display (see index.html).
ROW = {"role": "row"}
CELL = {"role": "cell"}
MONEY = {"role": "cell", "class": "money"}


def _basket_row(item):
    row = make("tr", None, ROW)
    for text in item["cells"]:
        row.append(make("td", text, CELL))
    row.append(make("td", item["price"], MONEY))
    remove = make("td", None, CELL)
    key = "remove:" + item["item_id"]
    data = {"kind": item["kind"], "item": item["item_id"]}
    remove.append(action_button("Remove", item["remove_label"], "remove", key, data))
    row.append(remove)
    return row


def _total_row(line):
    row = make("tr", None, ROW)
    row.append(make("th", line["label"], {"scope": "row", "colspan": "3", "role": "rowheader"}))
    row.append(make("td", line["amount"], MONEY))
    row.append(make("td", None, CELL))
    return row


# --- payment -----------------------------------------------------------------------------------
def _payment(payment):
    addresses = payment["addresses"]
    by_id("address-fieldset").hidden = not addresses
    changed("address-options", [(a["id"], a["label"]) for a in addresses], _address_options)
    for address in addresses:
        by_id("address-" + address["id"]).checked = address["checked"]
    by_id("payment-blocker").textContent = payment["blocker"]
    store_card = by_id("store-card")
    store_card.checked = payment["store_card"]
    store_card.disabled = False
    button = by_id("continue")
    button.textContent = payment["continue"]["label"]
    button.disabled = not payment["continue"]["enabled"]
    button.hidden = not payment["continue"]["visible"]


def _address_options(addresses):
    """The radios, drawn once per list of addresses; after that only their checked state
    changes, so the radio a keyboard user just moved to keeps the focus."""
    options = []
    for address_id, label in addresses:
        input_id = "address-" + address_id
        wrapper = make("p", None, {"class": "checkbox"})
        wrapper.append(make("input", None, {"type": "radio", "name": "billing-address", "id": input_id,
                                            "value": address_id}))
        wrapper.append(make("label", label, {"for": input_id}))
        options.append(wrapper)
    by_id("address-options").replaceChildren(*options)


# --- confirmation ------------------------------------------------------------------------------
def _confirmation(confirmation):
    by_id("confirmation").hidden = confirmation is None
    confirmation = confirmation or {"order_id": "", "items": [], "adjustments": [], "total": "",
                                    "number": "", "payments": [], "email": ""}
    by_id("order-id").textContent = confirmation["number"]
    by_id("confirmation").setAttribute("data-order-id", confirmation["order_id"])
    by_id("order-payments").replaceChildren(*[make("li", line) for line in confirmation["payments"]])
    by_id("order-email").textContent = confirmation["email"]
    by_id("order-items").replaceChildren(*[make("li", line) for line in confirmation["items"]])
    by_id("order-adjustments").replaceChildren(*[make("li", line) for line in confirmation["adjustments"]])
    by_id("order-total").textContent = confirmation["total"]


# --- focus and busy controls -------------------------------------------------------------------
def focus_on(target):
    """Move focus where the screen says: a region's id, or "add:<instance>" for the first field
    of a performance's choice of tickets (just shown, or to be chosen again)."""
    if target.startswith("add:"):
        instance_id = target[len("add:"):]
        for field in all_of("[data-chooser] select"):
            if field.closest("[data-chooser]").getAttribute("data-chooser") == instance_id:
                focus(field)
                return
        return
    element = by_id("confirmation-heading" if target == "confirmation" else target)
    if element is not None:  # the card form fills its region after it has the focus: from the top
        focus(element, "start" if target == "payment-host" else "nearest")


def control(key):
    """The control named `key`: "#id", or the drawn button whose data-key is `key`."""
    if key.startswith("#"):
        return by_id(key[1:])
    for button in all_of("button[data-key]"):
        if button.getAttribute("data-key") == key:
            return button
    return None


def _focused_key(container_id):
    """The data-key of the drawn button inside the element `container_id` that has the focus."""
    element = active_element()
    if element is None or not by_id(container_id).contains(element):
        return None
    return element.getAttribute("data-key")


def _refocus(key):
    """After a redraw, give the focus back to the button drawn again under the same key."""
    element = control(key) if key else None
    if element is not None:
        element.focus()


def show_busy(key, busy_text):
    """The control shows it is working: its text, aria-busy, and aria-disabled (not `disabled`,
    which would throw a keyboard user's focus back to the top of the page)."""
    element = control(key) if key and busy_text else None
    if element is None:
        return
    if element.getAttribute("data-idle-text") is None:
        element.setAttribute("data-idle-text", element.textContent)
    element.textContent = busy_text
    element.setAttribute("aria-busy", "true")
    element.setAttribute("aria-disabled", "true")


def show_idle(key):
    element = control(key) if key else None
    if element is None:
        return
    idle_text = element.getAttribute("data-idle-text")
    if idle_text is not None:
        element.textContent = idle_text
        element.removeAttribute("data-idle-text")
    element.removeAttribute("aria-busy")
    element.removeAttribute("aria-disabled")


# --- guests, account credit, stored cards ------------------------------------------------------
def _guest(guest):
    """The guest's fields: shown or not, and a message per field. Their values are the guest's:
    never written here (only a screen's `clear` empties a field)."""
    by_id("guest-details").hidden = not guest["shown"]
    by_id("guest-sign-in-offer").textContent = guest["sign_in_offer"]
    by_id("guest-change").hidden = not guest["locked"]
    for field in guest["fields"]:
        by_id(field["id"] + "-error").textContent = field["error"]
        element = by_id(field["id"])
        if str(element.tagName).lower() == "select":
            element.disabled = guest["locked"]  # a select cannot be read-only; its value still reads
        else:
            element.readOnly = guest["locked"]
        if field["error"]:
            element.setAttribute("aria-invalid", "true")
        else:
            element.removeAttribute("aria-invalid")


def _credit(credit):
    by_id("credit-section").hidden = not credit["shown"]
    by_id("credit-balance").textContent = credit["balance"]
    by_id("use-credit-label").textContent = credit["label"]
    by_id("use-credit").checked = credit["checked"]
    by_id("credit-summary").textContent = credit["summary"]


def _cards(cards):
    by_id("cards-section").hidden = not cards["shown"]
    by_id("cards-empty").textContent = cards["empty"]
    by_id("cards-empty").hidden = not cards["empty"]
    focused = _focused_key("card-list")
    by_id("card-list").replaceChildren(*[_card_row(card) for card in cards["rows"]])
    _refocus(focused)


def _card_row(card):
    row = make("li")
    row.append(make("span", card["text"]))
    key = "card:" + card["id"]
    data = {"card": card["id"]}
    if card["confirming"]:
        row.append(make("span", card["question"], {"class": "hint"}))
        confirm = action_button("Confirm remove", card["confirm_label"], "confirm-remove-card", key, data)
        confirm.setAttribute("id", "card-confirm-" + card["id"])
        row.append(confirm)
        row.append(action_button("Keep", card["cancel_label"], "keep-card", "keep:" + card["id"], data))
    else:
        remove = action_button("Remove", card["remove_label"], "ask-remove-card", key, data)
        remove.setAttribute("id", "card-remove-" + card["id"])
        row.append(remove)
    return row
