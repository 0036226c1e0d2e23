"""The basket: adding and removing tickets, promo codes, booking fee, hash, isolation."""

from __future__ import annotations

from typing import Any

import pytest
from sandbox_testing import (
    API,
    NO_ADDRESS,
    TestClient,
    add_ticket,
    assert_error,
    instance,
    sign_in,
    ticket_type_id,
)

TICKETS = f"{API}basket/tickets"


def test_an_empty_basket_has_no_booking_fee(client: TestClient) -> None:
    basket = client.get(f"{API}basket").json()
    assert basket["tickets"] == [] and basket["charges"] == []
    assert basket["total"] == 0.0 and basket["subtotal"] == 0.0
    assert basket["promoCode"] is None and basket["currency"] == "GBP"


def test_adding_tickets_prices_them_and_adds_one_booking_fee(app: Any, client: TestClient) -> None:
    inst = instance(app)
    body = [
        {"instance": inst.id, "type": ticket_type_id(app, "Adult"), "seatingPlan": inst.plan_id},
        {"instance": inst.id, "type": ticket_type_id(app, "Child")},
    ]
    added = client.post(TICKETS, json=body)
    assert added.status_code == 200
    basket = client.get(f"{API}basket").json()
    assert added.json() == basket["tickets"]  # the add answers the tickets it added
    assert [t["type"]["name"] for t in basket["tickets"]] == ["Adult", "Child"]
    assert [t["price"] for t in basket["tickets"]] == [25.0, 12.5]
    ticket = basket["tickets"][0]
    assert ticket["event"]["name"] == "Hamlet"
    assert ticket["instance"] == {"id": inst.id, "start": inst.start.isoformat()}
    assert ticket["discount"] == 0.0 and ticket["total"] == 25.0
    assert ticket["area"] == {"id": "1", "name": "Stalls"} and ticket["planName"] == "Stalls"
    assert basket["charges"] == [{"name": "Booking fee", "amount": 1.5}]
    assert basket["subtotal"] == 37.5
    assert basket["total"] == 39.0
    assert client.get(f"{API}basket?$expand=tickets/event,tickets/instance").json() == basket


def test_the_add_answers_only_the_new_tickets_priced_as_in_the_basket(app: Any, client: TestClient) -> None:
    first = add_ticket(client, app)["tickets"]
    client.patch(f"{API}basket", json={"promoCode": "WELCOME10"})
    body = [{"instance": instance(app).id, "type": ticket_type_id(app, "Child")}]
    added = client.post(TICKETS, json=body).json()
    assert [t["type"]["name"] for t in added] == ["Child"]
    assert added[0]["discount"] == 1.25 and added[0]["total"] == 11.25
    tickets = client.get(f"{API}basket").json()["tickets"]
    assert [t["id"] for t in tickets] == [first[0]["id"], added[0]["id"]]


def test_every_mutation_changes_the_hash(app: Any, client: TestClient) -> None:
    hashes = [client.get(f"{API}basket").json()["hash"]]
    hashes.append(add_ticket(client, app)["hash"])
    hashes.append(client.patch(f"{API}basket", json={"promoCode": "WELCOME10"}).json()["hash"])
    hashes.append(client.patch(f"{API}basket", json={"promoCode": None}).json()["hash"])
    ticket_id = client.get(f"{API}basket").json()["tickets"][0]["id"]
    client.delete(TICKETS, params={"ticketIds": ticket_id})
    hashes.append(client.get(f"{API}basket").json()["hash"])
    assert len(set(hashes)) == len(hashes)
    assert client.get(f"{API}basket").json()["hash"] == hashes[-1]  # reading is no mutation


@pytest.mark.parametrize("content", [b'{"instance": "x"}', b"[]", b'"tickets"', b"null", b"3"])
def test_tickets_body_must_be_a_non_empty_list(client: TestClient, content: bytes) -> None:
    assert_error(client.post(TICKETS, content=content), 400, "InvalidRequest", "list")


def test_tickets_body_must_be_json(client: TestClient) -> None:
    assert_error(client.post(TICKETS, content=b"[{"), 400, "InvalidRequest", "JSON")


@pytest.mark.parametrize(
    ("item", "field"),
    [
        ({"type": "T"}, "instance"),
        ({"instance": 5, "type": "T"}, "instance"),
        ({"instance": "VALID"}, "type"),
        ({"instance": "VALID", "type": ["T"]}, "type"),
        ({"instance": "VALID", "type": "ADULT", "seatingPlan": 7}, "seatingPlan"),
    ],
)
def test_bad_ticket_fields_are_400_naming_the_field(
    app: Any, client: TestClient, item: dict[str, Any], field: str
) -> None:
    item = {**item}
    if item.get("instance") == "VALID":
        item["instance"] = instance(app).id
    if item.get("type") == "ADULT":
        item["type"] = ticket_type_id(app, "Adult")
    assert_error(client.post(TICKETS, json=[item]), 400, "InvalidRequest", f"'{field}'")


def test_a_ticket_item_must_be_an_object(client: TestClient) -> None:
    assert_error(client.post(TICKETS, json=["x"]), 400, "InvalidRequest", "object")


def test_unknown_ids_are_404_and_nothing_is_added(app: Any, client: TestClient) -> None:
    good = {"instance": instance(app).id, "type": ticket_type_id(app, "Adult")}
    for bad, named in [
        ({"instance": "NOINSTANCE", "type": good["type"]}, "NOINSTANCE"),
        ({"instance": good["instance"], "type": "NOTYPE"}, "NOTYPE"),
        ({**good, "seatingPlan": "NOPLAN"}, "NOPLAN"),
    ]:
        assert_error(client.post(TICKETS, json=[good, bad]), 404, "NotFound", named)
    assert client.get(f"{API}basket").json()["tickets"] == []


def test_remove_tickets(app: Any, client: TestClient) -> None:
    add_ticket(client, app)
    add_ticket(client, app, "Child")
    basket = add_ticket(client, app, "Concession")
    ids = [t["id"] for t in basket["tickets"]]
    response = client.delete(TICKETS, params={"ticketIds": f"{ids[0]},{ids[2]}"})
    assert response.status_code == 204
    assert [t["id"] for t in client.get(f"{API}basket").json()["tickets"]] == [ids[1]]


@pytest.mark.parametrize(
    "query",
    [
        "ticketIds[]={0}&ticketIds[]={2}",
        "ticketIds%5B%5D={0}&ticketIds%5B%5D={2}",
        "ticketIds={0}&ticketIds[]={2}",
        "ticketIds={0}&ticketIds={2}",
    ],
)
def test_remove_tickets_with_repeated_ids(app: Any, client: TestClient, query: str) -> None:
    for type_name in ("Adult", "Child", "Concession"):
        add_ticket(client, app, type_name)
    ids = [t["id"] for t in client.get(f"{API}basket").json()["tickets"]]
    assert client.delete(f"{TICKETS}?{query.format(*ids)}").status_code == 204
    assert [t["id"] for t in client.get(f"{API}basket").json()["tickets"]] == [ids[1]]


def test_removing_an_unknown_ticket_is_404_and_removes_nothing(app: Any, client: TestClient) -> None:
    ticket_id = add_ticket(client, app)["tickets"][0]["id"]
    response = client.delete(TICKETS, params={"ticketIds": f"{ticket_id},GHOST"})
    assert_error(response, 404, "NotFound", "GHOST")
    assert len(client.get(f"{API}basket").json()["tickets"]) == 1


@pytest.mark.parametrize("query", ["", "?ticketIds=", "?ticketIds=,", "?ticketIds[]=", "?ticketIds[]=,"])
def test_removing_needs_ticket_ids(client: TestClient, query: str) -> None:
    assert_error(client.delete(f"{TICKETS}{query}"), 400, "InvalidRequest", "ticketIds")


def test_promo_code_takes_ten_percent_off_tickets_not_the_fee(app: Any, client: TestClient) -> None:
    add_ticket(client, app)
    add_ticket(client, app, "Child")
    basket = client.patch(f"{API}basket", json={"promoCode": "welcome10"}).json()
    assert basket["promoCode"] == "WELCOME10"
    assert [t["discount"] for t in basket["tickets"]] == [2.5, 1.25]
    assert [t["total"] for t in basket["tickets"]] == [22.5, 11.25]
    assert basket["totalDiscount"] == 3.75
    assert basket["total"] == 37.5 - 3.75 + 1.5


@pytest.mark.parametrize("cleared", ["", None])
def test_promo_code_can_be_cleared(app: Any, client: TestClient, cleared: str | None) -> None:
    add_ticket(client, app)
    client.patch(f"{API}basket", json={"promoCode": "WELCOME10"})
    basket = client.patch(f"{API}basket", json={"promoCode": cleared}).json()
    assert basket["promoCode"] is None and basket["total"] == 26.5


def test_an_invalid_promo_code_is_400_with_spektrix_message(client: TestClient) -> None:
    response = client.patch(f"{API}basket", json={"promoCode": "FREEBIES"})
    assert_error(response, 400, "InvalidPromoCode")
    assert response.json()["message"] == "The promo code 'FREEBIES' is not valid."


@pytest.mark.parametrize("body", [{"promoCode": 10}, {"promoCode": ["WELCOME10"]}, {}])
def test_promo_code_field_must_be_present_and_a_string(client: TestClient, body: Any) -> None:
    assert_error(client.patch(f"{API}basket", json=body), 400, "InvalidRequest", "promoCode")


def test_sessions_are_isolated(app: Any) -> None:
    with TestClient(app) as alice, TestClient(app) as bob:
        customer = sign_in(alice).json()
        add_ticket(alice, app)
        alice_basket = alice.get(f"{API}basket").json()
        bob_basket = bob.get(f"{API}basket").json()
        assert bob_basket["tickets"] == [] and bob_basket["customer"] is None
        assert bob_basket["id"] != alice_basket["id"]
        assert_error(bob.get(f"{API}customer"), 401, "NotAuthenticated")
        assert_error(bob.get(f"{API}customer/stored-cards"), 401, "NotAuthenticated")
        sign_in(bob, NO_ADDRESS)
        assert bob.get(f"{API}customer").json()["id"] != customer["id"]
        assert bob.get(f"{API}customer/stored-cards").json() == []
        assert alice.get(f"{API}customer").json()["id"] == customer["id"]
        assert len(alice.get(f"{API}basket").json()["tickets"]) == 1


def test_seating_plan_may_name_an_area_of_the_instances_plan(app: Any, client: TestClient) -> None:
    inst = instance(app)
    body = [{"instance": inst.id, "type": ticket_type_id(app, "Adult"), "seatingPlan": "2"}]
    (added,) = client.post(TICKETS, json=body).json()
    assert added["area"] == {"id": "2", "name": "Circle"} and added["planName"] == "Circle"


def test_an_area_of_another_plan_is_404(app: Any, client: TestClient) -> None:
    studio_only = next(i for i in app.state.store.seed.instances.values() if i.plan_id.startswith("2020"))
    body = [{"instance": studio_only.id, "type": ticket_type_id(app, "Adult"), "seatingPlan": "2"}]
    assert_error(client.post(TICKETS, json=body), 404, "NotFound", "'2'")


def ticket_path(client: TestClient, app: Any) -> str:
    return f"{TICKETS}/{add_ticket(client, app)['tickets'][0]['id']}"


def test_patch_sets_custom_attributes_the_basket_shows(app: Any, client: TestClient) -> None:
    path = ticket_path(client, app)
    before = client.get(f"{API}basket").json()["hash"]
    body = [{"attribute_AttendeeName": "Ada Lovelace", "attribute_Seats": 2}, {"attribute_Vegan": True}]
    ticket = client.patch(path, json=body)
    assert ticket.status_code == 200
    basket = client.get(f"{API}basket").json()
    assert ticket.json() == basket["tickets"][0]
    assert basket["tickets"][0]["attribute_AttendeeName"] == "Ada Lovelace"
    assert basket["tickets"][0]["attribute_Seats"] == 2 and basket["tickets"][0]["attribute_Vegan"] is True
    assert basket["hash"] != before  # a change: any payment token for the old basket dies
    again = client.patch(path, json=[{"attribute_AttendeeName": "Grace Hopper", "attribute_Vegan": None}])
    assert again.json() | {"attribute_AttendeeName": "Grace Hopper", "attribute_Vegan": None} == again.json()
    assert again.json()["attribute_Seats"] == 2


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ({"attribute_X": "y"}, "list"),
        ([], "list"),
        (["attribute_X"], "list"),
        ([{"name": "x"}], "'name'"),
        ([{"attribute_": "x"}], "'attribute_'"),
        ([{"attribute_X": {"a": 1}}], "'attribute_X'"),
        ([{"attribute_X": ["a"]}], "'attribute_X'"),
    ],
)
def test_patch_needs_a_list_of_attribute_objects(app: Any, client: TestClient, body: Any, named: str) -> None:
    path = ticket_path(client, app)
    assert_error(client.patch(path, json=body), 400, "InvalidRequest", named)
    assert "attribute_X" not in client.get(f"{API}basket").json()["tickets"][0]


def test_patch_on_a_ticket_not_in_this_basket_is_404(app: Any, client: TestClient) -> None:
    path = ticket_path(client, app)
    with TestClient(app) as other:
        assert_error(other.patch(path, json=[{"attribute_X": "y"}]), 404, "NotFound", path.rsplit("/")[-1])
