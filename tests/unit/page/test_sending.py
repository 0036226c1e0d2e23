"""What the person does becomes one action of the table (py/shared/action_table.py), sent with
exactly its row's arguments; the control that sent it is busy until the answer is drawn; a second
action of a kind in flight is refused; an answer that fails says so and leaves the page working."""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from screens import BASKET, SHOP, screen, with_basket, with_prices

GUEST_VALUES = {"guest-email": "gail@example.com", "guest-first-name": "Gail", "guest-last-name": "Guest",
                "guest-line1": "9 Fly Tower Road", "guest-line2": "", "guest-town": "Bristol",
                "guest-postcode": "BS1 4DJ", "guest-country": "GB"}
PAGE_FAILED = "Something went wrong on this page. Please reload it."


def fill(checkout: Any, values: dict[str, str]) -> None:
    for field_id, value in values.items():
        checkout.by_id(field_id).value = value


def busy_state(element: Any) -> tuple[str, str | None, str | None]:
    return element.textContent, element.getAttribute("aria-busy"), element.getAttribute("aria-disabled")


async def test_every_control_sends_its_action_with_the_row_s_arguments(checkout, seam) -> None:
    await checkout.start(with_basket(with_prices(screen())))
    fill(checkout, {"email": "demo@example.com", "password": "demo-pass-1", "promo-code": "WELCOME10",
                    **GUEST_VALUES})
    checkout.submit("sign-in-form")
    checkout.click(checkout.by_id("sign-out"))
    checkout.click(checkout.button("prices:I2"))
    fill(checkout, {"quantity-I1-P1": "2", "quantity-I1-P2": "1"})
    checkout.click(checkout.button("add:I1"))
    checkout.click(checkout.button("remove:T1"))
    checkout.submit("promo-form")
    checkout.change(checkout.by_id("address-A2"))
    store_card = checkout.by_id("store-card")
    store_card.checked = True
    checkout.change(store_card)
    checkout.change(checkout.by_id("use-credit"))
    checkout.click(checkout.by_id("continue"))
    checkout.change(checkout.by_id("guest-town"))
    checkout.click(checkout.by_id("guest-change"))
    checkout.click(checkout.button("card:C1"))
    seam.fire(seam.document, "visibilitychange")
    assert await checkout.sent() == [
        ("sign_in", {"email": "demo@example.com", "password": "demo-pass-1"}),
        ("sign_out", {}),
        ("choose_tickets", {"instance_id": "I2"}),
        ("add_tickets", {"instance_id": "I1", "area_id": "1", "quantities": {"P1": "2", "P2": "1"}}),
        ("remove_ticket", {"ticket_id": "T1"}),
        ("apply_promo_code", {"code": "WELCOME10"}),
        ("choose_address", {"address_id": "A2"}),
        ("choose_store_card", {"store_card": True}),
        ("choose_use_credit", {"use_credit": False}),
        ("continue_to_payment", {"guest_values": GUEST_VALUES}),
        ("edit_guest", {"guest_values": GUEST_VALUES}),
        ("change_guest_details", {}),
        ("ask_remove_card", {"card_id": "C1"}),
        ("returned", {"event_type": "visibilitychange"}),
    ]


async def test_every_part_of_the_shop_sends_its_action(checkout) -> None:
    await checkout.start(screen(shop=SHOP, basket=BASKET))
    assert checkout.by_id("gift-aid-declaration").textContent == "I am a UK taxpayer."
    assert not checkout.by_id("redeem-section").hidden
    fill(checkout, {"donation-fund": "F1", "donation-amount": "12.50", "voucher-amount": "25",
                    "voucher-to-name": "Sam",
                    "voucher-from-name": "", "voucher-message": "", "voucher-email": "",
                    "redeem-code": "GIFT-1"})
    checkout.submit("donation-form")
    gift_aid = checkout.by_id("gift-aid-choice")
    gift_aid.checked = True
    checkout.change(gift_aid)
    checkout.click(checkout.button("join:M1"))
    checkout.click(checkout.button("item:S1"))
    checkout.submit("gift-voucher-form")
    checkout.submit("redeem-form")
    checkout.change(checkout.by_id("delivery-D2"))
    assert await checkout.sent() == [
        ("add_donation", {"fund_id": "F1", "amount": "12.50"}),
        ("choose_gift_aid", {"gift_aid": True}),
        ("join_membership", {"membership_id": "M1"}),
        ("add_merchandise", {"stock_item_id": "S1"}),
        ("buy_gift_voucher", {"voucher_values": {"voucher-amount": "25", "voucher-to-name": "Sam",
                                                 "voucher-from-name": "", "voucher-message": "",
                                                 "voucher-email": ""}}),
        ("redeem_gift_voucher", {"code": "GIFT-1"}),
        ("choose_delivery", {"delivery_id": "D2"}),
    ]


async def test_a_fund_s_suggested_amount_is_given_with_one_button(checkout) -> None:
    await checkout.start(screen(shop=SHOP))
    checkout.click(checkout.button("give:F1"))
    assert await checkout.sent() == [("add_donation", {"fund_id": "F1", "amount": "10.00"})]


async def test_an_item_that_is_not_a_ticket_is_removed_by_its_kind(checkout) -> None:
    rows = [{"kind": "donation", "item_id": "D9", "cells": ["Donation to the Annual Fund", "", "Donation"],
             "price": "£10.00", "remove_label": "Remove Donation to the Annual Fund"}]
    await checkout.start(screen(basket={**BASKET, "rows": rows}))
    checkout.click(checkout.button("remove:D9"))
    assert await checkout.sent() == [("remove_item", {"kind": "donation", "item_id": "D9"})]


async def test_a_form_sent_is_not_also_sent_by_the_browser(checkout) -> None:
    await checkout.start()
    assert checkout.submit("sign-in-form").defaultPrevented
    assert checkout.submit("promo-form").defaultPrevented
    assert checkout.submit("guest-form").defaultPrevented  # Enter in a guest field: Continue
    sent = [name for name, _ in await checkout.sent()]
    assert sent == ["sign_in", "apply_promo_code", "continue_to_payment"]


async def test_a_stored_card_is_kept_or_removed_from_its_confirming_row(checkout) -> None:
    confirming = screen()
    confirming["cards"]["rows"][0].update(confirming=True, question="Remove this card?")
    await checkout.start(confirming)
    checkout.click(checkout.button("keep:C1"))
    checkout.click(checkout.button("card:C1"))
    assert await checkout.sent() == [("cancel_remove_card", {"card_id": "C1"}),
                                     ("remove_card", {"card_id": "C1"})]
    assert busy_state(checkout.button("card:C1")) == ("Removing…", "true", "true")


async def test_checking_the_sign_in_again_is_of_sign_in_s_kind(checkout) -> None:
    await checkout.start(screen(check_sign_in=True))
    checkout.click(checkout.by_id("check-sign-in"))
    checkout.submit("sign-in-form")
    assert await checkout.sent() == [("check_sign_in", {})]
    assert busy_state(checkout.by_id("check-sign-in")) == ("Checking…", "true", "true")


async def test_a_return_to_a_hidden_tab_sends_nothing(checkout, seam) -> None:
    await checkout.start()
    seam.visible = False
    seam.fire(seam.document, "visibilitychange")
    seam.visible = True
    seam.fire(seam.window, "focus")
    assert await checkout.sent() == [("returned", {"event_type": "focus"})]


async def test_the_control_shows_the_row_s_busy_text_until_the_answer_is_drawn(checkout) -> None:
    await checkout.start(with_prices(screen()))
    checkout.click(checkout.button("add:I1"))
    await checkout.sent()
    assert busy_state(checkout.button("add:I1")) == ("Adding…", "true", "true")
    assert checkout.button("add:I1").getAttribute("aria-label").startswith("Add to basket")
    await checkout.answer(with_basket(with_prices(screen())))
    assert busy_state(checkout.button("add:I1")) == ("Add to basket", None, None)
    assert checkout.button("add:I1").getAttribute("data-idle-text") is None


async def test_a_control_is_still_busy_after_another_answer_redraws_it(checkout) -> None:
    await checkout.start(with_basket(with_prices(screen())))
    checkout.change(checkout.by_id("store-card"))  # answered first, while the two below are in flight
    checkout.click(checkout.by_id("continue"))
    checkout.click(checkout.button("add:I1"))
    redrawn = with_basket(with_prices(screen()))
    redrawn["events"][0]["instances"][1]["sale"] = "Only 2 seats left"  # Hamlet's buttons are drawn anew
    await checkout.answer(redrawn)
    assert busy_state(checkout.by_id("continue")) == ("Getting the payment form ready…", "true", "true")
    assert busy_state(checkout.button("add:I1")) == ("Adding…", "true", "true")
    await checkout.answer(redrawn)  # Continue's answer
    assert busy_state(checkout.by_id("continue")) == ("Continue to payment", None, None)
    assert busy_state(checkout.button("add:I1")) == ("Adding…", "true", "true")


async def test_a_second_action_of_a_kind_in_flight_is_refused(checkout) -> None:
    both = with_prices(with_prices(screen()), "I2", areas=False)
    await checkout.start(both)
    checkout.click(checkout.button("add:I1"))
    checkout.click(checkout.button("add:I1"))  # a double click adds once
    checkout.click(checkout.button("add:I2"))
    checkout.submit("promo-form")  # another kind goes ahead
    assert [name for name, _ in await checkout.sent()] == ["add_tickets", "apply_promo_code"]
    assert busy_state(checkout.button("add:I2")) == ("Add to basket", None, None)
    await checkout.answer(both)
    checkout.click(checkout.button("add:I2"))
    sent = await checkout.sent()
    assert [name for name, _ in sent] == ["add_tickets", "apply_promo_code", "add_tickets"]
    assert sent[-1][1] == {"instance_id": "I2", "area_id": "", "quantities": {"P1": "1", "P2": "0"}}


async def test_an_action_without_a_kind_is_never_refused_and_shows_no_busy_state(checkout) -> None:
    await checkout.start(with_basket(screen()))
    store_card = checkout.by_id("store-card")
    for checked in (True, False, True):
        store_card.checked = checked
        checkout.change(store_card)
    sent = await checkout.sent()
    assert sent == [("choose_store_card", {"store_card": value}) for value in (True, False, True)]
    assert store_card.getAttribute("aria-busy") is None and not store_card.disabled


async def test_nothing_is_sent_before_the_worker_has_started(seam) -> None:
    link = importlib.import_module("worker_link").WorkerLink(lambda screen: None)
    assert link.act("sign_out", "#sign-out") is False
    assert seam.by_id("sign-out").getAttribute("aria-busy") is None


async def test_arguments_other_than_the_row_s_are_refused_before_sending(checkout) -> None:
    worker = await checkout.start()
    with pytest.raises(ValueError, match="sign_in takes exactly: email, password"):
        checkout.page.link.act("sign_in", "#sign-in-button", email="demo@example.com")
    with pytest.raises(ValueError):
        checkout.page.link.act("sign_out", "#sign-out", extra="1")
    assert await checkout.sent() == [] and worker.waiting == 0


async def test_an_answer_that_never_came_says_so_and_the_page_still_works(checkout, seam) -> None:
    worker = await checkout.start(with_prices(screen()))
    checkout.click(checkout.button("add:I1"))
    await checkout.sent()
    worker.fail(RuntimeError("the worker died"))
    await checkout.sent()
    status = checkout.by_id("status")
    assert (status.textContent, status.getAttribute("data-tone")) == (PAGE_FAILED, "error")
    assert seam.active_element() is status
    assert [what for what, _ in seam.reported] == ["A call to the checkout worker failed (add_tickets):"]
    assert busy_state(checkout.button("add:I1")) == ("Add to basket", None, None)
    checkout.click(checkout.button("add:I1"))
    await checkout.answer(with_basket(with_prices(screen())))
    assert status.textContent == ""
    assert checkout.by_id("basket-summary").textContent == "Basket: 1 ticket, £26.50"
    assert seam.document.documentElement.getAttribute("data-checkout-pending") == "0"


@pytest.mark.parametrize("answer", ["not JSON", '{"usable": true}'], ids=["not-json", "a-key-missing"])
async def test_an_answer_that_cannot_be_drawn_says_so(checkout, seam, answer: str) -> None:
    await checkout.start()
    checkout.click(checkout.by_id("sign-out"))
    await checkout.answer(answer)
    assert checkout.by_id("status").textContent == PAGE_FAILED
    assert [what for what, _ in seam.reported] == ["Drawing the worker's answer failed:"]
    assert busy_state(checkout.by_id("sign-out")) == ("Sign out", None, None)


async def test_a_handler_that_failed_is_said_in_plain_words(checkout, seam) -> None:
    await checkout.start()
    seam.on_handler_failure()  # what the seam calls when a handler raises
    assert checkout.by_id("status").textContent == PAGE_FAILED
    assert seam.active_element() is checkout.by_id("status")


async def test_background_work_is_sent_when_the_screen_says_and_one_at_a_time(checkout) -> None:
    await checkout.start(with_prices(screen(background=True)))
    assert await checkout.sent() == [("background", {})]
    checkout.click(checkout.button("add:I1"))  # the buyer's action goes at once, beside it
    await checkout.answer(with_prices(screen(background=True)))  # the background's: more to do
    add = ("add_tickets", {"instance_id": "I1", "area_id": "1", "quantities": {"P1": "1", "P2": "0"}})
    assert await checkout.sent() == [("background", {}), add, ("background", {})]
    await checkout.answer(with_prices(screen(announce="Added to your basket.", background=True)))
    assert len(await checkout.sent()) == 3  # one background at a time: the second is still out
    await checkout.answer(with_prices(screen(background=True)))  # that one: and another
    assert len(await checkout.sent()) == 4
    # Neither sending background work nor its answers take away what the live region reads.
    assert checkout.by_id("announcer").textContent == "Added to your basket."
