"""Files the bot hands over on this machine (the console channel, `ledgerbot export`): they
go under the data dir's exports/ folder, never over an earlier file."""

from __future__ import annotations

from pathlib import Path

EXPORTS = "exports"


def exports_dir(data_dir: Path) -> Path:
    return data_dir / EXPORTS


def save_new(folder: Path, filename: str, content: bytes) -> Path:
    """`folder/filename`, or `name-2.ext`, `name-3.ext`… if taken: an export made the same
    day must not overwrite one the vendor may have open."""
    folder.mkdir(parents=True, exist_ok=True)
    name = Path(filename).name  # a filename, never a path somewhere else
    stem, suffix = Path(name).stem, Path(name).suffix
    n = 1
    while True:
        path = folder / (name if n == 1 else f"{stem}-{n}{suffix}")
        try:
            with path.open("xb") as f:  # "x": two exports at once cannot both take a name
                f.write(content)
            return path
        except FileExistsError:
            n += 1
