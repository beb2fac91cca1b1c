"""Every Chinese answer the speech layer gives. Each says plainly that nothing was recorded
yet; when the recording is kept, it says so and how to get it recorded later."""

from __future__ import annotations

_KEPT = "这条语音已经保存，没有丢，"
_OR_TYPE = "也可以直接打字记账。这条还没有记账。"

UNREADABLE = "这条语音打不开（文件是空的或已损坏），请再说一遍或打字。这条没有记账。"
TOO_BIG = "语音文件太大了，请说短一点或打字。这条没有记账。"
NOT_CONFIGURED = (
    "语音识别还没有配置，听不了语音。" + _KEPT
    + "请管理员配置语音识别（例如设置 LEDGERBOT_SPEECH__PROVIDER=dashscope 和 DASHSCOPE_API_KEY，"
    "或 LEDGERBOT_SPEECH__PROVIDER=openai-compatible 和 LEDGERBOT_SPEECH__BASE_URL），"
    "配好后发「重新识别」就能记上；" + _OR_TYPE
)
REFUSED = (
    "语音识别服务拒绝了请求（多半是密钥或配置不对，请管理员检查 LEDGERBOT_SPEECH__ 开头的设置）。"
    + _KEPT + "修好后发「重新识别」就能记上；" + _OR_TYPE
)
UNAVAILABLE = "语音识别暂时连不上。" + _KEPT + "过一会儿发「重新识别」就能记上；" + _OR_TYPE
TIMEOUT = "语音识别超时了。" + _KEPT + "过一会儿发「重新识别」再试；" + _OR_TYPE
GONE = "保存的语音文件找不到或打不开了，没法重新识别，请再说一遍或打字。"


def too_long(max_seconds: int) -> str:
    return f"语音太长了（最长 {max_seconds} 秒），请分几条说或打字。这条没有记账。"


def platform_fallback(reason: str) -> str:
    return f"语音识别没成功（{reason}），用的是微信自带的识别结果，请核对下面听到的内容。"
