"""Where voice files are kept: <root>/<yyyy-mm>/<uuid>.<ext>, one folder per month so old
audio can be archived or deleted by month."""

from __future__ import annotations

import datetime as dt
import shutil
import uuid
from pathlib import Path

from bot.speech import silk


def keep(src: Path, root: Path, now: dt.datetime) -> Path:
    """Copy the incoming file (as received, not the decoded PCM) and return the copy's path."""
    folder = root / now.strftime("%Y-%m")
    folder.mkdir(parents=True, exist_ok=True)
    dest = folder / f"{uuid.uuid4().hex}{_suffix(src)}"
    shutil.copyfile(src, dest)
    return dest


def _suffix(src: Path) -> str:
    suffix = src.suffix.lower()
    if suffix and suffix[1:].isalnum() and len(suffix) <= 6:
        return suffix
    with src.open("rb") as f:
        head = f.read(16)
    # Channels often save media without an extension; name the two voice formats we can tell.
    if silk.is_silk(head):
        return ".silk"
    return ".amr" if head.startswith(b"#!AMR") else ".bin"
