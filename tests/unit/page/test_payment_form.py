"""The payment form (py/page/component.py) follows the screen's `payment.form`: mounted with its
token, kept while the key is the same, replaced for a new key, removed for None; the token goes
nowhere but the element's attribute; the component's events become `payment_event` actions."""

from __future__ import annotations

from typing import Any

from screens import TOKEN, screen, with_basket, with_form


def forms(checkout: Any) -> list[Any]:
    return checkout.by_id("payment-host").elements()


async def paying(checkout: Any, key: int, token: bool = True) -> None:
    """Continue, answered with the form of `key`."""
    checkout.click(checkout.by_id("continue"))
    await checkout.answer(with_form(with_basket(screen()), key, token))


async def test_a_form_with_its_token_is_mounted_with_the_component_s_files_once(checkout, seam) -> None:
    await checkout.start(with_basket(screen()))
    await paying(checkout, 1)
    [form] = forms(checkout)
    assert form.tagName == "SPEKTRIX-PAYMENTS"
    assert form.attributes == {"id": "paymentsComponent", "custom-domain": "127.0.0.1:8001",
                               "system-name": "demotheatre", "billing-address-id": "A1",
                               "payment-token": TOKEN}
    await paying(checkout, 2)
    head = seam.document.head
    assert [s.getAttribute("src") for s in head.elements() if s.tagName == "SCRIPT"][-1:] == [
        "http://127.0.0.1:8001/webcomponents/stable/spektrix-payments.js"]
    assert len(seam.all_of("#spektrix-payments-script, #spektrix-payments-stylesheet")) == 2


async def test_the_same_key_keeps_the_element_and_a_new_key_replaces_it(checkout) -> None:
    await checkout.start(with_basket(screen()))
    await paying(checkout, 1)
    [first] = forms(checkout)
    checkout.change(checkout.by_id("store-card"))
    await checkout.answer(with_form(with_basket(screen()), 1, token=False))  # the token is in one answer only
    assert forms(checkout) == [first] and first.getAttribute("payment-token") == TOKEN
    await paying(checkout, 2)
    [second] = forms(checkout)
    assert second is not first and first.parentNode is None


async def test_a_form_never_seen_with_its_token_is_not_drawn(checkout) -> None:
    await checkout.start(with_basket(screen()))
    await paying(checkout, 1)
    await paying(checkout, 2, token=False)
    assert forms(checkout) == []


async def test_no_form_removes_it(checkout) -> None:
    await checkout.start(with_basket(screen()))
    await paying(checkout, 1)
    [form] = forms(checkout)
    checkout.change(checkout.by_id("address-A2"))
    await checkout.answer(with_basket(screen()))
    assert forms(checkout) == [] and form.parentNode is None


async def test_the_token_is_nowhere_but_the_form_s_attribute(checkout, seam) -> None:
    await checkout.start(with_basket(screen()))
    await paying(checkout, 1)
    [form] = forms(checkout)
    assert [e for e in seam.document.all() if TOKEN in "".join(e.attributes.values())] == [form]
    assert TOKEN not in seam.document.documentElement.textContent
    seam.fire(form, "onPaymentRefused", {"message": "Refused", "resultCode": "Refused"})
    assert TOKEN not in repr(await checkout.sent()) and TOKEN not in repr(seam.reported)


async def test_the_component_s_events_are_sent_as_payment_events_with_the_form_s_key(checkout, seam) -> None:
    await checkout.start(with_basket(screen()))
    await paying(checkout, 7)
    seam.fire(forms(checkout)[0], "onPaymentCompleted", {"orderId": "O1"})
    seam.fire(forms(checkout)[0], "onPaymentRefused", {"message": "Declined", "resultCode": "Cancelled"})
    sent = await checkout.sent()
    assert sent[1:] == [
        ("payment_event", {"name": "onPaymentCompleted", "form_key": 7, "order_id": "O1", "message": "",
                           "result_code": ""}),
        ("payment_event", {"name": "onPaymentRefused", "form_key": 7, "order_id": "", "message": "Declined",
                           "result_code": "Cancelled"}),
    ]


async def test_a_replaced_form_s_events_are_no_longer_heard(checkout, seam) -> None:
    await checkout.start(with_basket(screen()))
    await paying(checkout, 1)
    [old] = forms(checkout)
    await paying(checkout, 2)
    seam.fire(old, "onPaymentCompleted", {"orderId": "O1"})
    assert [name for name, _ in await checkout.sent()] == ["continue_to_payment", "continue_to_payment"]


async def test_a_component_script_that_fails_to_load_is_told_and_loaded_again(checkout, seam) -> None:
    await checkout.start(with_basket(screen()))
    await paying(checkout, 3)
    seam.fire(seam.by_id("spektrix-payments-script"), "error")
    assert (await checkout.sent())[-1] == ("payment_event", {
        "name": "script-error", "form_key": 3, "order_id": "", "message": "", "result_code": ""})
    assert seam.by_id("spektrix-payments-script") is None
    await checkout.answer(with_basket(screen()))
    await paying(checkout, 4)
    assert seam.by_id("spektrix-payments-script") is not None


async def test_the_component_s_files_are_loaded_once_there_is_a_basket_to_pay_for(checkout, seam) -> None:
    """So the first form does not wait for them on the buyer's link; a script that fails then,
    with no form waiting for it, is removed quietly and loaded again with the first form."""
    files = "#spektrix-payments-script, #spektrix-payments-stylesheet"
    await checkout.start(screen())
    assert seam.all_of(files) == []
    checkout.click(checkout.button("prices:I1"))
    await checkout.answer(with_basket(screen()))  # a ticket is in the basket
    assert [e.getAttribute("src") or e.getAttribute("href") for e in seam.all_of(files)] == [
        "http://127.0.0.1:8001/webcomponents/stable/spektrix-payments.css",
        "http://127.0.0.1:8001/webcomponents/stable/spektrix-payments.js"]
    sent = await checkout.sent()
    seam.fire(seam.by_id("spektrix-payments-script"), "error")
    assert seam.by_id("spektrix-payments-script") is None and await checkout.sent() == sent
    await paying(checkout, 1)
    assert seam.by_id("spektrix-payments-script") is not None and len(forms(checkout)) == 1
