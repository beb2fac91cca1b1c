"""Every Chinese answer the speech layer gives; each says plainly that nothing was recorded."""

from __future__ import annotations

NOT_HEARD = "没听清，请再说一遍或打字。这条没有记账。"
UNREADABLE = "这条语音打不开（文件是空的或已损坏），请再说一遍或打字。这条没有记账。"
TOO_BIG = "语音文件太大了，请说短一点或打字。这条没有记账。"
TIMEOUT = "语音识别超时了，这条没有记账。请再说一遍或直接打字。"
UNAVAILABLE = "语音识别暂时用不了，这条没有记账。请稍后再说或直接打字。"


def too_long(max_seconds: int) -> str:
    return f"语音太长了（最长 {max_seconds} 秒），请分几条说或打字。这条没有记账。"
