"""A real SMTP server for tests (aiosmtpd), in a thread of the test process.

It counts the messages it accepted by Message-ID, and can stall in RCPT or after it has
taken a message but before it answers, so that a test can kill the sender at that moment.
"""

import asyncio
import socket
import threading
from collections import Counter
from email import message_from_bytes

from aiosmtpd.controller import Controller

STALL_LIMIT = 60  # seconds; a stalled handler gives up on its own after this


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on (a closed mail server)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RecordingHandler:
    def __init__(self):
        self.messages = []
        self.refuse = {}  # address -> the answer to its RCPT, e.g. "550 5.1.1 unknown"
        self.stall_in_rcpt = False
        self.stall_after_data = False
        self.reached_rcpt = threading.Event()
        self.reached_data = threading.Event()
        self.release = threading.Event()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return self.refuse[address]
        if self.stall_in_rcpt:
            self.reached_rcpt.set()
            await self._stall()
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(message_from_bytes(envelope.content))
        if self.stall_after_data:
            self.reached_data.set()
            await self._stall()
        return "250 Message accepted for delivery"

    async def _stall(self):
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, self.release.wait, STALL_LIMIT)


class SMTPServer:
    """An aiosmtpd server on ``port`` (a free one by default); use as a context manager."""

    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.handler = RecordingHandler()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc_info):
        self.handler.release.set()
        self.controller.stop()

    @property
    def messages(self):
        return list(self.handler.messages)

    def count_by_message_id(self) -> Counter:
        return Counter(message["Message-ID"] for message in self.handler.messages)
