"""What's on, as the person uses it: the "Choose tickets" and "Add" buttons that draw.events draws,
sent to the worker through a page's link (worker_link.py). The checkout and examples/ share it."""

import browser


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
            ticket_type_id = str(button.getAttribute("data-type"))
            link.act("add_ticket", key, instance_id=instance_id, ticket_type_id=ticket_type_id)

    browser.listen(event_list, "click", on_click)
