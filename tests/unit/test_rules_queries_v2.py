# ruff: noqa: E501  (one labelled message a line reads better than wrapped JSON)
"""Version-2 questions and intents in other voices than the shared dev set: fish, meat,
tofu, eggs and fruit stalls; northern and southern speech (俺, 咱, 昨儿个; Cantonese 几多,
咗, 边个, 琴日); keyboard and speech-recogniser slips (帐 for 账, 比 for 笔, fillers,
spaces). Written for these rules, graded like score.py.

Ref day 2026-05-20 is a Wednesday: this week is 05-18..05-20, last week 05-11..05-17."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from chains.rules import extract
from chains.schemas import ExtractContext, Intent
from tests.unit.graded import assert_matches_gold

CASES = [json.loads(line) for line in """
{"ref_date": "2026-05-20", "text": "我还欠卖鱼的老黄多少钱", "gold": {"intent": "query", "query": {"metric": "payable", "start": null, "end": "2026-05-20", "users": ["老黄"], "product": null}}}
{"ref_date": "2026-05-20", "text": "上个月从批发市场陈老板那赊的货还欠多少", "gold": {"intent": "query", "query": {"metric": "payable", "start": "2026-04-01", "end": "2026-04-30", "users": ["陈老板"], "product": null}}}
{"ref_date": "2026-05-20", "text": "咱还欠人家供货的多少钱", "gold": {"intent": "query", "query": {"metric": "payable", "start": null, "end": "2026-05-20", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "俺欠老马多少货款", "gold": {"intent": "query", "query": {"metric": "payable", "start": null, "end": "2026-05-20", "users": ["老马"], "product": null}}}
{"ref_date": "2026-05-20", "text": "这个月进货还有多少没付给老周", "gold": {"intent": "query", "query": {"metric": "payable", "start": "2026-05-01", "end": "2026-05-20", "users": ["老周"], "product": null}}}
{"ref_date": "2026-05-20", "text": "应付账款一共多少", "gold": {"intent": "query", "query": {"metric": "payable", "start": null, "end": "2026-05-20", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "还要给豆腐坊老刘多少钱", "gold": {"intent": "query", "query": {"metric": "payable", "start": null, "end": "2026-05-20", "users": ["豆腐坊老刘"], "product": null}}}
{"ref_date": "2026-05-20", "text": "这礼拜烂掉多少西红柿", "gold": {"intent": "query", "query": {"metric": "loss", "start": "2026-05-18", "end": "2026-05-20", "users": [], "product": "西红柿"}}}
{"ref_date": "2026-05-20", "text": "上个月虾死了多少", "gold": {"intent": "query", "query": {"metric": "loss", "start": "2026-04-01", "end": "2026-04-30", "users": [], "product": "虾"}}}
{"ref_date": "2026-05-20", "text": "今年一共损失了多少钱", "gold": {"intent": "query", "query": {"metric": "loss", "start": "2026-01-01", "end": "2026-05-20", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "鸡蛋这个月打碎了多少", "gold": {"intent": "query", "query": {"metric": "loss", "start": "2026-05-01", "end": "2026-05-20", "users": [], "product": "鸡蛋"}}}
{"ref_date": "2026-05-20", "text": "报损的有多少", "gold": {"intent": "query", "query": {"metric": "loss", "start": null, "end": "2026-05-20", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "损耗一共多少", "gold": {"intent": "query", "query": {"metric": "loss", "start": null, "end": "2026-05-20", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "昨天坏了几箱苹果", "gold": {"intent": "query", "query": {"metric": "loss", "start": "2026-05-19", "end": "2026-05-19", "users": [], "product": "苹果"}}}
{"ref_date": "2026-05-20", "text": "跟饭店王经理对一下这个月的账", "gold": {"intent": "query", "query": {"metric": "statement", "start": "2026-05-01", "end": "2026-05-20", "users": ["饭店王经理"], "product": null}}}
{"ref_date": "2026-05-20", "text": "把卖肉的老刘的对账单发我", "gold": {"intent": "query", "query": {"metric": "statement", "start": null, "end": "2026-05-20", "users": ["老刘"], "product": null}}}
{"ref_date": "2026-05-20", "text": "和阿芬核对一下上周的账", "gold": {"intent": "query", "query": {"metric": "statement", "start": "2026-05-11", "end": "2026-05-17", "users": ["阿芬"], "product": null}}}
{"ref_date": "2026-05-20", "text": "我想跟老陈算算账", "gold": {"intent": "query", "query": {"metric": "statement", "start": null, "end": "2026-05-20", "users": ["老陈"], "product": null}}}
{"ref_date": "2026-05-20", "text": "给我出一份张姐的对账单", "gold": {"intent": "query", "query": {"metric": "statement", "start": null, "end": "2026-05-20", "users": ["张姐"], "product": null}}}
{"ref_date": "2026-05-20", "text": "跟小周对下账", "gold": {"intent": "query", "query": {"metric": "statement", "start": null, "end": "2026-05-20", "users": ["小周"], "product": null}}}
{"ref_date": "2026-05-20", "text": "对一下和李哥上个月的账目", "gold": {"intent": "query", "query": {"metric": "statement", "start": "2026-04-01", "end": "2026-04-30", "users": ["李哥"], "product": null}}}
{"ref_date": "2026-05-20", "text": "跟老李对一下帐", "gold": {"intent": "query", "query": {"metric": "statement", "start": null, "end": "2026-05-20", "users": ["老李"], "product": null}}}
{"ref_date": "2026-05-20", "text": "这个礼拜啥卖得最好", "gold": {"intent": "query", "query": {"metric": "top_products", "start": "2026-05-18", "end": "2026-05-20", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "上个月哪样菜卖得最多", "gold": {"intent": "query", "query": {"metric": "top_products", "start": "2026-04-01", "end": "2026-04-30", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "今年什么水果最好卖", "gold": {"intent": "query", "query": {"metric": "top_products", "start": "2026-01-01", "end": "2026-05-20", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "最近哪个品种最挣钱", "gold": {"intent": "query", "query": {"metric": "top_products", "start": null, "end": "2026-05-20", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "这周销量最高的是哪个", "gold": {"intent": "query", "query": {"metric": "top_products", "start": "2026-05-18", "end": "2026-05-20", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "昨天卖的最多的是什么", "gold": {"intent": "query", "query": {"metric": "top_products", "start": "2026-05-19", "end": "2026-05-19", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "这个月谁拿货最多", "gold": {"intent": "query", "query": {"metric": "top_customers", "start": "2026-05-01", "end": "2026-05-20", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "上个月哪个客户买得最多", "gold": {"intent": "query", "query": {"metric": "top_customers", "start": "2026-04-01", "end": "2026-04-30", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "我的大客户都有谁", "gold": {"intent": "query", "query": {"metric": "top_customers", "start": null, "end": "2026-05-20", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "今年买我东西最多的是哪家", "gold": {"intent": "query", "query": {"metric": "top_customers", "start": "2026-01-01", "end": "2026-05-20", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "上周哪几个老板拿得最多", "gold": {"intent": "query", "query": {"metric": "top_customers", "start": "2026-05-11", "end": "2026-05-17", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "前天收了多少钱", "gold": {"intent": "query", "query": {"metric": "income", "start": "2026-05-18", "end": "2026-05-18", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "3号进了多少货", "gold": {"intent": "query", "query": {"metric": "expense", "start": "2026-05-03", "end": "2026-05-03", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "上周三卖了多少鱼", "gold": {"intent": "query", "query": {"metric": "income", "start": "2026-05-13", "end": "2026-05-13", "users": [], "product": "鱼"}}}
{"ref_date": "2026-05-20", "text": "今年到现在赚了多少", "gold": {"intent": "query", "query": {"metric": "net", "start": "2026-01-01", "end": "2026-05-20", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "上礼拜五卖给阿强多少钱", "gold": {"intent": "query", "query": {"metric": "income", "start": "2026-05-15", "end": "2026-05-15", "users": ["阿强"], "product": null}}}
{"ref_date": "2026-05-20", "text": "老黄那边还有多少钱没给我", "gold": {"intent": "query", "query": {"metric": "receivable", "start": null, "end": "2026-05-20", "users": ["老黄"], "product": null}}}
{"ref_date": "2026-05-20", "text": "欠我钱的都有谁", "gold": {"intent": "query", "query": {"metric": "receivable", "start": null, "end": "2026-05-20", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "老李那还有我几个周转箱", "gold": {"intent": "query", "query": {"metric": "containers", "start": null, "end": "2026-05-20", "users": ["老李"], "product": null}}}
{"ref_date": "2026-05-20", "text": "昨儿个卖给王婶的豆腐钱记错了，应该是八十五", "gold": {"intent": "edit"}}
{"ref_date": "2026-05-20", "text": "上周五老马那单改一下，数量是五十斤", "gold": {"intent": "edit"}}
{"ref_date": "2026-05-20", "text": "前天那笔运费不是两百是两百五", "gold": {"intent": "edit"}}
{"ref_date": "2026-05-20", "text": "把3号老陈的鸡蛋单价改成四块二", "gold": {"intent": "edit"}}
{"ref_date": "2026-05-20", "text": "昨天记的那笔鲈鱼应该是三十斤", "gold": {"intent": "edit"}}
{"ref_date": "2026-05-20", "text": "上个月15号阿强那笔金额改成一千八", "gold": {"intent": "edit"}}
{"ref_date": "2026-05-20", "text": "把2800那笔改成2600", "gold": {"intent": "edit"}}
{"ref_date": "2026-05-20", "text": "昨天卖给小芳的橘子价钱是三块五", "gold": {"intent": "edit"}}
{"ref_date": "2026-05-20", "text": "把昨儿老马那笔删掉", "gold": {"intent": "delete"}}
{"ref_date": "2026-05-20", "text": "上周一那条房租记重了，删了吧", "gold": {"intent": "delete"}}
{"ref_date": "2026-05-20", "text": "3号卖给小周的那单不要了", "gold": {"intent": "delete"}}
{"ref_date": "2026-05-20", "text": "老王前天那笔作废", "gold": {"intent": "delete"}}
{"ref_date": "2026-05-20", "text": "把五百块那笔删了", "gold": {"intent": "delete"}}
{"ref_date": "2026-05-20", "text": "把张姐昨天的账删一下", "gold": {"intent": "delete"}}
{"ref_date": "2026-05-20", "text": "撤回刚才那条", "gold": {"intent": "undo"}}
{"ref_date": "2026-05-20", "text": "最后一笔删了", "gold": {"intent": "undo"}}
{"ref_date": "2026-05-20", "text": "删了吧", "gold": {"intent": "undo"}}
{"ref_date": "2026-05-20", "text": "把账本全部清空", "gold": {"intent": "other"}}
{"ref_date": "2026-05-20", "text": "老李的欠账一笔勾销", "gold": {"intent": "other"}}
{"ref_date": "2026-05-20", "text": "把我的所有记录都删掉", "gold": {"intent": "other"}}
{"ref_date": "2026-05-20", "text": "以后单价都按三块算", "gold": {"intent": "other"}}
{"ref_date": "2026-05-20", "text": "怎么改账", "gold": {"intent": "other"}}
{"ref_date": "2026-05-20", "text": "能删记录吗", "gold": {"intent": "other"}}
{"ref_date": "2026-05-20", "text": "不对，是三十斤", "gold": {"intent": "correct"}}
{"ref_date": "2026-05-20", "text": "错了，单价是四块", "gold": {"intent": "correct"}}
{"ref_date": "2026-05-20", "text": "名字不对，是老黄", "gold": {"intent": "correct"}}
{"ref_date": "2026-05-20", "text": "对的对的", "gold": {"intent": "confirm"}}
{"ref_date": "2026-05-20", "text": "这笔不要了", "gold": {"intent": "cancel"}}
{"ref_date": "2026-05-20", "text": "老李那比删了", "gold": {"intent": "delete"}}
{"ref_date": "2026-05-20", "text": "这个月跟饭店王经理那边的账对一对", "gold": {"intent": "query", "query": {"metric": "statement", "start": "2026-05-01", "end": "2026-05-20", "users": ["饭店王经理"], "product": null}}}
{"ref_date": "2026-05-20", "text": "老李的账单对一下", "gold": {"intent": "query", "query": {"metric": "statement", "start": null, "end": "2026-05-20", "users": ["老李"], "product": null}}}
{"ref_date": "2026-05-20", "text": "上个月欠上家多少钱", "gold": {"intent": "query", "query": {"metric": "payable", "start": "2026-04-01", "end": "2026-04-30", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "欠厂家的货款还有多少", "gold": {"intent": "query", "query": {"metric": "payable", "start": null, "end": "2026-05-20", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "我该付给老赵多少", "gold": {"intent": "query", "query": {"metric": "payable", "start": null, "end": "2026-05-20", "users": ["老赵"], "product": null}}}
{"ref_date": "2026-05-20", "text": "还有多少钱要还给老张", "gold": {"intent": "query", "query": {"metric": "payable", "start": null, "end": "2026-05-20", "users": ["老张"], "product": null}}}
{"ref_date": "2026-05-20", "text": "这周菜烂了多少斤", "gold": {"intent": "query", "query": {"metric": "loss", "start": "2026-05-18", "end": "2026-05-20", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "这个月鱼死了几条", "gold": {"intent": "query", "query": {"metric": "loss", "start": "2026-05-01", "end": "2026-05-20", "users": [], "product": "鱼"}}}
{"ref_date": "2026-05-20", "text": "上周扔了多少菜", "gold": {"intent": "query", "query": {"metric": "loss", "start": "2026-05-11", "end": "2026-05-17", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "今年被偷了多少东西", "gold": {"intent": "query", "query": {"metric": "loss", "start": "2026-01-01", "end": "2026-05-20", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "哪种花这个月卖得最火", "gold": {"intent": "query", "query": {"metric": "top_products", "start": "2026-05-01", "end": "2026-05-20", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "卖得最好的三个品种", "gold": {"intent": "query", "query": {"metric": "top_products", "start": null, "end": "2026-05-20", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "今年哪个客人在我这买得最多", "gold": {"intent": "query", "query": {"metric": "top_customers", "start": "2026-01-01", "end": "2026-05-20", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "老客户里谁拿货最多", "gold": {"intent": "query", "query": {"metric": "top_customers", "start": null, "end": "2026-05-20", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "本月销售排行", "gold": {"intent": "query", "query": {"metric": "top_products", "start": "2026-05-01", "end": "2026-05-20", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "客户排名", "gold": {"intent": "query", "query": {"metric": "top_customers", "start": null, "end": "2026-05-20", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "这个月前三名的客户", "gold": {"intent": "query", "query": {"metric": "top_customers", "start": "2026-05-01", "end": "2026-05-20", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "谁欠我最多", "gold": {"intent": "query", "query": {"metric": "receivable", "start": null, "end": "2026-05-20", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "我欠谁最多", "gold": {"intent": "query", "query": {"metric": "payable", "start": null, "end": "2026-05-20", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "给老李对一下账", "gold": {"intent": "query", "query": {"metric": "statement", "start": null, "end": "2026-05-20", "users": ["老李"], "product": null}}}
{"ref_date": "2026-05-20", "text": "老李的对账单", "gold": {"intent": "query", "query": {"metric": "statement", "start": null, "end": "2026-05-20", "users": ["老李"], "product": null}}}
{"ref_date": "2026-05-20", "text": "对账", "gold": {"intent": "query", "query": {"metric": "statement", "start": null, "end": "2026-05-20", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "把上周跟阿强的账对一下", "gold": {"intent": "query", "query": {"metric": "statement", "start": "2026-05-11", "end": "2026-05-17", "users": ["阿强"], "product": null}}}
{"ref_date": "2026-05-20", "text": "3号老李拿了多少货", "gold": {"intent": "query", "query": {"metric": "income", "start": "2026-05-03", "end": "2026-05-03", "users": ["老李"], "product": null}}}
{"ref_date": "2026-05-20", "text": "上周三进货花了多少", "gold": {"intent": "query", "query": {"metric": "expense", "start": "2026-05-13", "end": "2026-05-13", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "前天赚了多少", "gold": {"intent": "query", "query": {"metric": "net", "start": "2026-05-18", "end": "2026-05-18", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "昨天那张单子作废", "gold": {"intent": "delete"}}
{"ref_date": "2026-05-20", "text": "删除前天的那笔进货", "gold": {"intent": "delete"}}
{"ref_date": "2026-05-20", "text": "把上周六卖给刘姐的那单撤销", "gold": {"intent": "delete"}}
{"ref_date": "2026-05-20", "text": "老李那笔记错了，帮我删了", "gold": {"intent": "delete"}}
{"ref_date": "2026-05-20", "text": "把那笔三百的删掉", "gold": {"intent": "delete"}}
{"ref_date": "2026-05-20", "text": "前天老张的那笔账改一下", "gold": {"intent": "edit"}}
{"ref_date": "2026-05-20", "text": "上周卖给阿强的20箱苹果，改成25箱", "gold": {"intent": "edit"}}
{"ref_date": "2026-05-20", "text": "这个月3号的房租应该是两千五", "gold": {"intent": "edit"}}
{"ref_date": "2026-05-20", "text": "昨天记错了一笔，老李买的是30斤不是20斤", "gold": {"intent": "edit"}}
{"ref_date": "2026-05-20", "text": "刚才那笔改成三百", "gold": {"intent": "edit"}}
{"ref_date": "2026-05-20", "text": "把今天早上那笔删了", "gold": {"intent": "delete"}}
{"ref_date": "2026-05-20", "text": "重新记一下昨天的", "gold": {"intent": "edit"}}
{"ref_date": "2026-05-20", "text": "撤销昨天的记录", "gold": {"intent": "delete"}}
{"ref_date": "2026-05-20", "text": "这笔删了", "gold": {"intent": "undo"}}
{"ref_date": "2026-05-20", "text": "全删了吧", "gold": {"intent": "other"}}
{"ref_date": "2026-05-20", "text": "帮我把规则改一下", "gold": {"intent": "other"}}
{"ref_date": "2026-05-20", "text": "从3号到现在卖了多少", "gold": {"intent": "query", "query": {"metric": "income", "start": "2026-05-03", "end": "2026-05-20", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "上个月到现在赚了多少", "gold": {"intent": "query", "query": {"metric": "net", "start": "2026-04-01", "end": "2026-05-20", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "年初到现在一共卖了多少", "gold": {"intent": "query", "query": {"metric": "income", "start": "2026-01-01", "end": "2026-05-20", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "我们家欠菜场老王多少", "gold": {"intent": "query", "query": {"metric": "payable", "start": null, "end": "2026-05-20", "users": ["老王"], "product": null}}}
{"ref_date": "2026-05-20", "text": "老李那笔别记了", "gold": {"intent": "delete"}}
{"ref_date": "2026-05-20", "text": "那笔删了", "gold": {"intent": "undo"}}
{"ref_date": "2026-05-20", "text": "我想删除一笔记录", "gold": {"intent": "other"}}
{"ref_date": "2026-05-20", "text": "这礼拜一共欠了供货的多少", "gold": {"intent": "query", "query": {"metric": "payable", "start": "2026-05-18", "end": "2026-05-20", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "上个月进的货还有多少没给钱", "gold": {"intent": "query", "query": {"metric": "payable", "start": "2026-04-01", "end": "2026-04-30", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "老板我欠你多少钱", "gold": {"intent": "query", "query": {"metric": "payable", "start": null, "end": "2026-05-20", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "这个月的货损有多少", "gold": {"intent": "query", "query": {"metric": "loss", "start": "2026-05-01", "end": "2026-05-20", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "前天蔫掉多少菜", "gold": {"intent": "query", "query": {"metric": "loss", "start": "2026-05-18", "end": "2026-05-18", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "今年过期扔掉的有多少", "gold": {"intent": "query", "query": {"metric": "loss", "start": "2026-01-01", "end": "2026-05-20", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "坏账有多少", "gold": {"intent": "query", "query": {"metric": "receivable", "start": null, "end": "2026-05-20", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "和老杨对对账", "gold": {"intent": "query", "query": {"metric": "statement", "start": null, "end": "2026-05-20", "users": ["老杨"], "product": null}}}
{"ref_date": "2026-05-20", "text": "上周跟卖菜的小郑的账核对一下", "gold": {"intent": "query", "query": {"metric": "statement", "start": "2026-05-11", "end": "2026-05-17", "users": ["小郑"], "product": null}}}
{"ref_date": "2026-05-20", "text": "帮我把阿珍这个月的对账单拉出来", "gold": {"intent": "query", "query": {"metric": "statement", "start": "2026-05-01", "end": "2026-05-20", "users": ["阿珍"], "product": null}}}
{"ref_date": "2026-05-20", "text": "哪几样货走得最快", "gold": {"intent": "query", "query": {"metric": "top_products", "start": null, "end": "2026-05-20", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "这个月销量前三的是哪些", "gold": {"intent": "query", "query": {"metric": "top_products", "start": "2026-05-01", "end": "2026-05-20", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "今年买得最多的客户是谁", "gold": {"intent": "query", "query": {"metric": "top_customers", "start": "2026-01-01", "end": "2026-05-20", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "上个月哪位老板进货最多", "gold": {"intent": "query", "query": {"metric": "top_customers", "start": "2026-04-01", "end": "2026-04-30", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "昨个卖了多少钱", "gold": {"intent": "query", "query": {"metric": "income", "start": "2026-05-19", "end": "2026-05-19", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "星期一卖了多少", "gold": {"intent": "query", "query": {"metric": "income", "start": "2026-05-18", "end": "2026-05-18", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "礼拜天进了多少货", "gold": {"intent": "query", "query": {"metric": "expense", "start": "2026-05-17", "end": "2026-05-17", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "上礼拜天赚了多少", "gold": {"intent": "query", "query": {"metric": "net", "start": "2026-05-17", "end": "2026-05-17", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "昨天卖给老李的黄瓜改成五十斤", "gold": {"intent": "edit"}}
{"ref_date": "2026-05-20", "text": "老黄前天那单钱数不对，是六百", "gold": {"intent": "edit"}}
{"ref_date": "2026-05-20", "text": "把三号那笔房租改成两千", "gold": {"intent": "edit"}}
{"ref_date": "2026-05-20", "text": "昨天下午那笔改一下金额，一千二", "gold": {"intent": "edit"}}
{"ref_date": "2026-05-20", "text": "大前天卖给阿梅的那单删了吧", "gold": {"intent": "delete"}}
{"ref_date": "2026-05-20", "text": "上礼拜三记的那条运费给我删掉", "gold": {"intent": "delete"}}
{"ref_date": "2026-05-20", "text": "撤销前天那笔", "gold": {"intent": "delete"}}
{"ref_date": "2026-05-20", "text": "昨天老王那个三百块的删了", "gold": {"intent": "delete"}}
{"ref_date": "2026-05-20", "text": "不对 是卖了四十斤", "gold": {"intent": "correct"}}
{"ref_date": "2026-05-20", "text": "价格不对，应该两块八一斤", "gold": {"intent": "correct"}}
{"ref_date": "2026-05-20", "text": "是小李不是小王", "gold": {"intent": "correct"}}
{"ref_date": "2026-05-20", "text": "删了删了", "gold": {"intent": "undo"}}
{"ref_date": "2026-05-20", "text": "撤回", "gold": {"intent": "undo"}}
{"ref_date": "2026-05-20", "text": "好的就这样", "gold": {"intent": "confirm"}}
{"ref_date": "2026-05-20", "text": "不记了不记了", "gold": {"intent": "cancel"}}
{"ref_date": "2026-05-20", "text": "把欠款都清掉", "gold": {"intent": "other"}}
{"ref_date": "2026-05-20", "text": "你是谁", "gold": {"intent": "other"}}
{"ref_date": "2026-05-20", "text": "把李姐的账全部作废", "gold": {"intent": "other"}}
{"ref_date": "2026-05-20", "text": "对面老王的账还有多少没结", "gold": {"intent": "query", "query": {"metric": "receivable", "start": null, "end": "2026-05-20", "users": ["老王"], "product": null}}}
{"ref_date": "2026-05-20", "text": "今天生意怎么样", "gold": {"intent": "query", "query": {"metric": "income", "start": "2026-05-20", "end": "2026-05-20", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "上个月工资发了多少", "gold": {"intent": "query", "query": {"metric": "expense", "start": "2026-04-01", "end": "2026-04-30", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "对面水果店这个月拿了多少货", "gold": {"intent": "query", "query": {"metric": "income", "start": "2026-05-01", "end": "2026-05-20", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "老李这个月买了多少", "gold": {"intent": "query", "query": {"metric": "income", "start": "2026-05-01", "end": "2026-05-20", "users": ["老李"], "product": null}}}
{"ref_date": "2026-05-20", "text": "欠我钱最多的是谁", "gold": {"intent": "query", "query": {"metric": "receivable", "start": null, "end": "2026-05-20", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "哪些人还欠我钱", "gold": {"intent": "query", "query": {"metric": "receivable", "start": null, "end": "2026-05-20", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "这周运费花了多少", "gold": {"intent": "query", "query": {"metric": "expense", "start": "2026-05-18", "end": "2026-05-20", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "取消昨天老李那笔", "gold": {"intent": "delete"}}
{"ref_date": "2026-05-20", "text": "撤销昨天的", "gold": {"intent": "delete"}}
{"ref_date": "2026-05-20", "text": "昨天老李那笔记重了", "gold": {"intent": "delete"}}
{"ref_date": "2026-05-20", "text": "前天的运费重复记了", "gold": {"intent": "delete"}}
{"ref_date": "2026-05-20", "text": "昨天多记了一笔", "gold": {"intent": "delete"}}
{"ref_date": "2026-05-20", "text": "取消", "gold": {"intent": "cancel"}}
{"ref_date": "2026-05-20", "text": "算了不记了", "gold": {"intent": "cancel"}}
{"ref_date": "2026-05-20", "text": "撤销上一笔", "gold": {"intent": "undo"}}
{"ref_date": "2026-05-20", "text": "嗯那个跟老李对一下账吧", "gold": {"intent": "query", "query": {"metric": "statement", "start": null, "end": "2026-05-20", "users": ["老李"], "product": null}}}
{"ref_date": "2026-05-20", "text": "呃我欠老张多少来着", "gold": {"intent": "query", "query": {"metric": "payable", "start": null, "end": "2026-05-20", "users": ["老张"], "product": null}}}
{"ref_date": "2026-05-20", "text": "那个那个上个月哪个卖的最好啊", "gold": {"intent": "query", "query": {"metric": "top_products", "start": "2026-04-01", "end": "2026-04-30", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "嗯 上礼拜 坏了 多少 菜", "gold": {"intent": "query", "query": {"metric": "loss", "start": "2026-05-11", "end": "2026-05-17", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "这个月 谁 买得 最多", "gold": {"intent": "query", "query": {"metric": "top_customers", "start": "2026-05-01", "end": "2026-05-20", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "跟 张姐 对个账", "gold": {"intent": "query", "query": {"metric": "statement", "start": null, "end": "2026-05-20", "users": ["张姐"], "product": null}}}
{"ref_date": "2026-05-20", "text": "我还差老周多少钱没给", "gold": {"intent": "query", "query": {"metric": "payable", "start": null, "end": "2026-05-20", "users": ["老周"], "product": null}}}
{"ref_date": "2026-05-20", "text": "老周那边我还有多少没结", "gold": {"intent": "query", "query": {"metric": "payable", "start": null, "end": "2026-05-20", "users": ["老周"], "product": null}}}
{"ref_date": "2026-05-20", "text": "老李还差我多少", "gold": {"intent": "query", "query": {"metric": "receivable", "start": null, "end": "2026-05-20", "users": ["老李"], "product": null}}}
{"ref_date": "2026-05-20", "text": "就是昨天那个老王的单子然后改成五百", "gold": {"intent": "edit"}}
{"ref_date": "2026-05-20", "text": "老李那笔那个删了吧", "gold": {"intent": "delete"}}
{"ref_date": "2026-05-20", "text": "老李这个月拿了多少斤五花肉", "gold": {"intent": "query", "query": {"metric": "income", "start": "2026-05-01", "end": "2026-05-20", "users": ["老李"], "product": "五花肉"}}}
{"ref_date": "2026-05-20", "text": "昨天豆腐卖了几板", "gold": {"intent": "query", "query": {"metric": "income", "start": "2026-05-19", "end": "2026-05-19", "users": [], "product": "豆腐"}}}
{"ref_date": "2026-05-20", "text": "今年花生卖了多少", "gold": {"intent": "query", "query": {"metric": "income", "start": "2026-01-01", "end": "2026-05-20", "users": [], "product": "花生"}}}
{"ref_date": "2026-05-20", "text": "把玫瑰那笔删了", "gold": {"intent": "delete"}}
{"ref_date": "2026-05-20", "text": "运费那笔删掉", "gold": {"intent": "delete"}}
{"ref_date": "2026-05-20", "text": "交了水电费那条删了", "gold": {"intent": "delete"}}
{"ref_date": "2026-05-20", "text": "前天改成昨天", "gold": {"intent": "correct"}}
{"ref_date": "2026-05-20", "text": "把那笔删了", "gold": {"intent": "undo"}}
{"ref_date": "2026-05-20", "text": "谁手上的筐最多", "gold": {"intent": "query", "query": {"metric": "containers", "start": null, "end": "2026-05-20", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "这个月坏了几个筐", "gold": {"intent": "query", "query": {"metric": "loss", "start": "2026-05-01", "end": "2026-05-20", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "损耗最大的是哪个", "gold": {"intent": "query", "query": {"metric": "loss", "start": null, "end": "2026-05-20", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "上周一到周三卖了多少", "gold": {"intent": "query", "query": {"metric": "income", "start": "2026-05-11", "end": "2026-05-13", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "上个月5号到20号花了多少", "gold": {"intent": "query", "query": {"metric": "expense", "start": "2026-04-05", "end": "2026-04-20", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "上个月28号到3号卖了多少", "gold": {"intent": "query", "query": {"metric": "income", "start": "2026-04-28", "end": "2026-05-03", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "3号到10号卖了多少", "gold": {"intent": "query", "query": {"metric": "income", "start": "2026-05-03", "end": "2026-05-10", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "今日卖咗几多钱", "gold": {"intent": "query", "query": {"metric": "income", "start": "2026-05-20", "end": "2026-05-20", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "我仲欠阿强几多钱", "gold": {"intent": "query", "query": {"metric": "payable", "start": null, "end": "2026-05-20", "users": ["阿强"], "product": null}}}
{"ref_date": "2026-05-20", "text": "琴日亏咗几多货", "gold": {"intent": "query", "query": {"metric": "loss", "start": "2026-05-19", "end": "2026-05-19", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "上个礼拜边个买得最多", "gold": {"intent": "query", "query": {"metric": "top_customers", "start": "2026-05-11", "end": "2026-05-17", "users": [], "product": null}}}
{"ref_date": "2026-05-20", "text": "琴日卖咗几多斤菜心", "gold": {"intent": "query", "query": {"metric": "income", "start": "2026-05-19", "end": "2026-05-19", "users": [], "product": "菜心"}}}
{"ref_date": "2026-05-20", "text": "昨天卖了多少斤菜心", "gold": {"intent": "query", "query": {"metric": "income", "start": "2026-05-19", "end": "2026-05-19", "users": [], "product": "菜心"}}}
{"ref_date": "2026-05-20", "text": "上个月卖了多少钱的菜心", "gold": {"intent": "query", "query": {"metric": "income", "start": "2026-04-01", "end": "2026-04-30", "users": [], "product": "菜心"}}}
{"ref_date": "2026-05-20", "text": "这周进了几箱沃柑", "gold": {"intent": "query", "query": {"metric": "expense", "start": "2026-05-18", "end": "2026-05-20", "users": [], "product": "沃柑"}}}
{"ref_date": "2026-05-20", "text": "撤销上一步", "gold": {"intent": "undo"}}
{"ref_date": "2026-05-20", "text": "上一笔不要了", "gold": {"intent": "undo"}}
""".strip().splitlines()]


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:14] for c in CASES])
def test_queries_and_intents_v2(case: dict[str, Any]) -> None:
    answer = extract(case["text"], dt.date.fromisoformat(case["ref_date"])).to_answer()
    assert_matches_gold(answer, case["gold"])


REF = dt.date(2026, 5, 20)

# Entries that share words with questions and edits (对账, 最好, 去掉, 取消) but report
# money or goods: they stay records.
RECORDS = [
    "老李说昨天拿的花不要了",
    "跟老李对完账他给了3000",
    "老李拿了最好的那批玫瑰，一共两千",
    "去掉零头收了300",
    "昨天的货去掉零头收了300",
    "昨天老李订的20箱取消了",
]


@pytest.mark.parametrize("text", RECORDS)
def test_entries_with_question_words_stay_records(text: str) -> None:
    assert extract(text, REF).intent is Intent.RECORD


def test_edit_carries_the_reference_and_the_change() -> None:
    parse = extract("把上个月28号马老板那笔的日期改成29号", REF)
    assert parse.intent is Intent.EDIT and parse.ref is not None and parse.patch is not None
    assert (parse.ref.date, parse.ref.users) == (dt.date(2026, 4, 28), ["马老板"])
    assert parse.patch.date == dt.date(2026, 4, 29)


def test_edit_reads_the_field_said_before_the_change() -> None:
    parse = extract("3号卖给小美的多肉单价改成8块", REF)
    assert parse.ref is not None and parse.patch is not None
    assert (parse.ref.date, parse.ref.users, parse.ref.product) == (
        dt.date(2026, 5, 3), ["小美"], "多肉")
    assert parse.patch.unit_price == 8 and parse.patch.amount is None


def test_delete_names_the_entry_by_amount() -> None:
    parse = extract("把老李10号那笔两千八的账删了", REF)
    assert parse.intent is Intent.DELETE and parse.ref is not None
    assert (parse.ref.date, parse.ref.users, parse.ref.amount) == (
        dt.date(2026, 5, 10), ["老李"], 2800)


@pytest.mark.parametrize(("text", "intent"), [
    ("删掉上一笔", Intent.CANCEL),  # the same words cancel the card waiting
    ("上一笔改成3000", Intent.CORRECT),  # the last one is the card on screen
    ("老李的改成3000", Intent.CORRECT),
    ("把前天老赵那笔删了", Intent.DELETE),  # a day names a saved entry all the same
    ("昨天老李那笔改成3000", Intent.EDIT),
])
def test_with_a_card_waiting(text: str, intent: Intent) -> None:
    assert extract(text, REF, ExtractContext(has_draft=True)).intent is intent


def test_a_fee_or_goods_beside_the_entry_word_names_it() -> None:
    fee = extract("3号交房租那条删除", REF).ref
    goods = extract("前天卖给老孙的那笔黄瓜删了", REF).ref
    assert fee is not None and (fee.date, fee.category) == (dt.date(2026, 5, 3), "房租")
    assert goods is not None and (goods.users, goods.product) == (["老孙"], "黄瓜")


def test_a_misbooked_difference_is_not_the_new_amount() -> None:
    parse = extract("昨天那单多记了一百", REF)
    assert parse.intent is Intent.EDIT and parse.patch is not None and parse.patch.is_empty()


@pytest.mark.parametrize(("text", "day"), [
    ("前天改成昨天", dt.date(2026, 5, 19)),  # a day and the day it changes to
    ("不是昨天的，是今天的", dt.date(2026, 5, 20)),
    ("是前天不是昨天", dt.date(2026, 5, 18)),
])
def test_a_date_correction_keeps_the_new_day(text: str, day: dt.date) -> None:
    parse = extract(text, REF)
    assert parse.intent is Intent.CORRECT and parse.patch is not None
    assert parse.patch.date == day
