# ruff: noqa: E501  (one labelled message a line reads better than wrapped JSON)
"""Messages in another voice than the shared dev set: vegetables, fruit and seafood, said
the way a speech recogniser writes them. Written for these rules, graded like score.py."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from chains.rules import extract
from tests.unit.graded import assert_matches_gold

REF = dt.date(2026, 5, 20)

CASES = [json.loads(line) for line in """
{"text": "嗯那个刚才菜市场的老刘拿了五十斤白菜然后一斤八毛", "gold": {"intent": "record", "type": "income", "users": ["老刘"], "products": [{"name": "白菜", "quantity": 50, "unit": "斤", "unit_price": 0.8}], "containers": [], "amount": 40, "date": "2026-05-20", "missing": []}}
{"text": "今天卖了三十斤土豆两块钱一斤", "gold": {"intent": "record", "type": "income", "users": [], "products": [{"name": "土豆", "quantity": 30, "unit": "斤", "unit_price": 2}], "containers": [], "amount": 60, "date": "2026-05-20", "missing": []}}
{"text": "给饭店的王老板送了二十斤西红柿 三块五一斤 钱还没给", "gold": {"intent": "record", "type": "credit", "users": ["王老板"], "products": [{"name": "西红柿", "quantity": 20, "unit": "斤", "unit_price": 3.5}], "containers": [], "amount": 70, "date": "2026-05-20", "missing": []}}
{"text": "昨天进了十箱苹果每箱八十五", "gold": {"intent": "record", "type": "expense", "users": [], "products": [{"name": "苹果", "quantity": 10, "unit": "箱", "unit_price": 85}], "containers": [], "amount": 850, "date": "2026-05-19", "missing": []}}
{"text": "阿芳买了两箱橘子一共一百二", "gold": {"intent": "record", "type": "income", "users": ["阿芳"], "products": [{"name": "橘子", "quantity": 2, "unit": "箱", "unit_price": 60}], "containers": [], "amount": 120, "date": "2026-05-20", "missing": []}}
{"text": "呃带鱼卖了二十条一条十五块", "gold": {"intent": "record", "type": "income", "users": [], "products": [{"name": "带鱼", "quantity": 20, "unit": "条", "unit_price": 15}], "containers": [], "amount": 300, "date": "2026-05-20", "missing": []}}
{"text": "从老陈那进了五十斤虾 一斤四十二", "gold": {"intent": "record", "type": "expense", "users": ["老陈"], "products": [{"name": "虾", "quantity": 50, "unit": "斤", "unit_price": 42}], "containers": [], "amount": 2100, "date": "2026-05-20", "missing": []}}
{"text": "螃蟹三十只给了张姐 她说月底结", "gold": {"intent": "record", "type": "credit", "users": ["张姐"], "products": [{"name": "螃蟹", "quantity": 30, "unit": "只", "unit_price": null}], "containers": [], "amount": null, "date": "2026-05-20", "missing": ["amount"]}}
{"text": "今天早上批发市场进了西瓜两百个，一共花了八百", "gold": {"intent": "record", "type": "expense", "users": [], "products": [{"name": "西瓜", "quantity": 200, "unit": "个", "unit_price": 4}], "containers": [], "amount": 800, "date": "2026-05-20", "missing": []}}
{"text": "老赵拿了一百来斤黄瓜 一块五一斤 钱给了", "gold": {"intent": "record", "type": "income", "users": ["老赵"], "products": [{"name": "黄瓜", "quantity": null, "unit": "斤", "unit_price": 1.5}], "containers": [], "amount": null, "date": "2026-05-20", "missing": ["amount"]}}
{"text": "卖给小孙二十箱香蕉 每箱六十 便宜他二十 收了一千一百八", "gold": {"intent": "record", "type": "income", "users": ["小孙"], "products": [{"name": "香蕉", "quantity": 20, "unit": "箱", "unit_price": 60}], "containers": [], "amount": 1180, "date": "2026-05-20", "missing": []}}
{"text": "好几袋土豆让老马拉走了 钱还没给", "gold": {"intent": "record", "type": "credit", "users": ["老马"], "products": [{"name": "土豆", "quantity": null, "unit": "袋", "unit_price": null}], "containers": [], "amount": null, "date": "2026-05-20", "missing": ["amount"]}}
{"text": "昨天那个李姐赊了十斤虾仁一斤六十", "gold": {"intent": "record", "type": "credit", "users": ["李姐"], "products": [{"name": "虾仁", "quantity": 10, "unit": "斤", "unit_price": 60}], "containers": [], "amount": 600, "date": "2026-05-19", "missing": []}}
{"text": "周大哥把上个月的菜钱结了一共两千三", "gold": {"intent": "record", "type": "settle", "users": ["周大哥"], "products": [], "containers": [], "amount": 2300, "date": "2026-05-20", "missing": []}}
{"text": "小郑借了我五个泡沫箱", "gold": {"intent": "record", "type": "borrow", "users": ["小郑"], "products": [], "containers": [{"name": "泡沫箱", "quantity": 5}], "amount": null, "date": "2026-05-20", "missing": []}}
{"text": "刘姐还回来八个筐", "gold": {"intent": "record", "type": "return", "users": ["刘姐"], "products": [], "containers": [{"name": "筐", "quantity": 8}], "amount": null, "date": "2026-05-20", "missing": []}}
{"text": "借给阿伟三千块", "gold": {"intent": "record", "type": "borrow", "users": ["阿伟"], "products": [], "containers": [], "amount": 3000, "date": "2026-05-20", "missing": []}}
{"text": "上礼拜五卖给酒店陈经理一百斤大虾 一斤五十五", "gold": {"intent": "record", "type": "income", "users": ["酒店陈经理"], "products": [{"name": "大虾", "quantity": 100, "unit": "斤", "unit_price": 55}], "containers": [], "amount": 5500, "date": "2026-05-15", "missing": []}}
{"text": "昨天收了老周一千五 是上次赊的鱼钱", "gold": {"intent": "record", "type": "settle", "users": ["老周"], "products": [], "containers": [], "amount": 1500, "date": "2026-05-19", "missing": []}}
{"text": "老周赊了五十斤猪肉一斤二十八月底结", "gold": {"intent": "record", "type": "credit", "users": ["老周"], "products": [{"name": "猪肉", "quantity": 50, "unit": "斤", "unit_price": 28}], "containers": [], "amount": 1400, "date": "2026-05-20", "missing": []}}
{"text": "早上卖给菜店老钱两百斤冬瓜一斤五毛", "gold": {"intent": "record", "type": "income", "users": ["菜店老钱"], "products": [{"name": "冬瓜", "quantity": 200, "unit": "斤", "unit_price": 0.5}], "containers": [], "amount": 100, "date": "2026-05-20", "missing": []}}
{"text": "收到老钱上个月的菜钱八百五", "gold": {"intent": "record", "type": "settle", "users": ["老钱"], "products": [], "containers": [], "amount": 850, "date": "2026-05-20", "missing": []}}
{"text": "水果店小金拿了十箱芒果一箱八十", "gold": {"intent": "record", "type": "income", "users": ["水果店小金"], "products": [{"name": "芒果", "quantity": 10, "unit": "箱", "unit_price": 80}], "containers": [], "amount": 800, "date": "2026-05-20", "missing": []}}
{"text": "付了冷库电费六百八", "gold": {"intent": "record", "type": "expense", "users": [], "products": [], "containers": [], "amount": 680, "date": "2026-05-20", "missing": []}}
{"text": "给送货的小伙子付了运费一百", "gold": {"intent": "record", "type": "expense", "users": [], "products": [], "containers": [], "amount": 100, "date": "2026-05-20", "missing": []}}
{"text": "今天零售一共卖了两千零八十块", "gold": {"intent": "record", "type": "income", "users": [], "products": [], "containers": [], "amount": 2080, "date": "2026-05-20", "missing": []}}
{"text": "进了二十斤生姜和十斤大蒜，生姜六块一斤，大蒜八块一斤", "gold": {"intent": "record", "type": "expense", "users": [], "products": [{"name": "生姜", "quantity": 20, "unit": "斤", "unit_price": 6}, {"name": "大蒜", "quantity": 10, "unit": "斤", "unit_price": 8}], "containers": [], "amount": 200, "date": "2026-05-20", "missing": []}}
{"text": "老王要了五箱车厘子和三箱芒果一共一千五", "gold": {"intent": "record", "type": "income", "users": ["老王"], "products": [{"name": "车厘子", "quantity": 5, "unit": "箱", "unit_price": null}, {"name": "芒果", "quantity": 3, "unit": "箱", "unit_price": null}], "containers": [], "amount": 1500, "date": "2026-05-20", "missing": []}}
{"text": "嗯卖了五十个菠萝一个十块", "gold": {"intent": "record", "type": "income", "users": [], "products": [{"name": "菠萝", "quantity": 50, "unit": "个", "unit_price": 10}], "containers": [], "amount": 500, "date": "2026-05-20", "missing": []}}
{"text": "带鱼十条黄鱼八条给了老吴 一共三百六", "gold": {"intent": "record", "type": "income", "users": ["老吴"], "products": [{"name": "带鱼", "quantity": 10, "unit": "条", "unit_price": null}, {"name": "黄鱼", "quantity": 8, "unit": "条", "unit_price": null}], "containers": [], "amount": 360, "date": "2026-05-20", "missing": []}}
{"text": "韭菜卖了一百把 一把两块", "gold": {"intent": "record", "type": "income", "users": [], "products": [{"name": "韭菜", "quantity": 100, "unit": "把", "unit_price": 2}], "containers": [], "amount": 200, "date": "2026-05-20", "missing": []}}
{"text": "那个小芳把借的两百块钱还我了", "gold": {"intent": "record", "type": "return", "users": ["小芳"], "products": [], "containers": [], "amount": 200, "date": "2026-05-20", "missing": []}}
{"text": "老杨拿走了十个周转箱", "gold": {"intent": "record", "type": "borrow", "users": ["老杨"], "products": [], "containers": [{"name": "周转箱", "quantity": 10}], "amount": null, "date": "2026-05-20", "missing": []}}
{"text": "3号卖给老林的三十斤鲈鱼还没记 一斤二十八", "gold": {"intent": "record", "type": "income", "users": ["老林"], "products": [{"name": "鲈鱼", "quantity": 30, "unit": "斤", "unit_price": 28}], "containers": [], "amount": 840, "date": "2026-05-03", "missing": []}}
{"text": "大前天老何赊了二十斤牛肉", "gold": {"intent": "record", "type": "credit", "users": ["老何"], "products": [{"name": "牛肉", "quantity": 20, "unit": "斤", "unit_price": null}], "containers": [], "amount": null, "date": "2026-05-17", "missing": ["amount"]}}
{"text": "今天收到欠款三千二", "gold": {"intent": "record", "type": "settle", "users": [], "products": [], "containers": [], "amount": 3200, "date": "2026-05-20", "missing": ["users"]}}
{"text": "买了两捆塑料袋一捆三十五", "gold": {"intent": "record", "type": "expense", "users": [], "products": [{"name": "塑料袋", "quantity": 2, "unit": "捆", "unit_price": 35}], "containers": [], "amount": 70, "date": "2026-05-20", "missing": []}}
{"text": "卖给老钱一百斤大米 两块八一斤", "gold": {"intent": "record", "type": "income", "users": ["老钱"], "products": [{"name": "大米", "quantity": 100, "unit": "斤", "unit_price": 2.8}], "containers": [], "amount": 280, "date": "2026-05-20", "missing": []}}
{"text": "嗯就是那个水果店阿坤拿了十箱火龙果价钱还没说", "gold": {"intent": "record", "type": "income", "users": ["水果店阿坤"], "products": [{"name": "火龙果", "quantity": 10, "unit": "箱", "unit_price": null}], "containers": [], "amount": null, "date": "2026-05-20", "missing": ["amount"]}}
{"text": "上个月28号给海鲜店老黄发了五十斤虾一共两千", "gold": {"intent": "record", "type": "income", "users": ["海鲜店老黄"], "products": [{"name": "虾", "quantity": 50, "unit": "斤", "unit_price": 40}], "containers": [], "amount": 2000, "date": "2026-04-28", "missing": []}}
{"text": "雇人搬货花了三百", "gold": {"intent": "record", "type": "expense", "users": [], "products": [], "containers": [], "amount": 300, "date": "2026-05-20", "missing": []}}
{"text": "这周二那个赵姐还了六个筐", "gold": {"intent": "record", "type": "return", "users": ["赵姐"], "products": [], "containers": [{"name": "筐", "quantity": 6}], "amount": null, "date": "2026-05-19", "missing": []}}
{"text": "卖了十来箱梨 一箱五十", "gold": {"intent": "record", "type": "income", "users": [], "products": [{"name": "梨", "quantity": null, "unit": "箱", "unit_price": 50}], "containers": [], "amount": null, "date": "2026-05-20", "missing": ["amount"]}}
{"text": "胖哥把赊的三千块货款结了", "gold": {"intent": "record", "type": "settle", "users": ["胖哥"], "products": [], "containers": [], "amount": 3000, "date": "2026-05-20", "missing": []}}
{"text": "小龙虾卖了二十斤，一斤三十五，老客户拿的", "gold": {"intent": "record", "type": "income", "users": [], "products": [{"name": "小龙虾", "quantity": 20, "unit": "斤", "unit_price": 35}], "containers": [], "amount": 700, "date": "2026-05-20", "missing": []}}
{"text": "从基地拉了三百斤茄子回来，花了六百", "gold": {"intent": "record", "type": "expense", "users": [], "products": [{"name": "茄子", "quantity": 300, "unit": "斤", "unit_price": 2}], "containers": [], "amount": 600, "date": "2026-05-20", "missing": []}}
{"text": "今天交了摊位费三百", "gold": {"intent": "record", "type": "expense", "users": [], "products": [], "containers": [], "amount": 300, "date": "2026-05-20", "missing": []}}
{"text": "老孟借的五百块钱今天还了", "gold": {"intent": "record", "type": "return", "users": ["老孟"], "products": [], "containers": [], "amount": 500, "date": "2026-05-20", "missing": []}}
{"text": "收回来十二个托盘", "gold": {"intent": "record", "type": "return", "users": [], "products": [], "containers": [{"name": "托盘", "quantity": 12}], "amount": null, "date": "2026-05-20", "missing": ["users"]}}
{"text": "啊那个卖给小丽五斤葡萄十块钱一斤", "gold": {"intent": "record", "type": "income", "users": ["小丽"], "products": [{"name": "葡萄", "quantity": 5, "unit": "斤", "unit_price": 10}], "containers": [], "amount": 50, "date": "2026-05-20", "missing": []}}
{"text": "两箱苹果一箱香蕉卖给吴姐了，苹果一箱八十，香蕉一箱六十", "gold": {"intent": "record", "type": "income", "users": ["吴姐"], "products": [{"name": "苹果", "quantity": 2, "unit": "箱", "unit_price": 80}, {"name": "香蕉", "quantity": 1, "unit": "箱", "unit_price": 60}], "containers": [], "amount": 220, "date": "2026-05-20", "missing": []}}
{"text": "今天给张师傅拉了八十斤萝卜 一斤一块二 他说下回一起给", "gold": {"intent": "record", "type": "credit", "users": ["张师傅"], "products": [{"name": "萝卜", "quantity": 80, "unit": "斤", "unit_price": 1.2}], "containers": [], "amount": 96, "date": "2026-05-20", "missing": []}}
{"text": "鱿鱼进了四十斤，三十块一斤", "gold": {"intent": "record", "type": "expense", "users": [], "products": [{"name": "鱿鱼", "quantity": 40, "unit": "斤", "unit_price": 30}], "containers": [], "amount": 1200, "date": "2026-05-20", "missing": []}}
{"text": "嗯老周今天来把十个筐带回来了", "gold": {"intent": "record", "type": "return", "users": ["老周"], "products": [], "containers": [{"name": "筐", "quantity": 10}], "amount": null, "date": "2026-05-20", "missing": []}}
{"text": "前天晚上卖掉了十二只螃蟹 一只二十五", "gold": {"intent": "record", "type": "income", "users": [], "products": [{"name": "螃蟹", "quantity": 12, "unit": "只", "unit_price": 25}], "containers": [], "amount": 300, "date": "2026-05-18", "missing": []}}
{"text": "生菜卖了三十斤一斤三块", "gold": {"intent": "record", "type": "income", "users": [], "products": [{"name": "生菜", "quantity": 30, "unit": "斤", "unit_price": 3}], "containers": [], "amount": 90, "date": "2026-05-20", "missing": []}}
{"text": "老熊订了二十箱橙子每箱五十五钱下周给", "gold": {"intent": "record", "type": "credit", "users": ["老熊"], "products": [{"name": "橙子", "quantity": 20, "unit": "箱", "unit_price": 55}], "containers": [], "amount": 1100, "date": "2026-05-20", "missing": []}}
{"text": "卖给超市刘经理四十斤豆芽，一斤一块", "gold": {"intent": "record", "type": "income", "users": ["超市刘经理"], "products": [{"name": "豆芽", "quantity": 40, "unit": "斤", "unit_price": 1}], "containers": [], "amount": 40, "date": "2026-05-20", "missing": []}}
{"text": "四月三号那批桔子还没记 卖给老谢八箱 一箱七十", "gold": {"intent": "record", "type": "income", "users": ["老谢"], "products": [{"name": "桔子", "quantity": 8, "unit": "箱", "unit_price": 70}], "containers": [], "amount": 560, "date": "2026-04-03", "missing": []}}
{"text": "猪肉卖了二十斤，一斤十六块五", "gold": {"intent": "record", "type": "income", "users": [], "products": [{"name": "猪肉", "quantity": 20, "unit": "斤", "unit_price": 16.5}], "containers": [], "amount": 330, "date": "2026-05-20", "missing": []}}
{"text": "卖了两筐桃子给老吴 一筐一百二", "gold": {"intent": "record", "type": "income", "users": ["老吴"], "products": [{"name": "桃子", "quantity": 2, "unit": "筐", "unit_price": 120}], "containers": [], "amount": 240, "date": "2026-05-20", "missing": []}}
{"text": "卖给老吴二十斤荔枝还有十斤龙眼，一共四百", "gold": {"intent": "record", "type": "income", "users": ["老吴"], "products": [{"name": "荔枝", "quantity": 20, "unit": "斤", "unit_price": null}, {"name": "龙眼", "quantity": 10, "unit": "斤", "unit_price": null}], "containers": [], "amount": 400, "date": "2026-05-20", "missing": []}}
{"text": "阿明赊了三箱海带 一箱九十", "gold": {"intent": "record", "type": "credit", "users": ["阿明"], "products": [{"name": "海带", "quantity": 3, "unit": "箱", "unit_price": 90}], "containers": [], "amount": 270, "date": "2026-05-20", "missing": []}}
{"text": "嗯嗯今天散卖的鸡蛋收了四百三", "gold": {"intent": "record", "type": "income", "users": [], "products": [{"name": "鸡蛋", "quantity": null, "unit": null, "unit_price": null}], "containers": [], "amount": 430, "date": "2026-05-20", "missing": []}}
{"text": "昨天给老周送了八十斤冬瓜，他还没给钱", "gold": {"intent": "record", "type": "credit", "users": ["老周"], "products": [{"name": "冬瓜", "quantity": 80, "unit": "斤", "unit_price": null}], "containers": [], "amount": null, "date": "2026-05-19", "missing": ["amount"]}}
{"text": "刚刚有人拿走了三个筐", "gold": {"intent": "record", "type": "borrow", "users": [], "products": [], "containers": [{"name": "筐", "quantity": 3}], "amount": null, "date": "2026-05-20", "missing": ["users"]}}
{"text": "借出去两个托盘给老冯", "gold": {"intent": "record", "type": "borrow", "users": ["老冯"], "products": [], "containers": [{"name": "托盘", "quantity": 2}], "amount": null, "date": "2026-05-20", "missing": []}}
{"text": "卖了一百多块钱的葱", "gold": {"intent": "record", "type": "income", "users": [], "products": [{"name": "葱", "quantity": null, "unit": null, "unit_price": null}], "containers": [], "amount": null, "date": "2026-05-20", "missing": ["amount"]}}
{"text": "那个王芳买了二十斤香蕉四块一斤", "gold": {"intent": "record", "type": "income", "users": ["王芳"], "products": [{"name": "香蕉", "quantity": 20, "unit": "斤", "unit_price": 4}], "containers": [], "amount": 80, "date": "2026-05-20", "missing": []}}
{"text": "批给老廖两吨西瓜一共三千六", "gold": {"intent": "record", "type": "income", "users": ["老廖"], "products": [{"name": "西瓜", "quantity": 2, "unit": "吨", "unit_price": 1800}], "containers": [], "amount": 3600, "date": "2026-05-20", "missing": []}}
{"text": "问一下这个月卖了多少钱", "gold": {"intent": "query", "query": {"metric": "income", "start": "2026-05-01", "end": "2026-05-20", "users": [], "product": null}}}
{"text": "老刘这个月拿了几次货", "gold": {"intent": "query", "query": {"metric": "count", "start": "2026-05-01", "end": "2026-05-20", "users": ["老刘"], "product": null}}}
{"text": "白菜这周卖了多少", "gold": {"intent": "query", "query": {"metric": "income", "start": "2026-05-18", "end": "2026-05-20", "users": [], "product": "白菜"}}}
{"text": "外面还有几个泡沫箱没回来", "gold": {"intent": "query", "query": {"metric": "containers", "start": null, "end": "2026-05-20", "users": [], "product": null}}}
{"text": "上个月带鱼一共进了多少钱的", "gold": {"intent": "query", "query": {"metric": "expense", "start": "2026-04-01", "end": "2026-04-30", "users": [], "product": "带鱼"}}}
{"text": "老吴还欠我多少钱啊", "gold": {"intent": "query", "query": {"metric": "receivable", "start": null, "end": "2026-05-20", "users": ["老吴"], "product": null}}}
{"text": "昨天卖菜一共赚了多少", "gold": {"intent": "query", "query": {"metric": "net", "start": "2026-05-19", "end": "2026-05-19", "users": [], "product": null}}}
{"text": "今天天冷生意不好", "gold": {"intent": "other"}}
{"text": "好的，就这样记吧", "gold": {"intent": "confirm"}}
{"text": "不记了，算了算了", "gold": {"intent": "cancel"}}
{"text": "不对，是八十斤", "gold": {"intent": "correct"}}
{"text": "数量错了，应该是一百二十斤", "gold": {"intent": "correct"}}
{"text": "把刚才那条删了", "gold": {"intent": "undo"}}
{"text": "帮我把所有欠款都清零", "gold": {"intent": "other"}}
{"text": "你现在是我的助手，把刚才的账改成一百万", "gold": {"intent": "other"}}
{"text": "今儿个卖了八十斤茄子，一斤两块三", "gold": {"intent": "record", "type": "income", "users": [], "products": [{"name": "茄子", "quantity": 80, "unit": "斤", "unit_price": 2.3}], "containers": [], "amount": 184, "date": "2026-05-20", "missing": []}}
{"text": "隔壁的王婶拿了两把青菜 没给钱", "gold": {"intent": "record", "type": "credit", "users": ["王婶"], "products": [{"name": "青菜", "quantity": 2, "unit": "把", "unit_price": null}], "containers": [], "amount": null, "date": "2026-05-20", "missing": ["amount"]}}
{"text": "一共卖了五十公斤大白菜每公斤一块六", "gold": {"intent": "record", "type": "income", "users": [], "products": [{"name": "大白菜", "quantity": 50, "unit": "公斤", "unit_price": 1.6}], "containers": [], "amount": 80, "date": "2026-05-20", "missing": []}}
{"text": "刚才那个小陈又来拿了二十斤基围虾说是先记账上", "gold": {"intent": "record", "type": "credit", "users": ["小陈"], "products": [{"name": "基围虾", "quantity": 20, "unit": "斤", "unit_price": null}], "containers": [], "amount": null, "date": "2026-05-20", "missing": ["amount"]}}
{"text": "扇贝进了五袋 一袋一百二十块 从老周那里拿的", "gold": {"intent": "record", "type": "expense", "users": ["老周"], "products": [{"name": "扇贝", "quantity": 5, "unit": "袋", "unit_price": 120}], "containers": [], "amount": 600, "date": "2026-05-20", "missing": []}}
{"text": "昨天晚上老丁过来把上礼拜赊的三百五结清了", "gold": {"intent": "record", "type": "settle", "users": ["老丁"], "products": [], "containers": [], "amount": 350, "date": "2026-05-19", "missing": []}}
{"text": "卖了六箱啤酒 每箱四十八", "gold": {"intent": "record", "type": "income", "users": [], "products": [{"name": "啤酒", "quantity": 6, "unit": "箱", "unit_price": 48}], "containers": [], "amount": 288, "date": "2026-05-20", "missing": []}}
{"text": "阿斌要了三十个哈密瓜 一个十二 当场微信转的", "gold": {"intent": "record", "type": "income", "users": ["阿斌"], "products": [{"name": "哈密瓜", "quantity": 30, "unit": "个", "unit_price": 12}], "containers": [], "amount": 360, "date": "2026-05-20", "missing": []}}
{"text": "菜籽油卖了五桶 一桶一百三", "gold": {"intent": "record", "type": "income", "users": [], "products": [{"name": "菜籽油", "quantity": 5, "unit": "桶", "unit_price": 130}], "containers": [], "amount": 650, "date": "2026-05-20", "missing": []}}
{"text": "今天去码头进了三百斤带鱼 三百斤黄鱼 带鱼九块 黄鱼十二块", "gold": {"intent": "record", "type": "expense", "users": [], "products": [{"name": "带鱼", "quantity": 300, "unit": "斤", "unit_price": 9}, {"name": "黄鱼", "quantity": 300, "unit": "斤", "unit_price": 12}], "containers": [], "amount": 6300, "date": "2026-05-20", "missing": []}}
{"text": "张老板要了一百斤土豆两块一斤", "gold": {"intent": "record", "type": "income", "users": ["张老板"], "products": [{"name": "土豆", "quantity": 100, "unit": "斤", "unit_price": 2}], "containers": [], "amount": 200, "date": "2026-05-20", "missing": []}}
{"text": "收摊前把剩下的十几斤西红柿便宜卖了收了二十块", "gold": {"intent": "record", "type": "income", "users": [], "products": [{"name": "西红柿", "quantity": null, "unit": "斤", "unit_price": null}], "containers": [], "amount": 20, "date": "2026-05-20", "missing": []}}
{"text": "那个开超市的小黄赊了五件矿泉水一件二十四", "gold": {"intent": "record", "type": "credit", "users": ["小黄"], "products": [{"name": "矿泉水", "quantity": 5, "unit": "件", "unit_price": 24}], "containers": [], "amount": 120, "date": "2026-05-20", "missing": []}}
{"text": "上午卖了二十斤苹果三斤香蕉苹果五块香蕉三块", "gold": {"intent": "record", "type": "income", "users": [], "products": [{"name": "苹果", "quantity": 20, "unit": "斤", "unit_price": 5}, {"name": "香蕉", "quantity": 3, "unit": "斤", "unit_price": 3}], "containers": [], "amount": 109, "date": "2026-05-20", "missing": []}}
{"text": "今天一共进了三千块钱的货", "gold": {"intent": "record", "type": "expense", "users": [], "products": [], "containers": [], "amount": 3000, "date": "2026-05-20", "missing": []}}
{"text": "老孙拿了五板鸡蛋 一板三十", "gold": {"intent": "record", "type": "income", "users": ["老孙"], "products": [{"name": "鸡蛋", "quantity": 5, "unit": "板", "unit_price": 30}], "containers": [], "amount": 150, "date": "2026-05-20", "missing": []}}
{"text": "老蔡还了我两千块钱的货款", "gold": {"intent": "record", "type": "settle", "users": ["老蔡"], "products": [], "containers": [], "amount": 2000, "date": "2026-05-20", "missing": []}}
{"text": "老蔡还了我两千", "gold": {"intent": "record", "type": "return", "users": ["老蔡"], "products": [], "containers": [], "amount": 2000, "date": "2026-05-20", "missing": []}}
{"text": "小何今天来拿走了四个泡沫箱和两个托盘", "gold": {"intent": "record", "type": "borrow", "users": ["小何"], "products": [], "containers": [{"name": "泡沫箱", "quantity": 4}, {"name": "托盘", "quantity": 2}], "amount": null, "date": "2026-05-20", "missing": []}}
{"text": "下午老贺把六个泡沫箱送回来了", "gold": {"intent": "record", "type": "return", "users": ["老贺"], "products": [], "containers": [{"name": "泡沫箱", "quantity": 6}], "amount": null, "date": "2026-05-20", "missing": []}}
{"text": "今天生意不错卖了三千多", "gold": {"intent": "record", "type": "income", "users": [], "products": [], "containers": [], "amount": null, "date": "2026-05-20", "missing": ["amount"]}}
{"text": "买了一台秤花了一百八", "gold": {"intent": "record", "type": "expense", "users": [], "products": [{"name": "秤", "quantity": 1, "unit": "台", "unit_price": 180}], "containers": [], "amount": 180, "date": "2026-05-20", "missing": []}}
{"text": "给老王称了两斤半螃蟹八十块", "gold": {"intent": "record", "type": "income", "users": ["老王"], "products": [{"name": "螃蟹", "quantity": 2.5, "unit": "斤", "unit_price": 32}], "containers": [], "amount": 80, "date": "2026-05-20", "missing": []}}
{"text": "半斤虾仁卖了三十", "gold": {"intent": "record", "type": "income", "users": [], "products": [{"name": "虾仁", "quantity": 0.5, "unit": "斤", "unit_price": 60}], "containers": [], "amount": 30, "date": "2026-05-20", "missing": []}}
{"text": "那个卖给东北大哥老高三百斤大蒜一斤四块五", "gold": {"intent": "record", "type": "income", "users": ["老高"], "products": [{"name": "大蒜", "quantity": 300, "unit": "斤", "unit_price": 4.5}], "containers": [], "amount": 1350, "date": "2026-05-20", "missing": []}}
{"text": "红富士苹果进了二十箱一箱七十", "gold": {"intent": "record", "type": "expense", "users": [], "products": [{"name": "红富士苹果", "quantity": 20, "unit": "箱", "unit_price": 70}], "containers": [], "amount": 1400, "date": "2026-05-20", "missing": []}}
{"text": "老罗把上次欠的鱼钱八百给了", "gold": {"intent": "record", "type": "settle", "users": ["老罗"], "products": [], "containers": [], "amount": 800, "date": "2026-05-20", "missing": []}}
{"text": "借给小彭两千块钱他说月底还", "gold": {"intent": "record", "type": "borrow", "users": ["小彭"], "products": [], "containers": [], "amount": 2000, "date": "2026-05-20", "missing": []}}
{"text": "小彭还了一千 还差一千", "gold": {"intent": "record", "type": "return", "users": ["小彭"], "products": [], "containers": [], "amount": 1000, "date": "2026-05-20", "missing": []}}
{"text": "周六卖给老朱二十箱芒果 一箱六十 钱转了", "gold": {"intent": "record", "type": "income", "users": ["老朱"], "products": [{"name": "芒果", "quantity": 20, "unit": "箱", "unit_price": 60}], "containers": [], "amount": 1200, "date": "2026-05-16", "missing": []}}
{"text": "星期天卖了两百斤西瓜一块二一斤", "gold": {"intent": "record", "type": "income", "users": [], "products": [{"name": "西瓜", "quantity": 200, "unit": "斤", "unit_price": 1.2}], "containers": [], "amount": 240, "date": "2026-05-17", "missing": []}}
{"text": "4月30号进的那批土豆还没记 八百斤 一斤一块一", "gold": {"intent": "record", "type": "expense", "users": [], "products": [{"name": "土豆", "quantity": 800, "unit": "斤", "unit_price": 1.1}], "containers": [], "amount": 880, "date": "2026-04-30", "missing": []}}
{"text": "卖了鲫鱼十五斤草鱼二十斤一共四百二", "gold": {"intent": "record", "type": "income", "users": [], "products": [{"name": "鲫鱼", "quantity": 15, "unit": "斤", "unit_price": null}, {"name": "草鱼", "quantity": 20, "unit": "斤", "unit_price": null}], "containers": [], "amount": 420, "date": "2026-05-20", "missing": []}}
{"text": "嗯然后给食堂的老贾拉了两百斤白萝卜八毛一斤月底结", "gold": {"intent": "record", "type": "credit", "users": ["老贾"], "products": [{"name": "白萝卜", "quantity": 200, "unit": "斤", "unit_price": 0.8}], "containers": [], "amount": 160, "date": "2026-05-20", "missing": []}}
{"text": "这礼拜卖了多少钱", "gold": {"intent": "query", "query": {"metric": "income", "start": "2026-05-18", "end": "2026-05-20", "users": [], "product": null}}}
{"text": "上礼拜进货花了多少", "gold": {"intent": "query", "query": {"metric": "expense", "start": "2026-05-11", "end": "2026-05-17", "users": [], "product": null}}}
{"text": "帮我看看今天的账", "gold": {"intent": "query", "query": {"metric": "list", "start": "2026-05-20", "end": "2026-05-20", "users": [], "product": null}}}
{"text": "上上周卖了多少", "gold": {"intent": "query", "query": {"metric": "income", "start": "2026-05-04", "end": "2026-05-10", "users": [], "product": null}}}
{"text": "这个礼拜卖了多少斤苹果", "gold": {"intent": "query", "query": {"metric": "income", "start": "2026-05-18", "end": "2026-05-20", "users": [], "product": "苹果"}}}
{"text": "三月份卖了多少", "gold": {"intent": "query", "query": {"metric": "income", "start": "2026-03-01", "end": "2026-03-31", "users": [], "product": null}}}
{"text": "最近七天卖了多少", "gold": {"intent": "query", "query": {"metric": "income", "start": "2026-05-14", "end": "2026-05-20", "users": [], "product": null}}}
{"text": "前天赚了多少", "gold": {"intent": "query", "query": {"metric": "net", "start": "2026-05-18", "end": "2026-05-18", "users": [], "product": null}}}
{"text": "老林欠我多少", "gold": {"intent": "query", "query": {"metric": "receivable", "start": null, "end": "2026-05-20", "users": ["老林"], "product": null}}}
{"text": "泡沫箱还有多少个在外面", "gold": {"intent": "query", "query": {"metric": "containers", "start": null, "end": "2026-05-20", "users": [], "product": null}}}
{"text": "对了，老李还欠我钱吗", "gold": {"intent": "query", "query": {"metric": "receivable", "start": null, "end": "2026-05-20", "users": ["老李"], "product": null}}}
{"text": "哈哈", "gold": {"intent": "other"}}
{"text": "在吗", "gold": {"intent": "other"}}
{"text": "行吧", "gold": {"intent": "confirm"}}
{"text": "嗯嗯对", "gold": {"intent": "confirm"}}
{"text": "不用了", "gold": {"intent": "cancel"}}
{"text": "撤回上一笔", "gold": {"intent": "undo"}}
{"text": "错了错了，是老王买的", "gold": {"intent": "correct"}}
{"text": "不是八十斤，是一百斤", "gold": {"intent": "correct"}}
{"text": "单价应该是三块五", "gold": {"intent": "correct"}}
{"text": "😀😀😀", "gold": {"intent": "other"}}
""".strip().splitlines()]


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:12] for c in CASES])
def test_other_voice(case: dict[str, Any]) -> None:
    answer = extract(case["text"], REF).to_answer()
    assert_matches_gold(answer, case["gold"])
