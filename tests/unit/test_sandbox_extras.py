"""The rest of the basket in the sandbox: donations, merchandise (stock shared by every session),
memberships and member prices, gift vouchers bought and redeemed, ticket delivery, Gift Aid, and
the token rule (each is a basket change) and Direct Checkout's refusal of what needs a customer."""

from __future__ import annotations

from typing import Any

from sandbox_testing import (
    API,
    DEMO,
    INITIATE,
    SEED_EXAMPLE_BODY,
    TestClient,
    add_ticket,
    assert_error,
    make_app,
    pay,
    sign_in,
)

ANNUAL_FUND = "1FUNDQPPPTRVGVMSDRVTUVWXYZAB"
FRIEND = "1MEMBERSHIPQPPPTRVGVMSDRVTU"
PATRON = "2MEMBERSHIPQPPPTRVGVMSDRVTU"
PROGRAMME = "1STOCKQPPPTRVGVMSDRVTUVWXYZ"
TOTE_BAG = "2STOCKQPPPTRVGVMSDRVTUVWXYZ"  # 3 in stock
POST = "2DELIVERYPOSTQPPPTRVGVMSDRVT"
VOUCHER = {"amount": 25, "toName": "Sam", "fromName": "Dana", "message": "Enjoy!",
           "deliveryType": "OtherEmail", "deliveryEmailAddress": "sam@example.com"}  # fmt: skip


def basket(client: TestClient) -> dict[str, Any]:
    return client.get(f"{API}basket").json()


def test_the_seed_sells_funds_memberships_and_stock(client: TestClient) -> None:
    funds = client.get(f"{API}funds").json()
    assert [f["name"] for f in funds] == ["Annual Fund", "Young Company"]
    assert funds[0]["defaultDonationAmount"] == 10.0
    memberships = client.get(f"{API}memberships").json()
    assert [(m["name"], m["price"]) for m in memberships] == [("Friend", 40.0), ("Patron", 150.0)]
    stock = client.get(f"{API}stock-items").json()
    assert [(s["name"], s["price"], s["stockLevel"]) for s in stock] == [
        ("Programme", 5.0, 50), ("Tote bag", 12.0, 3)
    ]  # fmt: skip


def test_a_donation_goes_in_the_basket_and_can_be_removed(client: TestClient) -> None:
    before = basket(client)["hash"]
    response = client.post(f"{API}basket/donations", json=[{"amount": 12.5, "fundId": ANNUAL_FUND}])
    assert response.status_code == 200, response.text
    donations = response.json()["donations"]
    assert [(d["amount"], d["fund"]["name"]) for d in donations] == [(12.5, "Annual Fund")]
    assert response.json()["total"] == 12.5 and response.json()["hash"] != before
    removed = client.delete(f"{API}basket/donations", params={"donationIds": donations[0]["id"]})
    assert removed.status_code == 204
    assert basket(client)["donations"] == []


def test_a_donation_out_of_range_or_to_an_unknown_fund_is_refused(client: TestClient) -> None:
    response = client.post(f"{API}basket/donations", json=[{"amount": 0.5, "fundId": ANNUAL_FUND}])
    assert_error(response, 400, "InvalidAmount")
    assert response.json()["message"] == "A donation must be between £1.00 and £10,000.00."
    assert_error(client.post(f"{API}basket/donations", json=[{"amount": 5, "fundId": "X"}]), 404, "NotFound")
    assert basket(client)["donations"] == []


def test_stock_is_shared_by_every_session_and_given_back_on_removal(client: TestClient) -> None:
    with TestClient(client.app) as other:
        assert other.post(f"{API}basket/merchandise", json=[{"stockItem": TOTE_BAG}] * 2).status_code == 200
        response = client.post(f"{API}basket/merchandise", json=[{"stockItem": TOTE_BAG}] * 2)
        assert_error(response, 409, "OutOfStock")
        assert response.json()["message"] == "Sorry, only 1 of the Tote bag left."
        assert client.get(f"{API}stock-items").json()[1]["stockLevel"] == 1
        ids = ",".join(m["id"] for m in basket(other)["merchandiseItems"])
        assert other.delete(f"{API}basket/merchandise", params={"merchandiseItemIds": ids}).status_code == 204
    added = client.post(f"{API}basket/merchandise", json=[{"stockItem": TOTE_BAG}] * 3).json()
    assert [m["stockItem"]["name"] for m in added["merchandiseItems"]] == ["Tote bag"] * 3
    response = client.post(f"{API}basket/merchandise", json=[{"stockItem": TOTE_BAG}])
    assert response.json()["message"] == "Sorry, the Tote bag is out of stock."


def test_a_membership_gives_member_prices_and_at_most_one_of_each(app: Any, client: TestClient) -> None:
    add_ticket(client, app)  # Hamlet, Main House, £25.00 + £1.50 booking fee
    saving = client.get(f"{API}basket/potentialdiscount", params={"membershipId": FRIEND}).json()
    assert saving == {"basketTotal": 24.0, "totalDiscount": 2.5,
                      "transactionCommission": {"waived": False, "amount": 0.0}}  # fmt: skip
    patron = client.get(f"{API}basket/potentialdiscount", params={"membershipId": PATRON}).json()
    assert patron["transactionCommission"] == {"waived": True, "amount": 1.5}
    joined = client.post(f"{API}basket/membership-subscriptions", json=[{"membership": FRIEND}]).json()
    assert joined["membershipSubscriptions"][0]["membership"]["name"] == "Friend"
    assert joined["tickets"][0]["discount"] == 2.5
    assert joined["offers"] == [{"name": "Friend member price", "discount": 2.5}]
    assert joined["total"] == 64.0  # 25 - 2.50 + 1.50 + 40
    again = client.post(f"{API}basket/membership-subscriptions", json=[{"membership": FRIEND}])
    assert_error(again, 409, "MembershipInBasket")
    assert again.json()["message"] == "The Friend membership is already in the basket."


def test_a_ticket_delivery_is_chosen_with_its_charge(app: Any, client: TestClient) -> None:
    assert basket(client)["ticketDeliveryOptions"] == []  # nothing to deliver yet
    add_ticket(client, app)
    current = basket(client)
    assert [o["name"] for o in current["ticketDeliveryOptions"]] == [
        "E-ticket", "First-class post", "Collect from the box office"
    ]  # fmt: skip
    assert current["ticketDelivery"]["name"] == "E-ticket"
    posted = client.patch(f"{API}basket", json={"ticketDelivery": {"id": POST}}).json()
    assert posted["ticketDelivery"] == {"id": POST, "name": "First-class post", "amount": 2.0}
    assert posted["total"] == 28.5 and posted["hash"] != current["hash"]
    assert_error(client.patch(f"{API}basket", json={"ticketDelivery": {"id": "X"}}), 400, "InvalidRequest")


def test_gift_vouchers_are_replaced_whole_and_checked(client: TestClient) -> None:
    bought = client.put(f"{API}basket/gift-vouchers", json=[VOUCHER])
    assert bought.status_code == 200, bought.text
    assert [(v["toName"], v["amount"]) for v in bought.json()["giftVouchers"]] == [("Sam", 25.0)]
    response = client.put(f"{API}basket/gift-vouchers", json=[{**VOUCHER, "amount": 1000}])
    assert response.json()["message"] == "A gift voucher must be between £5.00 and £500.00."
    no_email = client.put(f"{API}basket/gift-vouchers", json=[{**VOUCHER, "deliveryEmailAddress": ""}])
    assert_error(no_email, 400, "InvalidRequest", "deliveryEmailAddress")
    assert client.put(f"{API}basket/gift-vouchers", json=[]).json()["giftVouchers"] == []


def test_a_voucher_code_is_redeemed_into_credit_once(client: TestClient) -> None:
    assert_error(client.post(f"{API}customer/redeem-gift-voucher", json={"voucherCode": "GIFT-JOY-25"}),
                 401, "NotAuthenticated")  # fmt: skip
    sign_in(client, DEMO)  # £10.00 credit
    redeemed = client.post(f"{API}customer/redeem-gift-voucher", json={"voucherCode": "gift-joy-25"})
    assert redeemed.json()["creditBalance"] == 35.0
    again = client.post(f"{API}customer/redeem-gift-voucher", json={"voucherCode": "GIFT-JOY-25"})
    assert_error(again, 409, "GiftVoucherUsed")
    used = client.post(f"{API}customer/redeem-gift-voucher", json={"voucherCode": "GIFT-USED-10"})
    assert used.json()["message"] == "The gift voucher 'GIFT-USED-10' has already been redeemed."
    unknown = client.post(f"{API}customer/redeem-gift-voucher", json={"voucherCode": "NOPE"})
    assert_error(unknown, 404, "GiftVoucherNotFound")


def test_a_gift_aid_declaration_changes_the_basket_so_a_token_dies(app: Any, client: TestClient) -> None:
    sign_in(client, {"email": "noaddress@example.com", "password": "demo-pass-1"})
    assert client.get(f"{API}customer").json()["giftAidDeclarationRequired"] is True
    client.post(f"{API}basket/donations", json=[{"amount": 10, "fundId": ANNUAL_FUND}])
    before = basket(client)["hash"]
    declared = client.patch(f"{API}customer", json={"giftAidConfirmed": True}).json()
    assert declared["giftAidConfirmed"] is True and declared["giftAidDeclarationRequired"] is False
    assert basket(client)["hash"] != before


def test_each_item_type_is_paid_in_one_order(app: Any, client: TestClient) -> None:
    sign_in(client, DEMO)
    add_ticket(client, app)
    client.post(f"{API}basket/donations", json=[{"amount": 10, "fundId": ANNUAL_FUND}])
    client.post(f"{API}basket/merchandise", json=[{"stockItem": PROGRAMME}])
    client.post(f"{API}basket/membership-subscriptions", json=[{"membership": PATRON}])
    client.put(f"{API}basket/gift-vouchers", json=[VOUCHER])
    token = client.post(INITIATE, json=SEED_EXAMPLE_BODY).json()["paymentToken"]
    client.patch(f"{API}basket", json={"ticketDelivery": {"id": POST}})
    assert pay(client, token).status_code == 404  # the delivery changed the basket: the token died
    token = client.post(INITIATE, json=SEED_EXAMPLE_BODY).json()["paymentToken"]
    order = client.get(f"{API}orders/{pay(client, token).json()['orderId']}").json()
    assert order["total"] == 20 + 10 + 5 + 150 + 25 + 2  # Patron: 20% off, no booking fee
    assert [d["fund"]["name"] for d in order["donations"]] == ["Annual Fund"]
    assert [m["stockItem"]["name"] for m in order["merchandiseItems"]] == ["Programme"]
    assert [s["membership"]["name"] for s in order["membershipSubscriptions"]] == ["Patron"]
    assert [v["toName"] for v in order["giftVouchers"]] == ["Sam"]
    assert order["deliveries"] == [{"name": "First-class post", "amount": 2.0},
                                   {"name": "Collect from the box office", "amount": 0.0}]  # fmt: skip


def test_direct_checkout_refuses_memberships_and_vouchers() -> None:
    with TestClient(make_app()) as guest:
        guest.post(f"{API}basket/membership-subscriptions", json=[{"membership": FRIEND}])
        body = {"originDomain": "127.0.0.1", "email": "g@example.com", "firstName": "G", "lastName": "H",
                "billingAddress": {"line1": "1 Road", "postcode": "AB1 2CD", "country": "GB"}}  # fmt: skip
        assert_error(guest.post(f"{API}basket/initiate-direct-payment", json=body), 409, "CustomerRequired")
