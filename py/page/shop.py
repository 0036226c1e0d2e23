"""What is on sale besides tickets, as the person uses it (MicroPython, the page): donations and
Gift Aid, memberships, merchandise, gift vouchers bought and redeemed, and how tickets are
delivered. It draws the screen's `shop` (and the basket's `delivery`) and sends what is done to
the worker through a page's link (worker_link.py).

The checkout and examples/support/ share it: a page has the elements of the parts it shows (the
ids below) and leaves out the rest; a part whose element is missing is neither drawn nor bound.
"""

import browser
from browser import by_id, make
from draw import action_button, changed
from rows import Rows

# The gift voucher form's fields (the worker reads them by these ids: on_vouchers.py).
VOUCHER_FORM = "gift-voucher-form"


# --- drawing -----------------------------------------------------------------------------------
def draw(shop):
    """Every part of the shop this page has."""
    if by_id("donation-section") is not None:
        by_id("donation-section").hidden = not shop["funds"]
        changed("funds", shop["funds"], _funds)
        _gift_aid(shop["gift_aid"])
    if by_id("membership-list") is not None:
        by_id("membership-section").hidden = not shop["memberships"]
        changed("memberships", shop["memberships"], _memberships)
    if by_id("merchandise-list") is not None:
        by_id("merchandise-section").hidden = not shop["merchandise"]
        changed("merchandise", shop["merchandise"], _merchandise)
    if by_id("redeem-section") is not None:
        by_id("redeem-section").hidden = not shop["redeem"]


def draw_delivery(options):
    """The ticket delivery choice (the basket's `delivery`), drawn again only when it changes."""
    by_id("delivery-fieldset").hidden = not options
    changed("delivery", options, _delivery_options)


def _funds(funds):
    _list("fund-list", _fund_part).draw([(fund["id"], [
        ("name", fund["name"]), ("description", fund["description"]),
        ("give", (fund["id"], fund["amount"], fund["give_text"], fund["give_label"]))]) for fund in funds])
    by_id("donation-fund").replaceChildren(*[make("option", f["name"], {"value": f["id"]}) for f in funds])


def _fund_part(name, description):
    if name == "give":
        fund_id, amount, text, label = description
        return action_button(text, label, "give", "give:" + fund_id, {"fund": fund_id, "amount": amount})
    return _name_part(name, description)


def _gift_aid(gift_aid):
    by_id("gift-aid").hidden = not gift_aid["shown"]
    by_id("gift-aid-declaration").textContent = gift_aid["declaration"]
    by_id("gift-aid-label").textContent = gift_aid["label"]
    by_id("gift-aid-choice").checked = gift_aid["checked"]


def _memberships(memberships):
    """A saving arriving in the background redraws only its line, not the Join button beside it."""
    _list("membership-list", _membership_part).draw([(membership["id"], [
        ("name", membership["name"]), ("description", membership["description"]),
        ("saving", membership["saving"]),
        ("join", None if membership["in_basket"] else
         (membership["id"], membership["text"], membership["label"])),
        ("in_basket", membership["in_basket"])]) for membership in memberships])


def _membership_part(name, description):
    if name == "saving":
        return make("span", description, {"class": "saving"})
    if name == "in_basket":
        return make("span", "In your basket", {"class": "hint"})
    if name == "join":
        membership_id, text, label = description
        return action_button(text, label, "join", "join:" + membership_id, {"membership": membership_id})
    return _name_part(name, description)


def _merchandise(items):
    _list("merchandise-list", _merchandise_part).draw([(item["id"], [
        ("name", item["name"]), ("stock", item["stock"]),
        ("add", (item["id"], item["text"], item["label"]) if item["can_add"] else None)]) for item in items])


def _merchandise_part(name, description):
    if name == "stock":
        return make("span", description, {"class": "sale-note"})
    if name == "add":
        item_id, text, label = description
        return action_button(text, label, "add-item", "item:" + item_id, {"item": item_id})
    return _name_part(name, description)


def _name_part(name, description):
    """An item's name, or its description after it."""
    if name == "name":
        return make("strong", description)
    return make("span", " " + description, {"class": "description"})


_lists = {}  # list id -> its Rows, made when first drawn (a page may not have the list)


def _list(list_id, build):
    if list_id not in _lists:
        _lists[list_id] = Rows(by_id(list_id), build)
    return _lists[list_id]


def _delivery_options(options):
    wrappers = []
    for option in options:
        input_id = "delivery-" + option["id"]
        wrapper = make("p", None, {"class": "checkbox"})
        attributes = {"type": "radio", "name": "delivery", "id": input_id, "value": option["id"]}
        radio = make("input", None, attributes)
        radio.checked = option["checked"]
        wrapper.append(radio)
        wrapper.append(make("label", option["label"], {"for": input_id}))
        wrappers.append(wrapper)
    by_id("delivery-options").replaceChildren(*wrappers)


# --- what the person does ----------------------------------------------------------------------
def bind(link):
    """Bind every part of the shop this page has to `link`'s actions."""
    act = link.act

    def on_list_click(event):
        button = browser.closest(event, "button[data-action]")
        if button is None:
            return
        key, action = str(button.getAttribute("data-key")), str(button.getAttribute("data-action"))
        if action == "give":
            act("add_donation", key, fund_id=str(button.getAttribute("data-fund")),
                amount=str(button.getAttribute("data-amount")))
        elif action == "join":
            act("join_membership", key, membership_id=str(button.getAttribute("data-membership")))
        elif action == "add-item":
            act("add_merchandise", key, stock_item_id=str(button.getAttribute("data-item")))

    def on_donation(event):
        event.preventDefault()
        fund_id, amount = _value("donation-fund"), _value("donation-amount")
        act("add_donation", "#donation-button", fund_id=fund_id, amount=amount)

    def on_gift_aid(event):
        act("choose_gift_aid", None, gift_aid=bool(event.target.checked))

    def on_voucher(event):
        event.preventDefault()
        fields = browser.all_of("#" + VOUCHER_FORM + " input, #" + VOUCHER_FORM + " textarea")
        values = {str(element.id): str(element.value) for element in fields}
        act("buy_gift_voucher", "#gift-voucher-button", voucher_values=values)

    def on_redeem(event):
        event.preventDefault()
        act("redeem_gift_voucher", "#redeem-button", code=_value("redeem-code"))

    def on_delivery(event):
        act("choose_delivery", None, delivery_id=str(event.target.value))

    for list_id in ("fund-list", "membership-list", "merchandise-list"):
        _listen(list_id, "click", on_list_click)
    _listen("donation-form", "submit", on_donation)
    _listen("gift-aid-choice", "change", on_gift_aid)
    _listen(VOUCHER_FORM, "submit", on_voucher)
    _listen("redeem-form", "submit", on_redeem)
    _listen("delivery-options", "change", on_delivery)


def _listen(element_id, event_type, handler):
    element = by_id(element_id)
    if element is not None:
        browser.listen(element, event_type, handler)


def _value(field_id):
    return str(by_id(field_id).value)
