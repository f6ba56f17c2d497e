"""The HubSpot emulator driven by the official client, `hubspot-api-client` 12.

Every call goes through the client's generated models, which validate required fields, so a
shape the real API would not send fails here.
"""

import datetime

import pytest
from hubspot import HubSpot
from hubspot.crm.associations.v4 import ApiException as AssociationsApiException
from hubspot.crm.objects.notes import (
    AssociationSpec,
    PublicAssociationsForObject,
    PublicObjectId,
    SimplePublicObjectInputForCreate,
)
from hubspot.crm.owners import ApiException as OwnersApiException
from hubspot.crm.tickets import (
    ApiException,
    BatchReadInputSimplePublicObjectId,
    Filter,
    FilterGroup,
    PublicObjectSearchRequest,
    SimplePublicObjectId,
    SimplePublicObjectInput,
)

SEARCH_CAP = 10_000


@pytest.fixture(scope="module")
def client(emulator):
    # Every keyword is set on each API's Configuration, so `host` re-points them all (§1.11).
    return HubSpot(access_token=emulator.hubspot_token, host=emulator.hubspot_url)


def list_all_tickets(client, properties=None, limit=100):
    tickets, after, pages = [], None, 0
    while True:
        page = client.crm.tickets.basic_api.get_page(limit=limit, after=after, properties=properties)
        pages += 1
        tickets.extend(page.results)
        if page.paging is None or page.paging.next is None:
            return tickets, pages
        after = page.paging.next.after


def epoch_ms(value: datetime.datetime) -> int:
    return int(value.timestamp() * 1000)


def test_lists_all_tickets_page_by_page_without_duplicates(client, emulator):
    tickets, pages = list_all_tickets(client, properties=["subject", "content"], limit=100)
    ids = [t.id for t in tickets]
    assert len(ids) == emulator.tickets
    assert len(set(ids)) == emulator.tickets
    assert pages == -(-emulator.tickets // 100)
    first = tickets[0]
    assert first.properties["subject"]
    assert first.properties["content"]
    assert first.properties["hs_object_id"] == first.id
    assert isinstance(first.updated_at, datetime.datetime)


def test_small_pages_cover_the_same_tickets(client, emulator):
    tickets, pages = list_all_tickets(client, limit=7)
    assert pages == -(-emulator.tickets // 7)
    assert sorted(int(t.id) for t in tickets) == sorted(set(int(t.id) for t in tickets))
    assert len(tickets) == emulator.tickets


def test_limit_above_100_is_rejected(client):
    with pytest.raises(ApiException) as error:
        client.crm.tickets.basic_api.get_page(limit=101)
    assert error.value.status == 400
    assert '"category":"VALIDATION_ERROR"' in error.value.body


def test_wrong_token_gets_hubspots_401(emulator):
    wrong = HubSpot(access_token="not-the-token", host=emulator.hubspot_url)
    with pytest.raises(ApiException) as error:
        wrong.crm.tickets.basic_api.get_page(limit=1)
    assert error.value.status == 401
    assert "INVALID_AUTHENTICATION" in error.value.body


def test_search_by_last_modified_date(client):
    tickets, _ = list_all_tickets(client, properties=["subject"])
    modified = sorted(t.updated_at for t in tickets)
    since = modified[len(modified) // 2]
    expected = sum(1 for m in modified if m >= since)

    found, after, total = [], None, None
    while True:
        request = PublicObjectSearchRequest(
            filter_groups=[
                FilterGroup(
                    filters=[
                        Filter(property_name="hs_lastmodifieddate", operator="GTE", value=str(epoch_ms(since)))
                    ]
                )
            ],
            sorts=[{"propertyName": "hs_lastmodifieddate", "direction": "ASCENDING"}],
            properties=["subject", "hs_lastmodifieddate"],
            limit=50,
            after=after,
        )
        page = client.crm.tickets.search_api.do_search(public_object_search_request=request)
        total = page.total
        found.extend(page.results)
        if page.paging is None:
            break
        after = page.paging.next.after

    assert total == expected
    assert len(found) == expected
    assert len({t.id for t in found}) == expected
    times = [t.updated_at for t in found]
    assert times == sorted(times)
    assert all(t >= since for t in times)


def test_search_between_and_object_id_filters(client):
    tickets, _ = list_all_tickets(client)
    ids = sorted(int(t.id) for t in tickets)
    low, high = ids[10], ids[19]
    request = PublicObjectSearchRequest(
        filter_groups=[
            FilterGroup(filters=[Filter(property_name="hs_object_id", operator="BETWEEN", value=str(low), high_value=str(high))])
        ],
        limit=100,
    )
    page = client.crm.tickets.search_api.do_search(public_object_search_request=request)
    assert page.total == 10
    assert sorted(int(t.id) for t in page.results) == ids[10:20]


def test_search_past_the_10000_cap_is_rejected(client):
    request = PublicObjectSearchRequest(limit=100, after=str(SEARCH_CAP))
    with pytest.raises(ApiException) as error:
        client.crm.tickets.search_api.do_search(public_object_search_request=request)
    assert error.value.status == 400
    assert "VALIDATION_ERROR" in error.value.body


def test_search_limit_above_200_is_rejected(client):
    with pytest.raises(ApiException) as error:
        client.crm.tickets.search_api.do_search(public_object_search_request=PublicObjectSearchRequest(limit=201))
    assert error.value.status == 400


def test_batch_read(client):
    tickets, _ = list_all_tickets(client, limit=10)
    wanted = [t.id for t in tickets[:5]]
    batch = BatchReadInputSimplePublicObjectId(
        properties=["subject", "content"],
        properties_with_history=["subject"],
        inputs=[SimplePublicObjectId(id=i) for i in wanted],
    )
    result = client.crm.tickets.batch_api.read(batch_read_input_simple_public_object_id=batch)
    assert result.status == "COMPLETE"
    assert sorted(r.id for r in result.results) == sorted(wanted)
    assert all(r.properties["content"] for r in result.results)
    first = result.results[0]
    assert first.properties_with_history["subject"][0].value == first.properties["subject"]


def test_batch_read_with_a_missing_id_reports_it(client):
    tickets, _ = list_all_tickets(client, limit=10)
    batch = BatchReadInputSimplePublicObjectId(
        properties=["subject"],
        properties_with_history=[],
        inputs=[SimplePublicObjectId(id=tickets[0].id), SimplePublicObjectId(id="999999999")],
    )
    result = client.crm.tickets.batch_api.read(batch_read_input_simple_public_object_id=batch)
    assert [r.id for r in result.results] == [tickets[0].id]
    assert result.errors[0].category == "OBJECT_NOT_FOUND"
    assert result.errors[0].context["ids"] == ["999999999"]


def test_update_a_ticket_moves_its_last_modified_date(client):
    ticket = client.crm.tickets.basic_api.get_page(limit=1, properties=["content"]).results[0]
    before = ticket.updated_at
    redacted = "[content redacted by leakhound]"
    updated = client.crm.tickets.basic_api.update(
        ticket_id=ticket.id,
        simple_public_object_input=SimplePublicObjectInput(properties={"content": redacted}),
    )
    assert updated.id == ticket.id
    assert updated.properties["content"] == redacted
    assert updated.updated_at > before
    again = client.crm.tickets.basic_api.get_by_id(ticket_id=ticket.id, properties=["content"])
    assert again.properties["content"] == redacted

    # An incremental scan finds it by last-modified date.
    request = PublicObjectSearchRequest(
        filter_groups=[
            FilterGroup(filters=[Filter(property_name="hs_lastmodifieddate", operator="GTE", value=str(epoch_ms(updated.updated_at)))])
        ],
        limit=10,
    )
    found = client.crm.tickets.search_api.do_search(public_object_search_request=request)
    assert ticket.id in [t.id for t in found.results]


def test_update_of_a_read_only_property_is_rejected(client):
    ticket = client.crm.tickets.basic_api.get_page(limit=1).results[0]
    with pytest.raises(ApiException) as error:
        client.crm.tickets.basic_api.update(
            ticket_id=ticket.id,
            simple_public_object_input=SimplePublicObjectInput(properties={"hs_object_id": "1"}),
        )
    assert error.value.status == 400
    assert "READ_ONLY_VALUE" in error.value.body


def test_update_of_an_unknown_ticket_is_404(client):
    with pytest.raises(ApiException) as error:
        client.crm.tickets.basic_api.update(
            ticket_id="999999999",
            simple_public_object_input=SimplePublicObjectInput(properties={"content": "x"}),
        )
    assert error.value.status == 404
    assert "OBJECT_NOT_FOUND" in error.value.body


def test_create_a_note_associated_with_a_ticket(client):
    ticket = client.crm.tickets.basic_api.get_page(limit=3).results[2]
    note = client.crm.objects.notes.basic_api.create(
        simple_public_object_input_for_create=SimplePublicObjectInputForCreate(
            properties={
                "hs_timestamp": "2026-11-25T10:00:00.000Z",
                "hs_note_body": "<p>Sensitive data found by leakhound: 1 credit card number.</p>",
            },
            associations=[
                PublicAssociationsForObject(
                    to=PublicObjectId(id=ticket.id),
                    types=[AssociationSpec(association_category="HUBSPOT_DEFINED", association_type_id=228)],
                )
            ],
        )
    )
    assert note.id
    assert note.properties["hs_note_body"].startswith("<p>Sensitive data found")

    associated = client.crm.associations.v4.basic_api.get_page(
        object_type="tickets", object_id=ticket.id, to_object_type="notes"
    )
    assert note.id in [str(a.to_object_id) for a in associated.results]
    assert all(t.type_id == 227 for a in associated.results for t in a.association_types)

    with_notes = client.crm.tickets.basic_api.get_by_id(ticket_id=ticket.id, associations=["notes"])
    assert note.id in [a.id for a in with_notes.associations["notes"].results]


def test_note_without_timestamp_is_rejected(client):
    from hubspot.crm.objects.notes import ApiException as NotesApiException

    with pytest.raises(NotesApiException) as error:
        client.crm.objects.notes.basic_api.create(
            simple_public_object_input_for_create=SimplePublicObjectInputForCreate(properties={"hs_note_body": "x"})
        )
    assert error.value.status == 400


def test_associate_a_note_with_the_v4_default_endpoint(client):
    ticket = client.crm.tickets.basic_api.get_page(limit=5).results[4]
    note = client.crm.objects.notes.basic_api.create(
        simple_public_object_input_for_create=SimplePublicObjectInputForCreate(
            properties={"hs_timestamp": "1764064800000", "hs_note_body": "<p>created first, associated second</p>"}
        )
    )
    result = client.crm.associations.v4.basic_api.create_default(
        from_object_type="notes", from_object_id=note.id, to_object_type="tickets", to_object_id=ticket.id
    )
    assert result.status == "COMPLETE"
    assert any(r.association_spec.association_type_id == 228 for r in result.results)
    associated = client.crm.associations.v4.basic_api.get_page(
        object_type="tickets", object_id=ticket.id, to_object_type="notes"
    )
    assert note.id in [str(a.to_object_id) for a in associated.results]

    with pytest.raises(AssociationsApiException) as error:
        client.crm.associations.v4.basic_api.create_default(
            from_object_type="notes", from_object_id=note.id, to_object_type="tickets", to_object_id="999999999"
        )
    assert error.value.status == 404


def test_read_an_owner(client):
    owners = client.crm.owners.owners_api.get_page(limit=100)
    assert owners.results
    first = owners.results[0]
    owner = client.crm.owners.owners_api.get_by_id(owner_id=int(first.id))
    assert owner.id == first.id
    assert "@" in owner.email
    assert owner.first_name and owner.last_name
    assert owner.user_id

    with pytest.raises(OwnersApiException) as error:
        client.crm.owners.owners_api.get_by_id(owner_id=999999)
    assert error.value.status == 404


def test_ticket_owners_resolve(client):
    page = client.crm.tickets.basic_api.get_page(limit=50, properties=["hubspot_owner_id"])
    owner_ids = {t.properties.get("hubspot_owner_id") for t in page.results} - {None}
    assert owner_ids
    for owner_id in owner_ids:
        assert client.crm.owners.owners_api.get_by_id(owner_id=int(owner_id)).id == owner_id


def test_rate_limit_answers_429_with_hubspots_body(client, emulator, reset_faults):
    emulator.admin(
        "hubspot", "PATCH", "/_admin/faults",
        {"rate_limit": {"enabled": True, "requests_per_window": 3, "window_ms": 10_000}, "retry_after": "2"},
    )
    for _ in range(3):
        client.crm.tickets.basic_api.get_page(limit=1)
    with pytest.raises(ApiException) as error:
        client.crm.tickets.basic_api.get_page(limit=1)
    assert error.value.status == 429
    assert '"policyName":"TEN_SECONDLY_ROLLING"' in error.value.body
    assert error.value.headers["Retry-After"] == "2"
    assert error.value.headers["X-HubSpot-RateLimit-Remaining"] == "0"


def test_calls_are_counted_per_endpoint(client, emulator):
    emulator.admin("hubspot", "DELETE", "/_admin/calls")
    client.crm.tickets.basic_api.get_page(limit=2)
    client.crm.tickets.basic_api.get_page(limit=2)
    client.crm.owners.owners_api.get_page(limit=1)
    calls = emulator.admin("hubspot", "GET", "/_admin/calls")
    assert calls["calls"]["GET /crm/v3/objects/tickets"] == 2
    assert calls["calls"]["GET /crm/v3/owners/"] == 1
    assert calls["total"] == 3
