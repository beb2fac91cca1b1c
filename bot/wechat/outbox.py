"""Text kept for a user's next message: results that missed WeChat's reply window, the
rest of a long answer, or 客服消息 WeChat refused (45015/45047).

One Redis list per openid (storage.notices), each piece short enough to go out as one
message together with the "reply 继续" hint.
"""

from __future__ import annotations

from redis.asyncio import Redis

from storage.notices import Notices

TTL_SECONDS = 2 * 24 * 3600  # WeChat's own 48-hour window: older answers are stale anyway


def outbox(redis: Redis, prefix: str) -> Notices:
    return Notices(redis, prefix, kind="wechat:outbox", ttl=TTL_SECONDS)
