#!/usr/bin/env python3
"""Sets up what the soak's writes need, through the site's own forms as a browser would:
a confirmed member with an API access token (for votes), and an antiforgery cookie and token
pair from /subscribe (for subscriptions). Prints shell assignments for soak.sh.

    bench/soak/member.py http://127.0.0.1:PORT STATE_DIR

The confirmation link is read from the nodes' pickup outboxes (STATE_DIR/node*/outbox/*.eml),
which is where mail goes when the cluster has no SMTP server.
"""
import email
import glob
import html
import http.cookiejar
import re
import sys
import time
import urllib.parse
import urllib.request
import uuid

site, state = sys.argv[1].rstrip("/"), sys.argv[2]
jar = http.cookiejar.CookieJar()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)


def get(path):
    try:
        with opener.open(site + path) as response:
            return response.read().decode()
    except urllib.error.HTTPError as answer:
        return answer.read().decode()


def hidden_fields(page, action):
    form = re.search(r'<form[^>]*action="' + re.escape(action) + r'[^"]*"[^>]*>(.*?)</form>', page, re.S)
    if not form:
        sys.exit(f"member.py: no form to {action}")
    return {html.unescape(n): html.unescape(v) for n, v in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form.group(1))}


def post(path, fields):
    data = urllib.parse.urlencode(fields).encode()
    try:
        with opener.open(urllib.request.Request(site + path, data=data)) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as answer:
        return answer.code, answer.read().decode()


name = "soak-" + uuid.uuid4().hex[:8]
address = name + "@example.org"
password = "correct-horse-battery"
post("/signup", {**hidden_fields(get("/signup"), "/signup"), "userName": name, "email": address, "password": password})

link = None
for _ in range(120):
    for path in glob.glob(f"{state}/node*/outbox/*.eml"):
        message = email.message_from_binary_file(open(path, "rb"))
        if address in message.get("To", ""):
            text = next(p for p in message.walk() if p.get_content_type() == "text/plain").get_payload(decode=True).decode()
            link = re.search(r"/account/confirm\?[A-Za-z0-9_\-%=&.@]+", text).group(0)
    if link:
        break
    time.sleep(0.5)
if not link:
    sys.exit("member.py: no confirmation email in the outboxes")
get(link)
status, _ = post("/signin?returnUrl=%2F", {**hidden_fields(get("/signin?returnUrl=%2F"), "/signin"), "login": name, "password": password})
if status != 302:
    sys.exit(f"member.py: sign-in answered {status}")
_, page = post("/settings/tokens", {**hidden_fields(get("/settings/tokens"), "/settings/tokens"), "name": "soak", "days": "1"})
token = re.search(r'class="token-secret"[^>]*>\s*([^<\s]+)', page).group(1)

# A fresh visitor for subscriptions: the token pairs with its antiforgery cookie.
jar.clear()
fields = hidden_fields(get("/subscribe"), "/subscribe")
(field, value), = fields.items()
cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
print(f"SOAK_TOKEN='{token}'")
print(f"SOAK_FORM_FIELD='{field}'")
print(f"SOAK_FORM_TOKEN='{urllib.parse.quote(value, safe='')}'")
print(f"SOAK_COOKIE='{cookie}'")
