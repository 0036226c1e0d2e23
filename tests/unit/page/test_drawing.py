"""Drawing whole screens (py/page/draw.py) into index.html's markup: every section from the
screen, text as text, unchanged sections left alone, one notice region, focus and fields as the
screen says."""

from __future__ import annotations

from screens import SHOP, instance, screen, with_basket, with_prices

MARKUP = "<img src=x onerror=alert(1)>"


def texts(elements) -> list[str]:
    return [element.textContent for element in elements]


async def test_a_whole_screen_is_drawn(checkout, seam) -> None:
    first = with_basket(screen(notice={"text": "Welcome back.", "tone": "info", "region": "status"}))
    await checkout.start(first)
    assert seam.document.title == "Checkout – The Demo Theatre"
    assert checkout.by_id("venue-name").textContent == "The Demo Theatre"
    logo = checkout.by_id("venue-logo")
    assert (logo.hidden, logo.getAttribute("src"), logo.getAttribute("alt")) == (
        False, "static/demo-theatre-logo.svg", "")  # the name beside it says it all
    assert seam.custom_properties == {"--brand": "#7a1f3d", "--on-brand": "#ffffff", "--accent": "#0b6e99"}
    assert not seam.all_of("[style]")  # colours as custom properties through the CSSOM, never inline
    assert checkout.by_id("signed-in-as").textContent == "Signed in as Dana Demo"
    assert checkout.by_id("sign-in-section").hidden and not checkout.by_id("account").hidden
    events = checkout.by_id("event-list").elements()
    assert texts(seam.all_of("#event-list h3")) == ["Hamlet", "The Seagull"]
    (image,) = seam.all_of("#event-list img")  # The Seagull has none
    assert (image.getAttribute("src"), image.getAttribute("alt")) == (
        "http://127.0.0.1:8001/__sandbox__/images/E1/thumbnail.svg", "Hamlet")
    assert image.parentNode is events[0]
    choose = checkout.button("prices:I1")
    assert (choose.textContent, choose.getAttribute("aria-label")) == (
        "Choose tickets", "Choose tickets for Hamlet, Sun 6 Dec 2026, 7:30pm")
    assert texts(seam.all_of(".sale-note")) == ["Only 3 seats left", "Sold out"]
    assert not [b for b in seam.all_of("button[data-instance]") if b.getAttribute("data-instance") == "I3"]
    assert checkout.by_id("basket-empty").hidden and not checkout.by_id("basket-table").hidden
    assert texts(checkout.by_id("basket-items").elements()[0].elements()) == [
        "Hamlet", "Sun 6 Dec 2026, 7:30pm", "Adult", "£25.00", "Remove"]
    assert texts(checkout.by_id("basket-totals").elements()) == ["Booking fee£1.50", "Total£26.50"]
    assert checkout.by_id("basket-summary").textContent == "Basket: 1 ticket, £26.50"
    assert [(r.getAttribute("value"), r.checked) for r in seam.all_of("#address-options input")] == [
        ("A1", True), ("A2", False)]
    assert checkout.by_id("credit-balance").textContent == "You have £10.00 of account credit."
    assert texts(checkout.by_id("card-list").elements()) == [
        "Visa ************1111, Dana Demo, expires 12/30 (default)Remove"]
    assert checkout.by_id("continue").textContent == "Continue to payment"
    assert not checkout.by_id("continue").disabled and not checkout.by_id("store-card-option").hidden
    assert checkout.by_id("status").textContent == "Welcome back."
    assert checkout.by_id("loading").hidden and not checkout.by_id("app").hidden
    assert checkout.by_id("confirmation").hidden and checkout.by_id("guest-details").hidden
    assert seam.document.documentElement.getAttribute("data-checkout-ready") == "true"


async def test_text_from_the_worker_is_never_markup(checkout, seam) -> None:
    first = screen(notice={"text": MARKUP, "tone": "error", "region": "status"})
    first["account"]["name"] = MARKUP
    first["events"][0]["name"] = MARKUP
    first["payment"]["addresses"][0]["label"] = MARKUP
    await checkout.start(first)
    assert checkout.by_id("signed-in-as").textContent == "Signed in as " + MARKUP
    assert checkout.by_id("status").textContent == MARKUP
    assert seam.all_of("#event-list h3")[0].textContent == MARKUP
    assert [image.getAttribute("src") for image in seam.all_of("img")] == [  # the logo, the event's: no "x"
        "static/demo-theatre-logo.svg", "http://127.0.0.1:8001/__sandbox__/images/E1/thumbnail.svg"]


async def test_an_unchanged_section_is_not_drawn_again_and_keeps_the_focus(checkout, seam) -> None:
    await checkout.start()
    choose = checkout.button("prices:I2")
    seagull = checkout.by_id("event-list").elements()[1]
    radio = checkout.by_id("address-A2")
    radio.focus()
    checkout.click(checkout.button("prices:I1"))
    await checkout.answer(with_basket(with_prices(screen())))
    # Hamlet's first performance changed (its prices): its row alone was drawn again; the other
    # performance's button, which a buyer may be pressing, and the Seagull are left in place.
    assert checkout.button("add:I1") is not None and checkout.button("prices:I2") is choose
    assert checkout.by_id("event-list").elements()[1] is seagull
    assert checkout.by_id("address-A2") is radio and seam.active_element() is radio


async def test_what_arrives_in_the_background_keeps_every_button_in_its_row(checkout, seam) -> None:
    """A press that lands while its button is replaced is lost: a seat count or a saving arriving
    changes the text beside a button, never the button."""
    first = screen(shop=SHOP)
    instance(first, "I1").update(sale="Checking seats…", sale_state="checking")
    instance(first, "I2").update(sale="Checking seats…", sale_state="checking")
    first["shop"]["memberships"][0]["saving"] = ""
    first["background"] = True  # the page asks for the counts: they are answered first
    await checkout.start(first)
    checkout.click(checkout.button("prices:I1"))  # in flight while the answers below arrive
    assert [action for action, _ in await checkout.sent()] == ["background", "choose_tickets"]
    choose, other = checkout.button("prices:I1"), checkout.button("prices:I2")
    join = checkout.button("join:M1")
    counted = screen(shop=SHOP)
    instance(counted, "I2").update(sale="Sold out", sale_state="sold-out", can_choose=False)
    await checkout.answer(counted)
    assert checkout.button("prices:I1") is choose and checkout.button("join:M1") is join
    assert choose.getAttribute("aria-busy") == "true"  # still showing the press in flight
    assert other.parentNode is None and "prices:I2" not in [
        b.getAttribute("data-key") for b in seam.all_of("button[data-key]")]
    assert texts(seam.all_of("#event-list .sale-note")) == ["Sold out", "Sold out"]
    assert texts(seam.all_of(".saving")) == ["Join and save £2.50 on this basket"]
    row = checkout.by_id("membership-list").elements()[0]
    assert texts(row.elements()) == [
        "Friend", " 10% off.", "Join and save £2.50 on this basket", "Join Friend for £40.00"]
    checking_again = screen(shop=SHOP)
    instance(checking_again, "I2").update(sale="Checking seats…", sale_state="checking")
    await checkout.answer(checking_again)  # the sale note and the button come back, in their order
    row = checkout.button("prices:I2").parentNode
    assert texts(row.elements()) == ["Mon 7 Dec 2026, 2:30pm", "Checking seats…", "Choose tickets", ""]


async def test_a_redrawn_button_gets_the_focus_back(checkout, seam) -> None:
    await checkout.start(with_prices(screen()))
    checkout.button("add:I1").focus()
    changed = with_prices(screen())
    changed["events"][0]["instances"][0]["most"] = 3  # the choice itself is drawn again
    checkout.click(checkout.button("add:I1"))
    await checkout.answer(changed)
    button = seam.active_element()
    assert button.getAttribute("data-key") == "add:I1" and button.textContent == "Add to basket"
    assert checkout.by_id("event-list").contains(button)


async def test_the_choice_of_tickets_is_drawn_with_its_labels_and_kept_while_others_change(
    checkout, seam
) -> None:
    await checkout.start(with_prices(screen()))
    (group,) = seam.all_of("[data-chooser]")
    assert (group.getAttribute("role"), group.getAttribute("aria-label")) == (
        "group", "Tickets for Hamlet, Sun 6 Dec 2026, 7:30pm")
    labels = {label.getAttribute("for"): label.textContent for label in seam.all_of("[data-chooser] label")}
    assert labels == {"area-I1": "Seating area", "quantity-I1-P1": "Adult (£25.00)",
                      "quantity-I1-P2": "Child (£12.50)"}
    area = checkout.by_id("area-I1")
    assert [(o.value, o.textContent, "disabled" in o.attributes) for o in area.elements()] == [
        ("1", "Stalls", False), ("2", "Circle (sold out)", True)]
    assert [o.value for o in checkout.by_id("quantity-I1-P1").elements()] == [str(n) for n in range(11)]
    assert (checkout.by_id("quantity-I1-P1").value, checkout.by_id("quantity-I1-P2").value) == ("1", "0")
    add = checkout.button("add:I1")
    assert add.textContent in add.getAttribute("aria-label")  # its name holds what it shows
    checkout.by_id("quantity-I1-P2").value = "2"  # the buyer's choice...
    checkout.click(checkout.button("prices:I2"))
    changed = with_prices(screen())
    changed["events"][0]["instances"][1]["sale"] = "Only 2 seats left"
    await checkout.answer(changed)  # ...stays through an answer about another performance
    assert checkout.by_id("quantity-I1-P2").value == "2" and checkout.button("add:I1") is add


async def test_the_notice_is_in_exactly_one_region(checkout, seam) -> None:
    await checkout.start()
    checkout.click(checkout.button("prices:I1"))
    notice = {"text": "Added to your basket.", "tone": "success", "region": "performance-status-I1"}
    await checkout.answer(with_prices(screen(notice=notice)))
    shown = [(n.id, n.textContent, n.getAttribute("data-tone")) for n in seam.all_of(".notice")]
    assert [entry for entry in shown if entry[1]] == [
        ("performance-status-I1", "Added to your basket.", "success")]
    assert [n.id for n in seam.all_of("[data-current]")] == ["performance-status-I1"]
    checkout.click(checkout.button("add:I1"))
    await checkout.answer(with_prices(screen()))
    assert [n.textContent for n in seam.all_of(".notice") if n.textContent] == []
    assert [n.id for n in seam.all_of("[data-current]")] == ["status"]


async def test_a_notice_for_a_region_the_page_lacks_is_shown_at_the_top(checkout) -> None:
    await checkout.start(screen(notice={"text": "Paid.", "tone": "success", "region": "no-such-region"}))
    assert checkout.by_id("status").textContent == "Paid."
    assert checkout.by_id("status").getAttribute("data-current") == "true"


async def test_focus_moves_where_the_screen_says(checkout, seam) -> None:
    await checkout.start(screen(focus="basket-heading"))
    assert seam.active_element() is checkout.by_id("basket-heading")
    checkout.click(checkout.button("prices:I1"))
    await checkout.answer(with_prices(screen(focus="add:I1")))
    assert seam.active_element() is checkout.by_id("area-I1")  # the choice's first field
    assert seam.active_element().scrolled == 1  # brought into view too (WebKit)
    checkout.click(checkout.button("add:I1"))
    confirmation = {"order_id": "O1", "number": "K7QX-3MZP", "items": ["Hamlet: Adult £25.00"],
                    "adjustments": [], "total": "Total £26.50", "payments": ["Visa ending 1111: £26.50"],
                    "email": "Sent to you."}
    await checkout.answer(screen(focus="confirmation", confirmation=confirmation))
    assert seam.active_element() is checkout.by_id("confirmation-heading")
    assert checkout.by_id("order-id").textContent == "K7QX-3MZP"
    assert checkout.by_id("confirmation").getAttribute("data-order-id") == "O1"
    assert texts(checkout.by_id("order-payments").elements()) == ["Visa ending 1111: £26.50"]


async def test_the_fields_the_screen_names_are_emptied(checkout) -> None:
    await checkout.start(screen(account={"signed_in": False, "name": ""}))
    checkout.by_id("email").value = "demo@example.com"
    checkout.by_id("password").value = "wrong"
    checkout.submit("sign-in-form")
    await checkout.answer(screen(account={"signed_in": False, "name": ""}, clear=["password"]))
    assert (checkout.by_id("email").value, checkout.by_id("password").value) == ("demo@example.com", "")


async def test_the_live_region_reads_the_answer_and_is_emptied_as_an_action_is_sent(checkout) -> None:
    await checkout.start(with_prices(screen()))
    checkout.click(checkout.button("add:I1"))
    await checkout.answer(with_prices(screen(announce="Added to your basket.")))
    assert checkout.by_id("announcer").textContent == "Added to your basket."
    checkout.click(checkout.button("add:I1"))
    assert checkout.by_id("announcer").textContent == ""


async def test_a_guest_s_fields_show_their_messages_and_lock_without_being_written(checkout) -> None:
    guest = screen()["guest"]
    guest.update(shown=True, locked=True, sign_in_offer="Have an account? Sign in above.")
    guest["fields"][0]["error"] = "Enter an email address like name@example.com."
    await checkout.start(screen(account={"signed_in": False, "name": ""}, guest=guest))
    checkout.by_id("guest-email").value = "typed by the guest"
    assert not checkout.by_id("guest-details").hidden
    assert checkout.by_id("guest-email-error").textContent == "Enter an email address like name@example.com."
    assert checkout.by_id("guest-email").getAttribute("aria-invalid") == "true"
    assert checkout.by_id("guest-town").getAttribute("aria-invalid") is None
    assert checkout.by_id("guest-email").readOnly and checkout.by_id("guest-country").disabled
    assert not checkout.by_id("guest-change").hidden
    guest["locked"] = False
    checkout.click(checkout.by_id("guest-change"))
    await checkout.answer(screen(account={"signed_in": False, "name": ""}, guest=guest))
    assert not checkout.by_id("guest-email").readOnly and not checkout.by_id("guest-country").disabled
    assert checkout.by_id("guest-email").value == "typed by the guest"


async def test_a_card_being_removed_asks_first(checkout, seam) -> None:
    await checkout.start()
    checkout.click(checkout.button("card:C1"))
    asking = screen(focus="card-confirm-C1")
    asking["cards"]["rows"][0].update(confirming=True, question="Remove this card?")
    await checkout.answer(asking)
    row = checkout.by_id("card-list").elements()[0]
    assert texts(row.elements()) == [
        "Visa ************1111, Dana Demo, expires 12/30 (default)", "Remove this card?", "Confirm remove",
        "Keep"]
    assert seam.active_element() is checkout.by_id("card-confirm-C1")
    assert checkout.by_id("card-confirm-C1").getAttribute("aria-label") == "Confirm remove Visa ending 1111"
