"""A real SMTP server on loopback for oncall's email tests (aiosmtpd, from PyPI).

Usage: python smtp_fixture.py OUTDIR

Makes a throwaway CA and a server certificate for 127.0.0.1/localhost with the openssl CLI
(OUTDIR/ca.pem is what the client must trust, via SSL_CERT_FILE), then serves SMTP on a free
loopback port with STARTTLS required and AUTH (LOGIN/PLAIN) required after TLS: user
`oncall`, password `s3cret-smtp-pw`. Each delivered message is written to OUTDIR/N.json:
the envelope, whether the session was TLS and authenticated, every header, and each MIME
part decoded. Prints `ready PORT` on stdout when listening; stops when stdin closes.
"""

import email
import email.policy
import json
import os
import socket
import ssl
import subprocess
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

USER, PASSWORD = b"oncall", b"s3cret-smtp-pw"


def openssl(*args):
    subprocess.run(["openssl", *args], check=True, capture_output=True)


def make_certs(d):
    ca_key, ca = os.path.join(d, "ca.key"), os.path.join(d, "ca.pem")
    key, csr, cert = (os.path.join(d, n) for n in ("server.key", "server.csr", "server.pem"))
    ext = os.path.join(d, "san.ext")
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", ca_key, "-out", ca,
            "-days", "2", "-subj", "/CN=oncall test CA",
            "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", csr,
            "-subj", "/CN=127.0.0.1")
    with open(ext, "w") as f:
        f.write("subjectAltName=IP:127.0.0.1,DNS:localhost\n"
                "basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n")
    openssl("x509", "-req", "-in", csr, "-CA", ca, "-CAkey", ca_key, "-CAcreateserial",
            "-out", cert, "-days", "2", "-extfile", ext)
    return cert, key


class Store:
    def __init__(self, out):
        self.out, self.n = out, 0

    async def handle_DATA(self, server, session, envelope):
        msg = email.message_from_bytes(envelope.content, policy=email.policy.default)
        parts = []
        for part in msg.walk():
            if part.is_multipart():
                continue
            parts.append({
                "content_type": part.get_content_type(),
                "charset": part.get_content_charset(),
                "transfer_encoding": part.get("Content-Transfer-Encoding"),
                "text": part.get_content(),
            })
        self.n += 1
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "tls": session.ssl is not None,
            "authenticated": bool(session.authenticated),
            "login": login(session),
            "headers": {k: str(v) for k, v in msg.items()},
            "content_type": msg.get_content_type(),
            "parts": parts,
        }
        path = os.path.join(self.out, f"{self.n}.json")
        with open(path + ".tmp", "w") as f:
            json.dump(record, f)
        os.replace(path + ".tmp", path)
        return "250 Message accepted for delivery"


def login(session):
    data = getattr(session, "auth_data", None)
    return data.login.decode() if isinstance(data, LoginPassword) else None


def authenticator(server, session, envelope, mechanism, data):
    ok = isinstance(data, LoginPassword) and data.login == USER and data.password == PASSWORD
    # handled=False: aiosmtpd then answers 535 itself (with the default handled=True it
    # answers nothing at all, and the client waits for its timeout).
    return AuthResult(success=ok, handled=False, auth_data=data if ok else None)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    cert, key = make_certs(out)
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(cert, key)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    controller = Controller(
        Store(out), hostname="127.0.0.1", port=port, tls_context=ctx,
        require_starttls=True, authenticator=authenticator, auth_required=True,
        auth_require_tls=True,
    )
    controller.start()
    print(f"ready {port}", flush=True)
    sys.stdin.read()
    controller.stop()


if __name__ == "__main__":
    main()
