"""What the WeChat channel itself says (everything else comes from the dialogue)."""

WELCOME = (
    "欢迎使用好生意记账本！直接发文字或语音记账，比如：\n"
    "· 卖给老李5000盆千叶，一共10000元\n"
    "· 从老张那进了300盆月季每盆1块5\n"
    "我会先把账念给你确认，回复「对」才保存。问账也行：今天卖了多少？"
)
TEXT_OR_VOICE = "请发文字或语音，我只看得懂这两种消息。"
STILL_WORKING = "还在处理这条消息，请稍后回复「结果」查看。"
WORKING_WILL_SEND = "收到，正在处理，好了马上发给你。"
VOICE_MISSING = "没收到这条语音的文件，请再发一次，或者打字记账。这条没有记账。"
FETCH_WORDS = frozenset({"结果", "继续", "下一段"})
