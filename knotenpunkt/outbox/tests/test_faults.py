"""Faults with real worker processes and a real SMTP server (aiosmtpd).

Each mail is counted at the server by its Message-ID. The worker processes use
core/tests/worker_settings.py, where leases, retries and recoveries take seconds.
"""

import time
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.db import transaction

from knotenpunkt.core.tests.tcp_proxy import TCPProxy
from knotenpunkt.core.tests.worker_harness import wait_until
from knotenpunkt.outbox import services
from knotenpunkt.outbox.models import MailState, OutgoingMail

from .smtp import SMTPServer, free_port

pytestmark = [pytest.mark.worker]


def _queue(number=1, **overrides):
    values = {
        "kind": "tests.fault",
        "to": f"person{number}@example.org",
        "subject": f"Nachricht {number}",
        "text": "Guten Tag.\n",
        "html": "<p>Guten Tag.</p>",
    }
    values.update(overrides)
    return services.queue_mail(**values)


def _states(rows):
    return {row.state for row in OutgoingMail.objects.filter(pk__in=[row.pk for row in rows])}


def _state(row):
    return OutgoingMail.objects.get(pk=row.pk).state


def test_with_the_mail_server_down_mails_wait_and_each_goes_out_once_it_answers(
    worker_db, start_worker
):
    port = free_port()
    rows = [_queue(number) for number in range(3)]
    worker = start_worker(smtp_port=port)

    wait_until(
        lambda: all(
            row.state == MailState.RETRYING and row.attempts >= 2
            for row in OutgoingMail.objects.all()
        ),
        message="every mail tried twice and waiting",
    )
    assert {row.last_error for row in OutgoingMail.objects.all()} == {"ConnectionRefusedError"}

    with SMTPServer(port=port) as server:
        wait_until(lambda: _states(rows) == {MailState.SENT}, message="all mails sent")
        time.sleep(1.5)  # recoveries and left-over tasks run meanwhile: nothing goes out again

    assert server.count_by_message_id() == {row.message_id: 1 for row in rows}
    assert worker.is_running()


def test_a_worker_killed_before_the_content_went_out_leaves_the_mail_to_the_next_one(
    worker_db, start_worker
):
    with SMTPServer() as server:
        server.handler.stall_in_rcpt = True
        row = _queue()
        first = start_worker(smtp_port=server.port)
        assert server.handler.reached_rcpt.wait(30), "the worker reached RCPT"
        first.kill()
        server.handler.stall_in_rcpt = False
        server.handler.release.set()

        start_worker(smtp_port=server.port, name="worker-2")
        wait_until(lambda: _state(row) == MailState.SENT, message="the mail sent by worker 2")
        time.sleep(1)

    assert server.count_by_message_id() == {row.message_id: 1}
    assert OutgoingMail.objects.get(pk=row.pk).attempts == 2


def test_a_worker_killed_after_the_server_took_the_content_never_sends_it_twice(
    worker_db, start_worker
):
    with SMTPServer() as server:
        server.handler.stall_after_data = True
        row = _queue()
        first = start_worker(smtp_port=server.port)
        assert server.handler.reached_data.wait(30), "the server has the message"
        first.kill()

        start_worker(smtp_port=server.port, name="worker-2")
        wait_until(lambda: _state(row) == MailState.UNCERTAIN, message="the mail is uncertain")
        time.sleep(2)  # several rounds of recovery

    assert server.count_by_message_id() == {row.message_id: 1}
    row = OutgoingMail.objects.get(pk=row.pk)
    assert (row.state, row.attempts) == (MailState.UNCERTAIN, 1)
    assert row.data_started_at is not None
    assert row.text_body, "kept, so a person can send it again after asking"


def test_the_same_dedupe_key_queued_twice_reaches_the_server_once(worker_db, start_worker):
    with SMTPServer() as server:
        first = _queue(dedupe_key="tests.fault:1:u1")
        second = _queue(dedupe_key="tests.fault:1:u1")
        start_worker(smtp_port=server.port)
        wait_until(lambda: _state(first) == MailState.SENT, message="the mail sent")
        time.sleep(1)

    assert first.pk == second.pk
    assert server.count_by_message_id() == {first.message_id: 1}


def _proxied(url, port):
    parts = urlsplit(url)
    netloc = parts.netloc.rsplit("@", 1)
    host = f"127.0.0.1:{port}"
    return urlunsplit(parts._replace(netloc=f"{netloc[0]}@{host}" if len(netloc) == 2 else host))


def test_the_worker_survives_the_database_disappearing_for_ten_seconds(worker_db, start_worker):
    """On PostgreSQL a proxy between worker and server cuts the line; on SQLite another
    connection holds the write lock. Either way the worker keeps running and delivers."""
    proxy = None
    with SMTPServer() as server:
        if worker_db.is_postgresql:
            config = worker_db.config
            proxy = TCPProxy((config["HOST"] or "127.0.0.1", int(config["PORT"] or 5432)))
            worker = start_worker(
                smtp_port=server.port, database_url=_proxied(worker_db.url, proxy.port)
            )
        else:
            worker = start_worker(smtp_port=server.port)
        before = _queue(1)
        wait_until(lambda: _state(before) == MailState.SENT, message="the worker works")

        if proxy is not None:
            proxy.cut()
            during = _queue(2)  # written straight to the server, not through the proxy
            time.sleep(10)
            proxy.restore()
        else:
            with transaction.atomic():  # holds SQLite's write lock for ten seconds
                during = _queue(2)
                time.sleep(10)

        wait_until(
            lambda: _state(during) == MailState.SENT, timeout=40, message="the mail sent afterwards"
        )
        if proxy is not None:
            proxy.close()

    assert worker.is_running(), worker.log()
    log = worker.log()
    assert "Database unavailable" in log and "Database available again" in log, log
    assert server.count_by_message_id() == {before.message_id: 1, during.message_id: 1}
