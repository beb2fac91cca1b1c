"""How a name the vendor says finds a counterparty already in the books.

Vendors shorten names: the book has 超市周经理 and they say 周经理. A name is read as
[qualifier] + person part + [家]: the qualifier is whatever comes before the person (a
place or trade: 超市, 花店, 东门, 对面饭店), the person part is a core (a surname, or a
given name after 阿) with its form of address (老X, 小X, 阿X, X哥, X姐, X经理, X老板…),
and 家 makes it the household rather than the person.

- The same person part with a qualifier only on the saved name is that counterparty
  (周经理 → 超市周经理): said without the place, the person is the same.
- The same person part differing by 家, or a qualifier only on the said name (老陈 / 老陈家,
  超市周经理 said when 周经理 is saved), may be the same: the vendor is asked.
- The same core with another compatible form of address (李哥 / 老李, 王老板 / 老王) may be
  the same too: asked, and once confirmed, learned as an alias.
- Different qualifiers (超市周经理 / 药店周经理) are different people; so are forms of
  address that contradict each other (小李 / 老李: younger and older; 李哥 / 李姐).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from enum import Enum

# Common surnames (compound ones first when read from the end of a name).
COMPOUND_SURNAMES = (
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "令狐", "慕容", "司徒", "夏侯",
)
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶"
    "程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾"
    "毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关"
    "兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻"
    "祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿"
    "桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
# Forms of address after the core, longest first so 老板娘 is not read as 老板 + 娘.
SUFFIX_TITLES = (
    "老板娘", "老板", "经理", "师傅", "老师", "医生", "主任", "会计", "大哥", "大姐", "阿姨",
    "总", "董", "哥", "姐", "叔", "姨", "婶", "嫂", "伯", "爷", "奶", "妹", "弟", "工", "头",
    "姑", "舅",
)
PREFIX_TITLES = ("老", "小", "阿")
HOUSEHOLD = "家"
# Words that are forms of address on their own, never a name with a core (老板 is not 老 + 板).
BARE_TITLES = frozenset({*SUFFIX_TITLES, "老板", "老师", "老婆", "老公", "老乡", "小工", "小孩"})

_LONG_BARE = tuple(t for t in BARE_TITLES if len(t) > 1)
_MALE = frozenset({"哥", "大哥", "叔", "伯", "爷", "舅", "弟"})
_FEMALE = frozenset({"姐", "大姐", "姨", "阿姨", "婶", "嫂", "奶", "姑", "妹", "老板娘"})
_JUNIOR = frozenset({"小", "弟", "妹"})
_SENIOR = frozenset({"老", "哥", "姐", "大哥", "大姐", "嫂", "叔", "伯", "爷", "姨", "阿姨",
                     "婶", "奶", "姑", "舅"})


@dataclass(frozen=True, slots=True)
class Name:
    """A name read as qualifier + prefix title + core + suffix title + 家."""

    text: str
    qualifier: str = ""
    prefix: str = ""
    core: str = ""
    suffix: str = ""
    household: bool = False

    @property
    def person(self) -> str:
        """The person part: the name without its qualifier and without 家."""
        return self.prefix + self.core + self.suffix

    @property
    def titled(self) -> bool:
        return bool(self.prefix or self.suffix)


def read(text: str) -> Name:
    """`text` split into its parts; a name with no recognisable person part has core ''."""
    body, household = text, False
    if len(body) > 2 and body.endswith(HOUSEHOLD):
        body, household = body[:-1], True
    if body in BARE_TITLES:
        return Name(text)
    for suffix in SUFFIX_TITLES:
        if body.endswith(suffix) and len(body) > len(suffix):
            found = _before_suffix(body[: -len(suffix)])
            if found is not None:
                rest, prefix, core = found
                return Name(text, rest, prefix, core, suffix, household)
    if body.endswith(_LONG_BARE):  # 对面饭店老板: a shop's boss, not 老 + 板
        return Name(text)
    for prefix in PREFIX_TITLES:
        core_len = _core_after_prefix(body, prefix)
        if core_len:
            start = len(body) - core_len - len(prefix)
            return Name(text, body[:start], prefix, body[start + len(prefix):], "", household)
    if 2 <= len(body) <= 3 and body[0] in SURNAMES:  # a full name: 周建国, 王芳
        return Name(text, "", "", body, "", household)
    return Name(text)


def _before_suffix(before: str) -> tuple[str, str, str] | None:
    """(qualifier, prefix title, core) of what precedes a suffix title: 超市周 → (超市, '', 周),
    老李(头) → ('', 老, 李); None when no surname ends it (饭店 + 老板 is not a person's name)."""
    core = next((c for c in COMPOUND_SURNAMES if before.endswith(c)), None)
    if core is None:
        # A single character alone before the title may be a given name (香姐, 强哥).
        if not (before[-1] in SURNAMES or len(before) == 1):
            return None
        core = before[-1]
    rest = before[: -len(core)]
    if rest.endswith(PREFIX_TITLES):
        return rest[:-1], rest[-1], core
    return rest, "", core


def _core_after_prefix(body: str, prefix: str) -> int:
    """The length of the core when `body` ends with prefix + core (老李, 花店小王, 老欧阳)."""
    for compound in COMPOUND_SURNAMES:
        if body.endswith(prefix + compound):
            return len(compound)
    if len(body) >= 2 and body[-2] == prefix:
        return 1
    return 0


class Kind(Enum):
    SAME = "same"  # the said name is that counterparty's shortened form
    MAYBE = "maybe"  # may be the same person: ask


def compare(said: str, saved: str) -> Kind | None:
    """How `said` relates to the saved name `saved` (None: different people)."""
    if said == saved:
        return Kind.SAME
    s, k = read(said), read(saved)
    if not s.core or not k.core:
        return None
    if s.person == k.person:
        if s.qualifier == k.qualifier:
            return Kind.MAYBE  # only 家 differs: the person or the household
        if not s.qualifier:
            return Kind.SAME if s.household == k.household else Kind.MAYBE
        return Kind.MAYBE if not k.qualifier else None
    same_place = not s.qualifier or s.qualifier == k.qualifier
    if (s.core == k.core and s.titled and k.titled and same_place
            and s.household == k.household and _compatible(s, k)):
        return Kind.MAYBE
    return None


def _compatible(a: Name, b: Name) -> bool:
    """Two forms of address that could be said to one person (老李 and 李哥, not 小李)."""
    ta = {a.prefix, a.suffix} - {""}
    tb = {b.prefix, b.suffix} - {""}
    male = bool(ta & _MALE) or bool(tb & _MALE)
    female = bool(ta & _FEMALE) or bool(tb & _FEMALE)
    junior = bool(ta & _JUNIOR) or bool(tb & _JUNIOR)
    senior = bool(ta & _SENIOR) or bool(tb & _SENIOR)
    return not (male and female) and not (junior and senior)


@dataclass(frozen=True, slots=True)
class Resolution:
    """What a said name stands for. `name` is set when it is settled (the said name itself,
    an alias's counterparty, or the one saved name it shortens); otherwise `candidates` are
    the saved names to ask about."""

    said: str
    name: str | None
    candidates: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        return self.name is not None and self.name != self.said


def resolve(said: str, saved: Collection[str], aliases: Mapping[str, str]) -> Resolution:
    """The counterparty `said` means among the account's saved names and learned aliases."""
    if said in aliases:
        return Resolution(said, aliases[said])
    if said in saved:
        return Resolution(said, said)
    same: list[str] = []
    maybe: list[str] = []
    for name in sorted(saved):
        kind = compare(said, name)
        if kind is Kind.SAME:
            same.append(name)
        elif kind is Kind.MAYBE:
            maybe.append(name)
    if len(same) == 1 and not maybe:
        return Resolution(said, same[0])
    if same or maybe:
        return Resolution(said, None, (*same, *maybe))
    return Resolution(said, said)  # someone new
