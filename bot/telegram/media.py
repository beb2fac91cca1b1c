"""Voice notes and audio files fetched from the Bot API into a temporary file, for speech.

The speech service keeps whatever it needs under its own audio dir; the download here is
only a hand-over and is deleted once the message is handled.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path

from telegram import Audio, Document, Message, Voice
from telegram.constants import FileSizeLimit

Attachment = Voice | Audio | Document
DEFAULT_SUFFIX = {Voice: ".oga", Audio: ".mp3", Document: ".audio"}


class TooLarge(Exception):
    """The file is bigger than we (or the Bot API, at 20 MB) will download."""


def audio_attachment(message: Message) -> Attachment | None:
    """A voice note, an audio file, or a file whose MIME type says audio."""
    if message.voice is not None:
        return message.voice
    if message.audio is not None:
        return message.audio
    doc = message.document
    if doc is not None and (doc.mime_type or "").startswith("audio/"):
        return doc
    return None


@contextlib.asynccontextmanager
async def downloaded(attachment: Attachment, directory: Path,
                     max_bytes: int) -> AsyncIterator[Path]:
    """The attachment as a local file for the duration of the block."""
    limit = min(max_bytes, FileSizeLimit.FILESIZE_DOWNLOAD)
    if attachment.file_size is not None and attachment.file_size > limit:
        raise TooLarge(limit)
    file = await attachment.get_file()
    suffix = Path(file.file_path or "").suffix or DEFAULT_SUFFIX[type(attachment)]
    path = await asyncio.to_thread(_new_temp_file, directory, suffix)
    try:
        await file.download_to_drive(path)
        if await asyncio.to_thread(os.path.getsize, path) > limit:  # file_size is optional
            raise TooLarge(limit)
        yield path
    finally:
        await asyncio.to_thread(path.unlink, missing_ok=True)


def _new_temp_file(directory: Path, suffix: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(suffix=suffix, prefix="telegram-", dir=directory)
    os.close(fd)
    return Path(name)
