"""Which metric a question on the books asks for (GUIDE "Queries", Words).

The first family whose words are said wins, so the order matters: going over one
counterparty's books (对账), losses (坏了几个筐, 亏了多少货 but not a bare 亏了),
containers still out (谁手上筐最多) and rankings (卖得最好) before the money words they
contain (卖, 赚); my debts before theirs (我欠 / 欠).
"""

from __future__ import annotations

import re

from chains.rules.lexicon import CONTAINERS
from ledger import Metric

_QUESTION_RE = re.compile(
    r"多少|(?<![好十百千万])几(?:[笔条单个次天块万千百斤箱盆扎枝袋株只件把板包瓶罐桶头根颗串捆车吨台套份张双提打]|公斤)|哪|谁|吗|？|\?|列出|列一下|看看|看一下|看下|明细|流水"
    r"|记录|查|统计|清单|账单|发我|发给我|还是亏|还是赔|赚了还是|挣了还是|咋样|怎样|怎么样|如何|报表|汇总|算一下|算算|对账|几$"
    # asking to go over the books with someone (跟老李对一下), or for a ranking (卖得最好)
    r"|对一下|对一对|对下|核对|对(?:一下|下|一对|对|个)?[账帐]|大客户|排名|排行|最(?:多|好|高|快|赚|挣|火|畅销|受欢迎)"
    r"|前[三五十]名"
)
# Cantonese-speaking vendors' question words, read as their Mandarin (卖咗几多 = 卖了多少);
# in south-western speech 好多钱 asks 多少钱 (a statement of "a lot" records nothing anyway).
_DIALECT = (("几多", "多少"), ("咗", "了"), ("边个", "谁"), ("边位", "哪位"), ("边家", "哪家"),
            ("仲欠", "还欠"), ("好多钱", "多少钱"),
            # 粤 使咗 (spent); 川渝 花了好多 asks how much; 该他 is 欠他
            ("使了", "花了"), ("花了好多", "花了多少"), ("该他", "欠他"), ("该她", "欠她"))
_CONTAINER_RE = "|".join(sorted(CONTAINERS, key=len, reverse=True))
# Words asking what is still out with customers (还有多少筐, 手上有我几个桶).
_OUTSTANDING = r"还有|外面|没回来|没还|还剩|手上|手里|借|欠|多少个|几个"
# Going over one counterparty's books: 对账(单), 跟X对一下, 和X核对, 跟X算算账.
_STATEMENT = (
    r"对(?:一下|下|一对|对|个)?[账帐]|[账帐].{0,6}(?:对一下|对一对|对下|对对|核对|对清)|核对"
    r"|(?:跟|和|同|与).{1,10}(?:对一下|对一对|对下|对对|算.{0,2}账)|对(?:一下|下|一对).*账"
)
# A ranking of sales (卖得最好, 销量最高, 排行): of customers when it asks who.
_RANKING = (
    r"最(?:多|好|高|快|大|火|畅销|受欢迎|好卖|能卖|赚|挣)|畅销|好卖|排名|排行|前[三五十]名?"
    r"|大客户|大户|卖得(?:好|快|多)|走得(?:好|快)"
)
# 谁欠我最多 asks a balance, not a ranking of sales.
_NOT_OWED = r"^(?!.*(?:欠|应收|应付|没结|没还))(?:.*?)"
_WHO = (r"谁|客户|客人|顾客|买家|主顾|大户|哪家|哪位"
        r"|哪(?:个|几个|些|几位|几家)(?:人|老板|店|饭店|客)")
# What spoiled, died, broke, was stolen or thrown away (GUIDE type loss); 亏了多少货 is
# goods lost, a bare 亏了 is the net.
_LOSS = (
    r"损耗|损失|报损|货损|报废|损坏|被偷|偷了|碎了|打碎|蔫了|过期"
    # a spoken pause may stand between (坏了，多少)
    r"|(?:坏|烂|死|扔|丢|蔫)(?!账)(?:了|掉|的)?，?(?:多少|几|的|掉|有)|亏了?(?:多少|几.?)?货"
)
# What I owe: 我欠, 欠他/欠供货商, 该给X, 应付, 从X那赊的 (the debt runs my way).
_PAYABLE = (
    # 我 as the one who owes, not the one owed (老陈还差我多少没给)
    r"(?<![差欠给还])(?:我|咱|俺)(?:们家|们|家)?(?:还|一共|总共|现在)?(?:欠|差)"
    r"|(?<![差欠给还])(?:我|咱|俺)(?:们)?还?有?多少(?:钱)?没(?:结|给|付)"
    r"|欠(?:着|了)?(?:他|她|人家|别人|供|上家|厂家|老板)"
    # 老王该给我多少 is his debt to me: the giving must not be to me
    r"|(?:该给|应该给|要给|得给|还得给|该付|要付|得付)(?!我|咱|俺)|应付|供货商|供应商|上家|厂家"
    r"|(?:要|得|该)还给(?!我)|从.{1,8}赊|赊.{0,2}(?:来|进)的|进.{0,6}(?:没结|没给|没付)|(?:没给|没付)(?:他|她|人家)"
)
_METRICS: tuple[tuple[Metric, re.Pattern[str]], ...] = (
    ("statement", re.compile(_STATEMENT)),
    ("loss", re.compile(_LOSS)),
    ("containers", re.compile(
        r"(?:" + _CONTAINER_RE + r"|箱).*(?:" + _OUTSTANDING + r"|在.{0,4}那|收回|剩)"
        r"|(?:" + _OUTSTANDING + r").*(?:" + _CONTAINER_RE + r")"
    )),
    ("top_customers", re.compile(_NOT_OWED + r"(?:(?:" + _RANKING + r").*(?:" + _WHO
                                 + r")|(?:" + _WHO + r").*(?:" + _RANKING + r")|大客户|大户)")),
    ("top_products", re.compile(_NOT_OWED + r"(?:" + _RANKING + r")")),
    ("count", re.compile(r"几笔|几条|几单|几次|多少笔|多少条|多少单|多少次|笔数|单数")),
    ("payable", re.compile(_PAYABLE)),
    ("receivable", re.compile(
        r"欠|应收|没结|未结|没收回|没收|还差|没还|赊|没给|坏账|呆账"
        r"|(?:该给|应该给|要给|得给|该付|要付|得付)(?:我|咱|俺)"
    )),
    ("list", re.compile(r"明细|流水|列出|列一下|列个|清单|记录|哪些|哪几|都记了|账单")),
    ("net", re.compile(r"赚|挣|利润|净|盈利|亏|赔|除去成本|扣掉|毛利|纯收入")),
    # a fee, wage or rent asked about is money out (GUIDE category): 工资发了多少
    ("expense", re.compile(r"花|支出|付出|开销|花销|成本|进货|采购|买|付了|交了|进了|进(?!账)"
                           r"|工资|工钱|房租|租金|水电|电费|运费|摊位费|管理费|装卸费|油钱")),
    ("income", re.compile(
        r"卖|收入|营业额|进账|收了|销售|营收|入账|收到|卖出|生意|拿了?(?:多少|几)"
    )),
    ("list", re.compile(r"看看|看一下|看下|发我|给我看|查一下|查查|查下")),
)


def question_metric(text: str) -> Metric | None:
    """The metric a question asks for, or None when the text is not a question on the books."""
    for said, plain in _DIALECT:
        text = text.replace(said, plain)
    if not _QUESTION_RE.search(text):
        return None
    for metric, regex in _METRICS:
        if regex.search(text):
            return metric
    return None
