"""Counterparties: the named people a message is about (老李, 张姐, 花店小王, 阿强, 王芳).

Names are found by how Chinese names people, never by a list of known names: a title
after a surname (李老板, 周大姐), 老/小 before a surname or before anyone in a person's
slot (小美买了), 阿X, a shop before an owner (水果店老郑), and a surname-led word in a
person's slot (卖给王芳). The account's own history (`known_users`) is matched first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from chains.rules.lexicon import (
    COMPOUND_SURNAMES,
    MY_PLACE,
    NOT_PERSON_WORDS,
    PERSON_CUES_BEFORE,
    PERSON_VERBS_AFTER,
    SHOP_SUFFIXES,
    SURNAMES,
    TITLE_BLOCKERS,
    TITLES,
    UNNAMED_PEOPLE,
)
from chains.rules.message import FREE, Message
from chains.rules.message import GOODS as GOODS_LABEL

USER = "user"

_TITLE_RE = re.compile(
    r"(?=([\u4e00-\u9fff])(" + "|".join(sorted(TITLES, key=len, reverse=True)) + r"))"
)
_WORK_WORD_TAILS = set("资钱作人费时具")
_SURNAME_ONLY_TITLES = frozenset({"总", "工", "伯", "妹", "总监", "会计"})
_MY_PLACE_RE = re.compile(MY_PLACE)
_OLD_YOUNG_RE = re.compile(r"(?=([老小])([\u4e00-\u9fff]))")
# 老四, 老六: a sibling's rank used as a name (老大/老二/老三 are kept for family words).
_BIRTH_ORDER = set("四五六七八九")
_AH_RE = re.compile(r"(?=阿([\u4e00-\u9fff]))")
_AH_BLOCKED = set("姨婆公伯叔妈爸哥姐弟妹嫂婶爷奶")
_SHOP_RE = re.compile(
    r"([\u4e00-\u9fff]{0,4}?(?:" + "|".join(SHOP_SUFFIXES) + r"))$"
)
# A shop alone (东门菜店, 隔壁粮油店) or with a bare title (川菜馆老板娘) is a counterparty.
_SHOP_WORD_RE = re.compile(
    r"[\u4e00-\u9fff]{1,5}?(?:" + "|".join(SHOP_SUFFIXES) + r")(?:老板娘|老板|经理|店长|老板们)?"
)
# 东门菜店的货款结了: the shop's own debt makes it the counterparty, not a description.
_BARE_TITLES = ("老板娘", "老板", "经理", "店长", "师傅")
_OWED_AFTER_OF = ("货款", "账", "钱", "欠款", "尾款", "款")
_SHOP_CHARS = frozenset(s[-1] for s in SHOP_SUFFIXES)
# 老周家 is a household; 老周家里 is where he lives.
_HOUSEHOLD_AFTER = set("里人门具属乡")
_SHOP_LEAD_STOPS = ("卖给", "批给", "借给", "给", "从", "跟", "和", "是", "的", "了", "在",
                    "到", "去", "找", "帮", "问", "还", "把", "开", "那", "这", "一下")
# Characters that rarely stand in a name (verbs, particles, money and time words).
_NOT_NAME_CHARS = set(
    "卖买进赊欠借还结付收花交转拿拉带送发配包打要订做装用去来说算记有没不过着钱价款账费元"
    "块今昨前早午晚刚当已现门零散批市基棚边里儿月年号天多少几各每共合总的了和跟是把被从"
    "在向往也都又就才先再我你他她它这那哪啥谁吗呢吧呀啦嘛个一二三四五六七八九十百千万两斤盆"
    "扎枝箱袋筐桶店货馆铺坊厂司楼堂部"
)


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    start: int
    end: int


def find_people(msg: Message) -> list[Person]:
    """Counterparties in order of appearance; their characters are claimed as USER."""
    found: list[Person] = []
    for finder in (_known, _titled, _old_young, _ah, _by_position):
        for person in finder(msg):
            if not any(_overlap(person, other) for other in found):
                found.append(person)
    found = [_household(msg, _with_shop(msg, p)) for p in found]
    found += [s for s in _shops(msg) if not any(_overlap(s, p) for p in found)]
    found.sort(key=lambda p: p.start)
    for person in found:
        msg.mark(person.start, person.end, USER)
        msg.add_span("users", person.start, person.end)
    return _unique(found)


def _overlap(a: Person, b: Person) -> bool:
    return a.start < b.end and b.start < a.end


def _unique(people: list[Person]) -> list[Person]:
    """One person once; 饭店王经理 then 王经理 is the same person, named in full first."""
    out: list[Person] = []
    for p in people:
        same = next((i for i, o in enumerate(out)
                     if o.name.endswith(p.name) or p.name.endswith(o.name)), None)
        if same is None:
            out.append(p)
        elif len(p.name) > len(out[same].name):
            out[same] = p
    return out


def _free(msg: Message, start: int, end: int) -> bool:
    return start >= 0 and end <= len(msg.text) and msg.is_free(start, end)


def _known(msg: Message) -> list[Person]:
    out: list[Person] = []
    text = msg.text
    for name in sorted(msg.context.known_users, key=len, reverse=True):
        if not name or len(name) > 12:
            continue
        start = text.find(name)
        while start >= 0:
            person = Person(name, start, start + len(name))
            if _free(msg, start, person.end) and not any(_overlap(person, o) for o in out):
                out.append(person)
            start = text.find(name, start + 1)
    return out


def _titled(msg: Message) -> list[Person]:
    out: list[Person] = []
    text = msg.text
    for m in _TITLE_RE.finditer(text):
        start = m.start()
        given, title = m.group(1), m.group(2)
        end = start + 1 + len(title)
        if given in TITLE_BLOCKERS or given in _NOT_NAME_CHARS or not _free(msg, start, end):
            continue
        if start > 0 and text[start - 1] == given:  # 谢谢老板
            continue
        if (title in _SURNAME_ONLY_TITLES or title.startswith("大")) and given not in SURNAMES:
            continue
        if text[start:end] in UNNAMED_PEOPLE:
            continue
        if title == "工" and text[end:end + 1] in _WORK_WORD_TAILS:
            continue  # 小吴工资: 工 opens the wage word, it is not 吴工 the engineer
        if start > 0 and text[start - 1] in "小老阿" and _free(msg, start - 1, start):
            start -= 1  # 小马哥, 老王头 are one name
        elif _free(msg, start - 1, start) and text[start - 1:start + 1] in COMPOUND_SURNAMES:
            start -= 1  # 欧阳老板
        out.append(Person(text[start:end], start, end))
    return out


def _old_young(msg: Message) -> list[Person]:
    out: list[Person] = []
    text = msg.text
    for m in _OLD_YOUNG_RE.finditer(text):
        start, end = m.start(), m.start() + 2
        word = text[start:end]
        if not _free(msg, start, end) and not _goods_word_acting(msg, start, end):
            continue
        given = m.group(2)
        if word in NOT_PERSON_WORDS and not (given in SURNAMES and _acts(msg, start, end)):
            continue  # 小钱 is small money, but 小钱拿了二十斤梨 is a person
        if text[start:start + 3] in NOT_PERSON_WORDS or text[start:start + 3] in UNNAMED_PEOPLE:
            continue
        in_slot = _in_person_slot(msg, start, end)
        if given in _NOT_NAME_CHARS and not (given in SURNAMES and in_slot) and not (
                word[0] == "老" and given in _BIRTH_ORDER and in_slot):
            continue  # 老是, 小钱 — but 卖给老钱 is a person, and so is 从老六那
        if given in SURNAMES or in_slot:
            out.append(Person(word, start, end))
    return out


def _ah(msg: Message) -> list[Person]:
    out: list[Person] = []
    for m in _AH_RE.finditer(msg.text):
        start, end = m.start(), m.start() + 2
        given = m.group(1)
        if given in _AH_BLOCKED or given in _NOT_NAME_CHARS or not _free(msg, start, end):
            continue
        out.append(Person(msg.text[start:end], start, end))
    return out


def _in_person_slot(msg: Message, start: int, end: int) -> bool:
    """小美 is a name when a person cue stands before it or a person's verb after it."""
    text = msg.text
    if text[max(0, start - 2):start].endswith(PERSON_CUES_BEFORE):
        return True
    if text[start - 1:start] == "在" and text.startswith(("那", "这儿", "手上", "手里"), end):
        return True  # 在老六那拿货: where the goods came from is a person
    # 菜店老钱, 水果店小金: right after a shop's name stands the person who runs it.
    if _SHOP_RE.search(text[max(0, start - 5):start]):
        return True
    # 老钱家拿了: a household acts like the person it is named after; 小芳在我这买了
    after = end + 1 if text[end:end + 1] == "家" else end
    place = _MY_PLACE_RE.match(text, after)
    after = place.end() if place else after
    if text[start - 1:start] == "的":  # 豆腐坊的小包送来: a description, then the person
        return text.startswith(_DEEDS_AFTER, after)
    return _at_boundary(msg, start) and _followed_by_verb(text, after)


# Deeds only a person does, right after a name that is also a common word (小钱, 小米).
_DEEDS_AFTER = ("拿了", "买了", "要了", "赊了", "还了", "结了", "订了", "借了", "拿走", "拉走",
                "送来", "送了", "拉来", "发来")


_COUNT_RE = re.compile(r"[\d零〇一二两三四五六七八九十百千万半几]")


def _goods_word_acting(msg: Message, start: int, end: int) -> bool:
    """小麦拿了两箱牛奶: a goods word that is also 小 + a surname, taking counted goods at
    the head of a clause, is a person (小麦 the grain is never the one who takes)."""
    if msg.text[start + 1] not in SURNAMES or not all(
            label == GOODS_LABEL for label in msg.labels[start:end]):
        return False
    verb = next((v for v in _DEEDS_AFTER if msg.text.startswith(v, end)), None)
    return (verb is not None and _at_boundary(msg, start)
            and bool(_COUNT_RE.match(msg.text, end + len(verb))))


def _acts(msg: Message, start: int, end: int) -> bool:
    """At the head of a clause, or right after the 的 of a description (豆腐坊的小包送来)."""
    head = _at_boundary(msg, start) or msg.text[start - 1:start] == "的"
    return head and msg.text.startswith(_DEEDS_AFTER, end)


def _at_boundary(msg: Message, start: int) -> bool:
    return start == 0 or msg.text[start - 1] in "，、" or msg.labels[start - 1] != FREE


def _followed_by_verb(text: str, end: int) -> bool:
    return text.startswith(PERSON_VERBS_AFTER, end)


def _by_position(msg: Message) -> list[Person]:
    """王芳买了 / 卖给王芳: a surname-led two or three character word in a person's slot."""
    out: list[Person] = []
    text = msg.text
    for i, ch in enumerate(text):
        if ch not in SURNAMES or msg.labels[i] != FREE:
            continue
        for size in (3, 2):
            end = i + size
            if not _free(msg, i, end) or any(c in _NOT_NAME_CHARS for c in text[i + 1:end]):
                continue
            if not _is_cjk_run(text[i:end]) or text[i:end] in UNNAMED_PEOPLE:
                continue
            if _positional_slot(msg, i, end):
                out.append(Person(text[i:end], i, end))
                break
    return out


def _positional_slot(msg: Message, start: int, end: int) -> bool:
    text = msg.text
    before = text[max(0, start - 2):start]
    cue_before = before.endswith(("给", "找", "问", "帮")) or (
        before.endswith("从") and text.startswith(("那", "这"), end)
    )
    at_start = _at_boundary(msg, start)
    after = text[end] if end < len(text) else ""
    boundary_after = after == "" or after in "，、" or msg.labels[end] != FREE
    place = _MY_PLACE_RE.match(text, end)  # 王芳在我家店里买了
    verb_after = text.startswith(("买了", "拿了", "赊了", "还了", "结了", "借了", "要了", "订了",
                                  "拉走", "拿走", "借走", "来拿", "来结", "称了", "把", "那边",
                                  "那里", "那进", "那拿", "那买", "那赊"),
                                 place.end() if place else end)
    if cue_before and (boundary_after or verb_after or after == "的"):
        return True
    return at_start and verb_after


def _is_cjk_run(word: str) -> bool:
    return all("\u4e00" <= c <= "\u9fff" for c in word)


def _household(msg: Message, person: Person) -> Person:
    text = msg.text
    end = person.end
    if text[end:end + 1] == "家" and text[end + 1:end + 2] not in _HOUSEHOLD_AFTER \
            and _free(msg, end, end + 1):
        return Person(text[person.start:end + 1], person.start, end + 1)
    return person


def _shops(msg: Message) -> list[Person]:
    """东门菜店要了… / 卖给对面水果店…: a shop in a person's slot, named as written."""
    text = msg.text
    out: list[Person] = []
    if _SHOP_CHARS.isdisjoint(text):
        return out
    for m in _SHOP_WORD_RE.finditer(text):
        start, end = _shop_start(msg, m.start(), m.end()), m.end()
        # 水果店 holds the goods word 水果: a known goods word may stand in a shop's name.
        if end - start < 2 or not all(msg.is_name_material(i) for i in range(start, end)):
            continue
        name = text[start:end]
        if not name.endswith(SHOP_SUFFIXES) and not re.search(r"老板娘|老板|经理|店长$", name):
            continue
        acts_at = _shop_acts_at(msg, end)
        if acts_at is None:
            continue
        cue = text[max(0, start - 2):start].endswith(PERSON_CUES_BEFORE)
        owes = text.startswith(_OWED_AFTER_OF, end + 1)
        if cue or (_at_boundary(msg, start) and (owes or _followed_by_verb(text, acts_at))):
            out.append(Person(name, start, end))
    return out


def _shop_acts_at(msg: Message, end: int) -> int | None:
    """Where the verb of a shop ending at `end` would stand; None when 的 joins the shop to
    the person named after it (饭店的陈经理: the shop only says who the person is)."""
    text = msg.text
    if not text.startswith("的", end) or text.startswith(_OWED_AFTER_OF, end + 1):
        return end
    title = next((t for t in _BARE_TITLES if text.startswith(t, end + 1)), None)
    if title is None:
        return None
    msg.guesses += 1  # 对面饭店的老板娘拿了: no name but the shop's; likely the shop, but ask
    return end + 1 + len(title)


def _shop_start(msg: Message, start: int, end: int) -> int:
    """Where a shop's name begins: after the last lead word (卖给, 从, 的) before it."""
    text = msg.text
    for stop in _SHOP_LEAD_STOPS:
        cut = text.rfind(stop, start, end)
        if cut >= 0:
            start = max(start, cut + len(stop))
    while start < end and not msg.is_name_material(start):
        start += 1
    return start


def _with_shop(msg: Message, person: Person) -> Person:
    """花店小王: a shop named right before an owner belongs to the name."""
    text = msg.text
    head_start = max(0, person.start - 6)
    m = _SHOP_RE.search(text, head_start, person.start)
    if not m or m.end() != person.start:
        return person
    shop_start = m.start(1)
    shop = text[shop_start:person.start]
    for stop in _SHOP_LEAD_STOPS:
        cut = shop.rfind(stop)
        if cut >= 0:
            shop_start += cut + len(stop)
            shop = text[shop_start:person.start]
    while shop_start < person.start and not msg.is_name_material(shop_start):
        shop_start += 1
    shop = text[shop_start:person.start]
    if len(shop) < 2 or not all(msg.is_name_material(i) for i in range(shop_start, person.start)):
        return person
    if not shop.endswith(SHOP_SUFFIXES):
        return person
    return Person(text[shop_start:person.end], shop_start, person.end)
