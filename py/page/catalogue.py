"""What's on, as the person uses it: "Choose tickets", then how many of each ticket type and
which seating area, and "Add to basket", as draw.events draws them, sent to the worker through a
page's link (worker_link.py). The checkout and examples/ share it."""

import browser


def chosen(instance_id):
    """What the buyer chose for a performance: (its seating area's id, "" when there is no
    choice; {ticket type id: how many, as text}). Read, never written: the fields are theirs."""
    area = ""
    for field in browser.all_of("select[data-area-of]"):
        if field.getAttribute("data-area-of") == instance_id:
            area = str(field.value)
    quantities = {}
    for field in browser.all_of("select[data-quantity-of]"):
        if field.getAttribute("data-quantity-of") == instance_id:
            quantities[str(field.getAttribute("data-type"))] = str(field.value)
    return area, quantities


def bind(link, event_list):
    """Handle the clicks on the buttons inside `event_list` (the element draw.events fills)."""

    def on_click(event):
        button = browser.closest(event, "button[data-action]")
        if button is None:
            return
        key = str(button.getAttribute("data-key"))
        instance_id = str(button.getAttribute("data-instance"))
        if button.getAttribute("data-action") == "prices":
            link.act("choose_tickets", key, instance_id=instance_id)
        else:
            area_id, quantities = chosen(instance_id)
            link.act("add_tickets", key, instance_id=instance_id, area_id=area_id, quantities=quantities)

    browser.listen(event_list, "click", on_click)
