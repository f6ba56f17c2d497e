"""The Zendesk emulator driven by the official-ish Python client, zenpy 2.0.x.

zenpy builds every URL as ``https://{subdomain}.{domain}/api/v2/...`` but reads two
environment variables on each request, ``ZENPY_FORCE_SCHEME`` and ``ZENPY_FORCE_NETLOC``
(spec section 2.11); the ``zenpy_env`` fixture of conftest.py sets them to ``http`` and
``127.0.0.1:PORT``. The ``domain=`` argument alone cannot do it: zenpy always prepends the
subdomain and uses https. zenpy only treats a response as Zendesk's when the request URL
contains that netloc, so the emulator builds its absolute URLs (``links.next``,
``next_page``, ``after_url``, ``content_url``) from the Host the client used.
"""

import time

import pytest
import requests
from zenpy import Zenpy
from zenpy.lib.api_objects import Comment
from zenpy.lib.exception import APIException, RecordNotFoundException

SECRET = "4111 1111 1111 1111"


@pytest.fixture(scope="module")
def zd(emulator, zenpy_env):
    # disable_cache: zenpy caches tickets for 30 s, and these tests re-read what they change.
    return Zenpy(
        subdomain="emulated",
        email=emulator.zendesk_email,
        token=emulator.zendesk_token,
        disable_cache=True,
    )


@pytest.fixture
def open_ticket(zd):
    """A ticket that can still be updated (not closed)."""
    for ticket in zd.tickets():
        if ticket.status not in ("closed", "deleted"):
            return ticket
    pytest.fail("no open ticket in the synthetic data")


def test_list_all_tickets_with_cursor_and_offset_pagination(zd, emulator):
    # zd.tickets() asks for cursor pagination (page[size]=100) and follows links.next while
    # meta.has_more is true.
    by_cursor = [t.id for t in zd.tickets()]
    assert len(by_cursor) >= emulator.tickets
    assert len(set(by_cursor)) == len(by_cursor), "no duplicates across page boundaries"
    # cursor_pagination=False: offset pagination following next_page.
    by_offset = [t.id for t in zd.tickets(cursor_pagination=False)]
    assert sorted(by_offset) == sorted(by_cursor)
    ticket = zd.tickets(id=by_cursor[0])
    assert ticket.subject and ticket.description
    assert ticket.created_at.endswith("Z")


def test_read_comments_users_and_attachments(zd):
    private_seen = False
    attachment = None
    for ticket_id in range(1, 40):
        ticket = zd.tickets(id=ticket_id)
        comments = list(zd.tickets.comments(ticket=ticket_id))
        assert comments, "every ticket has its description as first comment"
        assert comments[0].body == ticket.description
        for c in comments:
            assert c.html_body and c.plain_body == c.body
            private_seen = private_seen or c.public is False
            if attachment is None and c.attachments:
                attachment = c.attachments[0]
        author = zd.users(id=comments[0].author_id)
        assert "@" in author.email
    assert private_seen, "threads include private (internal) comments"

    requester_ids = sorted({zd.tickets(id=i).requester_id for i in range(1, 6)})
    users = list(zd.users(ids=requester_ids))
    assert sorted(u.id for u in users) == requester_ids
    with pytest.raises(RecordNotFoundException):
        zd.users(id=1)

    assert attachment is not None, "some comments carry attachments"
    # download() reads /api/v2/attachments/{id}.json, then follows content_url, which needs
    # the credentials and redirects to a signed URL, as Zendesk's does.
    data = zd.attachments.download(attachment.id)
    assert len(data.getvalue()) == attachment.size


def test_incremental_cursor_export_and_resume(zd, emulator):
    export = zd.tickets.incremental(start_time=0)
    tickets = list(export)
    ids = [t.id for t in tickets]
    assert len(set(ids)) == len(ids) >= emulator.tickets
    updated = [t.updated_at for t in tickets]
    assert updated == sorted(updated)
    cursor = export.after_cursor
    assert cursor and export.end_of_stream is True
    # Resuming from the stored cursor only returns what changed since (and is a minute old).
    newer = list(zd.tickets.incremental(cursor=cursor))
    assert all(t.updated_at >= updated[-1] for t in newer)


def test_incremental_time_based_export(zd, emulator):
    seen = set()
    for t in zd.tickets.incremental(start_time=0, paginate_by_time=True):
        seen.add(t.id)  # boundary seconds may repeat, as on Zendesk: de-duplicate
    assert len(seen) >= emulator.tickets


def test_ticket_events_with_comment_events(zd):
    events = zd.tickets.events(start_time=0, include="comment_events")
    comments = {}
    for n, event in enumerate(events):
        for child in event.child_events:
            if child["event_type"] == "Comment":
                comments.setdefault(event.ticket_id, []).append(child)
        if n > 3000:
            break
    assert comments
    ticket_id, children = next(iter(comments.items()))
    listed = {c.id: c for c in zd.tickets.comments(ticket=ticket_id)}
    for child in children:
        assert child["id"] in listed
        assert child["body"] == listed[child["id"]].body
        assert child["public"] == listed[child["id"]].public
        assert child["author_id"] == listed[child["id"]].author_id


def test_add_private_comment_and_redact_it(zd, open_ticket, emulator):
    before = len(list(zd.tickets.comments(ticket=open_ticket.id)))
    open_ticket.comment = Comment(
        body=f"leakhound: card number {SECRET} found in this ticket", public=False
    )
    result = zd.tickets.update(open_ticket)
    assert result.ticket.id == open_ticket.id
    comments = list(zd.tickets.comments(ticket=open_ticket.id))
    assert len(comments) == before + 1
    added = comments[-1]
    assert added.public is False and SECRET in added.body

    # Older redaction endpoint, as zenpy exposes it.
    redacted = zd.tickets.comment_redact(open_ticket.id, added.id, SECRET)
    assert SECRET not in redacted.body
    assert "▇" * len(SECRET) in redacted.body
    assert redacted.body.replace("▇" * len(SECRET), SECRET) == added.body
    again = [c for c in zd.tickets.comments(ticket=open_ticket.id) if c.id == added.id][0]
    assert SECRET not in again.body and SECRET not in again.html_body
    # Text that is not in the comment is refused.
    with pytest.raises(APIException) as err:
        zd.tickets.comment_redact(open_ticket.id, added.id, "not in the comment")
    assert err.value.response.status_code == 422


def test_comment_redactions_and_attachment_redaction(zd, open_ticket, emulator):
    # zenpy has no helper for the newer endpoint; use its authenticated session.
    open_ticket.comment = Comment(html_body=f"<p>SSN 078-05-1120, card {SECRET}</p>", public=False)
    zd.tickets.update(open_ticket)
    added = list(zd.tickets.comments(ticket=open_ticket.id))[-1]
    tagged = added.html_body.replace(SECRET, f"<redact>{SECRET}</redact>")
    resp = zd.tickets.session.put(
        f"{emulator.zendesk_url}/api/v2/comment_redactions/{added.id}.json",
        json={"ticket_id": open_ticket.id, "html_body": tagged},
    )
    assert resp.status_code == 200, resp.text
    comment = resp.json()["comment"]
    assert SECRET not in comment["html_body"] and SECRET not in comment["body"]
    assert "078-05-1120" in comment["body"], "only the tagged part is redacted"

    for ticket_id in range(1, 60):
        for c in zd.tickets.comments(ticket=ticket_id):
            for a in c.attachments or []:
                if a.file_name != "redacted.txt":
                    result = zd.attachments.redact(ticket_id, c.id, a.id)
                    assert result.file_name == "redacted.txt" and result.size == 0
                    assert zd.attachments.download(a.id).getvalue() == b""
                    return
    pytest.fail("no attachment to redact")


def test_authentication(emulator, zenpy_env):
    bad = Zenpy(subdomain="emulated", email=emulator.zendesk_email, token="wrong")
    with pytest.raises(APIException) as err:
        bad.tickets(id=1)
    assert err.value.response.status_code == 401
    assert err.value.response.json() == {"error": "Couldn't authenticate you"}
    oauth = Zenpy(subdomain="emulated", oauth_token=emulator.zendesk_oauth_token)
    assert oauth.tickets(id=1).id == 1
    # Credentials are needed on the API and on attachment URLs alike.
    assert requests.get(f"{emulator.zendesk_url}/api/v2/tickets.json").status_code == 401


def test_zenpy_waits_out_429_using_retry_after(zd, emulator, reset_faults):
    # Incremental exports get their own limit; one request per 2 s makes the second export
    # meet a 429 whose integer Retry-After zenpy sleeps out before retrying.
    emulator.admin(
        "zendesk",
        "PATCH",
        "/_admin/faults",
        {"rate_limit": {"enabled": True, "special_requests_per_window": 1, "special_window_ms": 2000}},
    )
    emulator.admin("zendesk", "DELETE", "/_admin/calls")
    started = time.monotonic()
    first = [t.id for t in zd.tickets.incremental(start_time=0)]
    second = [t.id for t in zd.tickets.incremental(start_time=0)]
    waited = time.monotonic() - started
    assert first and second
    calls = emulator.admin("zendesk", "GET", "/_admin/calls")
    statuses = calls["statuses"]["GET /api/v2/incremental/tickets/cursor.json"]
    assert statuses.get("429", 0) >= 1, statuses
    assert waited >= 1.0, "zenpy slept for Retry-After before retrying"
