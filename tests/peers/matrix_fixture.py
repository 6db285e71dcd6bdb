"""A real Matrix homeserver on loopback for oncall's Matrix tests (matrix-synapse, PyPI).

Usage: python matrix_fixture.py WORKDIR

Generates a Synapse config (server name `localhost`, sqlite, bound to 127.0.0.1 only, no
federation or key-server traffic, rate limits raised), starts the homeserver on a free
port, registers a bot user, logs it in with a fixed device id, creates a private room, and
prints one JSON line on stdout: {"url", "token", "room", "user"}. Stops the homeserver when
stdin closes. The recipe is the one in shared/formats.md, section 6.
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

import yaml

PY = sys.executable


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(url, method="GET", body=None, token=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method)
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.load(r)


def main():
    work = sys.argv[1]
    os.makedirs(work, exist_ok=True)
    cfg = os.path.join(work, "hs.yaml")
    subprocess.run(
        [PY, "-m", "synapse.app.homeserver", "--server-name", "localhost",
         "--config-path", cfg, "--data-directory", work,
         "--generate-config", "--report-stats=no"],
        check=True, capture_output=True, cwd=work,
    )
    with open(cfg) as f:
        c = yaml.safe_load(f)
    port = free_port()
    c["listeners"] = [{
        "port": port, "bind_addresses": ["127.0.0.1"], "type": "http", "tls": False,
        "x_forwarded": False, "resources": [{"names": ["client"], "compress": False}],
    }]
    c["database"] = {"name": "sqlite3", "args": {"database": os.path.join(work, "hs.db")}}
    c["trusted_key_servers"] = []
    c["suppress_key_server_warning"] = True
    c["federation_domain_whitelist"] = []
    c["report_stats"] = False
    c["enable_metrics"] = False
    fast = {"per_second": 1000, "burst_count": 1000}
    for k in ("rc_message", "rc_login", "rc_registration", "rc_joins", "rc_admin_redaction"):
        c[k] = fast if k != "rc_login" else {"address": fast, "account": fast, "failed_attempts": fast}
    c["log_config"] = None
    with open(cfg, "w") as f:
        yaml.safe_dump(c, f)

    log = open(os.path.join(work, "homeserver.out"), "w")
    hs = subprocess.Popen([PY, "-m", "synapse.app.homeserver", "--config-path", cfg],
                          cwd=work, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while True:
        try:
            call(f"{url}/_matrix/client/versions")
            break
        except Exception:
            if hs.poll() is not None or time.time() > deadline:
                log.flush()
                sys.exit("synapse did not start; see " + os.path.join(work, "homeserver.out"))
            time.sleep(0.1)

    subprocess.run(
        [os.path.join(os.path.dirname(PY), "register_new_matrix_user"), "-c", cfg,
         "-u", "oncallbot", "-p", "botpass123", "--no-admin", url],
        check=True, capture_output=True,
    )
    login = call(f"{url}/_matrix/client/v3/login", "POST", {
        "type": "m.login.password",
        "identifier": {"type": "m.id.user", "user": "oncallbot"},
        "password": "botpass123", "device_id": "ONCALLTEST",
    })
    token = login["access_token"]
    room = call(f"{url}/_matrix/client/v3/createRoom", "POST",
                {"name": "incidents", "preset": "private_chat"}, token)["room_id"]
    print(json.dumps({"url": url, "token": token, "room": room, "user": login["user_id"]}),
          flush=True)
    try:
        sys.stdin.read()
    finally:
        hs.terminate()
        try:
            hs.wait(10)
        except subprocess.TimeoutExpired:
            hs.kill()


if __name__ == "__main__":
    main()
