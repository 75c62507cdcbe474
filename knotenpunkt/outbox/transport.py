"""Hand one message to the mail server, and say when its content starts to go out.

With Django's SMTP backend we hold the conversation ourselves: connect, MAIL FROM,
RCPT TO, DATA; once the server has answered DATA with 354 we call ``before_content()``,
which commits a marker, and only then send the content. A failure before that point
provably delivered nothing, so the mail may be tried again; after it, the mail may have
arrived and is never sent again automatically. Other backends (console, file, locmem in
tests) get the whole message through ``send_messages``, with the marker set first.
"""

import re
import smtplib
from collections.abc import Callable

from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.core.mail.message import sanitize_address
from django.core.mail.utils import DNS_NAME

# RFC 5321, 4.5.2: a line of the content that starts with a dot gets a second one.
LEADING_DOT = re.compile(rb"(?m)^\.")


class ContentStarted(Exception):
    """Sending failed after the content began to go out; ``__cause__`` says why."""


def send(message: EmailMessage, *, before_content: Callable[[], None]) -> None:
    """Send ``message``; raise ``ContentStarted`` for failures after ``before_content``."""
    backend = get_connection()
    if isinstance(backend, SMTPBackend):
        _send_smtp(backend, message, before_content)
        return
    before_content()
    try:
        backend.send_messages([message])
    except Exception as error:
        raise ContentStarted from error


def _send_smtp(backend: SMTPBackend, message: EmailMessage, before_content) -> None:
    options = {"timeout": backend.timeout, "local_hostname": DNS_NAME.get_fqdn()}
    if backend.use_ssl:
        options["context"] = backend.ssl_context
    encoding = message.encoding or "utf-8"
    sender = sanitize_address(message.from_email, encoding)
    recipients = [sanitize_address(address, encoding) for address in message.recipients()]
    content = message.message().as_bytes(linesep="\r\n")
    smtp = backend.connection_class(backend.host, backend.port, **options)
    in_data = False
    try:
        if backend.use_tls:
            smtp.starttls(context=backend.ssl_context)
        if backend.username and backend.password:
            smtp.login(backend.username, backend.password)
        smtp.ehlo_or_helo_if_needed()
        code, reply = smtp.mail(sender)
        if code != 250:
            raise smtplib.SMTPSenderRefused(code, reply, sender)
        for recipient in recipients:
            code, reply = smtp.rcpt(recipient)
            if code not in (250, 251):
                raise smtplib.SMTPRecipientsRefused({recipient: (code, reply)})
        code, reply = smtp.docmd("DATA")
        if code != 354:
            raise smtplib.SMTPDataError(code, reply)
        in_data = True
        before_content()
        try:
            smtp.send(_data_block(content))
            code, reply = smtp.getreply()
        except Exception as error:
            raise ContentStarted from error
        if code != 250:
            raise ContentStarted from smtplib.SMTPDataError(code, reply)
        in_data = False
    finally:
        _hang_up(smtp, politely=not in_data)


def _hang_up(smtp: smtplib.SMTP, *, politely: bool) -> None:
    """Close the connection; in the middle of DATA without QUIT, which would be content.

    A connection dropped before the final dot makes the server discard the message.
    """
    try:
        if politely and smtp.sock is not None:
            smtp.quit()
    except (smtplib.SMTPException, OSError):
        pass
    finally:
        smtp.close()


def _data_block(content: bytes) -> bytes:
    """Return the content as a DATA block: leading dots doubled, ended by CRLF.CRLF."""
    quoted = LEADING_DOT.sub(b"..", content)
    if not quoted.endswith(b"\r\n"):
        quoted += b"\r\n"
    return quoted + b".\r\n"
