"""Login codes in Redis: random, five minutes, single use, a bounded number of wrong tries,
and send limits per phone and per client address. Redis holds only a hash of each code."""

from __future__ import annotations

import hashlib
import secrets
from enum import StrEnum

from redis.asyncio import Redis

# Checked and consumed in one step, so two workers (or two racing requests) can never both
# accept a code, and wrong tries are counted before the code is even compared: once the
# limit is reached the right code is refused too.
VERIFY = """
local stored = redis.call('HGET', KEYS[1], 'hash')
if not stored then return 0 end
local tries = tonumber(redis.call('HGET', KEYS[1], 'wrong') or '0')
if tries >= tonumber(ARGV[2]) then return -1 end
if stored == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return 1
end
redis.call('HINCRBY', KEYS[1], 'wrong', 1)
return 2
"""


# A fixed one-hour window per client address; EXPIRE ... NX would need Redis 7.
COUNT = """
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return n
"""


class Verdict(StrEnum):
    OK = "ok"
    WRONG = "wrong"
    EXPIRED = "expired"  # never sent, used already, or older than its TTL
    LOCKED = "locked"  # too many wrong tries on this code


class CodeStore:
    def __init__(
        self, redis: Redis, *, prefix: str, ttl: int, max_attempts: int,
        send_interval: int, per_ip_per_hour: int, per_phone_per_day: int,
    ) -> None:
        self._redis, self._prefix = redis, prefix
        self._ttl, self._max = ttl, max_attempts
        self._interval, self._per_ip = send_interval, per_ip_per_hour
        self._per_phone = per_phone_per_day
        self._verify = redis.register_script(VERIFY)
        self._count = redis.register_script(COUNT)

    def _key(self, kind: str, name: str) -> str:
        return f"{self._prefix}:api:{kind}:{name}"

    @staticmethod
    def _hash(phone: str, code: str) -> str:
        return hashlib.sha256(f"{phone}:{code}".encode()).hexdigest()

    async def may_send(self, phone: str, client: str) -> bool:
        """Claim a send: one per phone per interval, `per_ip_per_hour` per client address and
        `per_phone_per_day` per phone (five wrong tries a code would otherwise allow
        guessing at a steady rate by asking for new codes)."""
        if not await self._redis.set(self._key("sent", phone), "1", nx=True, ex=self._interval):
            return False
        per_ip = await self._count(keys=[self._key("ip", client)], args=[3600])
        per_phone = await self._count(keys=[self._key("day", phone)], args=[86400])
        if int(per_ip) > self._per_ip or int(per_phone) > self._per_phone:
            await self._redis.delete(self._key("sent", phone))
            return False
        return True

    async def forget_send(self, phone: str) -> None:
        """The code never left (the SMS failed): let the user ask again at once."""
        await self._redis.delete(self._key("sent", phone), self._key("code", phone))

    async def issue(self, phone: str) -> str:
        """A fresh six-digit code, replacing any earlier one (and its wrong tries)."""
        code = f"{secrets.randbelow(1_000_000):06d}"
        key = self._key("code", phone)
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.delete(key)
            pipe.hset(key, mapping={"hash": self._hash(phone, code), "wrong": 0})
            pipe.expire(key, self._ttl)
            await pipe.execute()
        return code

    async def verify(self, phone: str, code: str) -> Verdict:
        result = int(await self._verify(keys=[self._key("code", phone)],
                                        args=[self._hash(phone, code), self._max]))
        return {1: Verdict.OK, 2: Verdict.WRONG, 0: Verdict.EXPIRED, -1: Verdict.LOCKED}[result]
