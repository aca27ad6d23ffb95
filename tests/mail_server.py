"""A real SMTP server on loopback (aiosmtpd), started by the tests: the site's mail goes to
it through Django's SMTP backend, and the tests read what arrived. It can be told to refuse
mail, to stop answering (longer than the site waits), or be stopped altogether."""

import asyncio
import email
from email.message import EmailMessage
from email.policy import default

from aiosmtpd.controller import Controller

from tests.loopback import LoopbackServer


class Mailbox:
    """The aiosmtpd handler: what arrived, and how the server behaves now."""

    def __init__(self):
        self.reset()

    def reset(self) -> None:
        self.messages: list[EmailMessage] = []
        self.refusing = False
        self.stalling = 0.0  # seconds to wait before answering MAIL FROM
        self.unknown: set[str] = set()  # addresses refused for good

    async def handle_MAIL(self, server, session, envelope, address, options):
        if self.stalling:
            await asyncio.sleep(self.stalling)
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, options):
        if address in self.unknown:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.refusing:
            return "451 4.3.0 Mail server temporarily refusing mail"
        self.messages.append(email.message_from_bytes(envelope.original_content, policy=default))
        return "250 Message accepted for delivery"


class MailServer(LoopbackServer):
    def __init__(self):
        super().__init__()
        self.mailbox = Mailbox()

    def serve(self):
        controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port)
        controller.start()
        return controller

    @property
    def received(self) -> list[EmailMessage]:
        return self.mailbox.messages
