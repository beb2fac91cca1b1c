"""iFlytek's HMAC-SHA256 URL signature (讯飞 WebAPI 鉴权), shared by the client and the tests.

The signed string is "host: …\\ndate: …\\nGET <path> HTTP/1.1"; the server rejects dates more
than 300 s from its clock, so a URL is signed right before each connection.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from email.utils import formatdate
from urllib.parse import urlencode, urlsplit


def signature(secret: str, host: str, date: str, path: str) -> str:
    origin = f"host: {host}\ndate: {date}\nGET {path} HTTP/1.1"
    digest = hmac.new(secret.encode(), origin.encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def authorization(api_key: str, sig: str) -> str:
    origin = (f'api_key="{api_key}", algorithm="hmac-sha256", '
              f'headers="host date request-line", signature="{sig}"')
    return base64.b64encode(origin.encode()).decode("ascii")


def signed_url(base_url: str, api_key: str, api_secret: str, now: float) -> str:
    """base_url with authorization, date and host query parameters."""
    parts = urlsplit(base_url)
    date = formatdate(timeval=now, usegmt=True)  # RFC 1123, as the doc requires
    sig = signature(api_secret, parts.netloc, date, parts.path or "/")
    query = urlencode({"authorization": authorization(api_key, sig), "date": date,
                       "host": parts.netloc})
    return f"{base_url}?{query}"
