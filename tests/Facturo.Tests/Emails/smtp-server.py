"""A real SMTP server for the email tests: Debian's python3-aiosmtpd on 127.0.0.1.

Usage: /usr/bin/python3 smtp-server.py PORT FOLDER
Every message accepted is written to FOLDER/received/<random>.eml (aside, then renamed, so a reader never sees half).
A recipient is refused on demand: a file FOLDER/refuse/<address> (or FOLDER/refuse/all) holds the reply to give
instead of accepting it, such as "550 5.1.1 No such mailbox" or "451 4.3.0 Try again later".
Prints "ready" once it answers on the port; runs until killed or until its standard input closes.
"""
import os
import sys
import uuid

from aiosmtpd.controller import Controller


class Handler:
    def __init__(self, folder):
        self.received = os.path.join(folder, "received")
        self.refuse = os.path.join(folder, "refuse")
        os.makedirs(self.received, exist_ok=True)
        os.makedirs(self.refuse, exist_ok=True)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        for rule in (os.path.join(self.refuse, address.lower()), os.path.join(self.refuse, "all")):
            if os.path.exists(rule):
                with open(rule, encoding="utf-8") as reply:
                    return reply.read().strip()
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        name = os.path.join(self.received, uuid.uuid4().hex)
        with open(name + ".partial", "wb") as message:
            message.write(envelope.original_content or envelope.content)
        os.rename(name + ".partial", name + ".eml")
        return "250 Message accepted for delivery"


def main():
    port, folder = int(sys.argv[1]), sys.argv[2]
    controller = Controller(Handler(folder), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    try:
        sys.stdin.read()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
