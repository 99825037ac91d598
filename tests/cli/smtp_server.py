"""A real SMTP server on loopback for the e-mail tests (aiosmtpd, Debian's python3-aiosmtpd).

Usage: smtp_server.py PORT_FILE OUT_DIR [--tls CERT KEY] [--auth USER PASSWORD]
                      [--refuse ADDRESS]

Listens on a free port of 127.0.0.1 and writes it to PORT_FILE once ready. Every message
it accepts becomes OUT_DIR/<n>.eml (the bytes received, with the envelope's recipients in
an X-Envelope-To header). With --tls it offers STARTTLS and requires it before MAIL; with
--auth it requires that user and password (only over TLS). A recipient named by --refuse
is answered 550.
"""
import argparse
import os
import socket
import ssl
import sys
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


class Handler:
    def __init__(self, out_dir, refuse):
        self.out_dir = out_dir
        self.refuse = refuse
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.refuse:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        path = os.path.join(self.out_dir, "%d.eml" % self.count)
        tmp = path + ".tmp"
        with open(tmp, "wb") as f:
            f.write(b"X-Envelope-To: " + ",".join(envelope.rcpt_tos).encode() + b"\r\n")
            f.write(b"X-Envelope-From: " + (envelope.mail_from or "").encode() + b"\r\n")
            f.write(envelope.original_content or envelope.content)
        os.rename(tmp, path)
        return "250 Message accepted for delivery"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("port_file")
    p.add_argument("out_dir")
    p.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
    p.add_argument("--auth", nargs=2, metavar=("USER", "PASSWORD"))
    p.add_argument("--refuse", action="append", default=[])
    a = p.parse_args()

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()

    kwargs = {}
    if a.tls:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(a.tls[0], a.tls[1])
        kwargs.update(tls_context=context, require_starttls=True)
    if a.auth:
        user, password = a.auth[0].encode(), a.auth[1].encode()

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = auth_data.login == user and auth_data.password == password
            return AuthResult(success=ok)

        kwargs.update(authenticator=authenticator, auth_required=True,
                      auth_require_tls=bool(a.tls))
    handler = Handler(a.out_dir, {r.lower() for r in a.refuse})
    controller = Controller(handler, hostname="127.0.0.1", port=port, **kwargs)
    controller.start()
    with open(a.port_file + ".tmp", "w") as f:
        f.write(str(port))
    os.rename(a.port_file + ".tmp", a.port_file)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        controller.stop()


if __name__ == "__main__":
    sys.exit(main())
