"""Where an export's bytes go, by what the path names, and files written only by us.

``write_path(path, data)`` (``infoview export -o PATH``, the app's export box):

- nothing there, or a regular file: a new file replaces it atomically (temp file in the same
  folder, fsync, rename), readable by the user alone (0600);
- a symbolic link (or a chain of them) to a regular file, or to nothing yet: the file it
  points to is written the same way and the link is kept (a notebook export kept in a synced
  folder through a link stays that link);
- a FIFO (named pipe) or a character device (``/dev/null``, ``/dev/stdout``, a terminal),
  directly or through a link: the bytes are written into it, it is never replaced; a FIFO
  waits for its reader, as ``cat > FIFO`` does;
- anything else (a folder, a socket, a block device such as a disk): refused with an OSError,
  nothing written.

``open_folder`` / ``write_in_folder`` (the Markdown export, a folder of files): a folder is
opened without following a link at its name, and each file is written as a temp file created
beside it (O_EXCL | O_NOFOLLOW, mode 0600), then renamed over the name. A symbolic link
already at a file's name is replaced by the new file, its target never touched; all of it
relative to the folder's open descriptor, so a link swapped in meanwhile is not followed.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from pathlib import Path

from ..store.atomic import atomic_write

FILE_MODE = 0o600
"""Every file an export creates: its contents are the user's notes about people."""
FOLDER_MODE = 0o700
"""Every folder an export creates."""


def _refuse(path: Path, what: str) -> OSError:
    return OSError(
        errno.EINVAL,
        f"is {what}; an export writes only a regular file, a pipe or a character device "
        "(and never replaces anything else)",
        str(path),
    )


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISBLK(mode):
        return "a block device (a disk)"
    return "not a regular file"


def write_path(path: Path, data: bytes) -> None:
    """Write ``data`` to what ``path`` names (see the module docstring). Raises OSError."""
    try:
        mode = os.stat(path).st_mode  # follows links: what the path names in the end
    except FileNotFoundError:
        mode = None  # nothing there, or a link to nothing yet
    if mode is None or stat.S_ISREG(mode):
        target = Path(os.path.realpath(path)) if os.path.islink(path) else path
        atomic_write(target, [data])
        return
    if stat.S_ISFIFO(mode) or stat.S_ISCHR(mode):
        _stream(path, data)
        return
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", str(path))
    raise _refuse(path, _kind(mode))


def _stream(path: Path, data: bytes) -> None:
    """Write into a FIFO or character device that is there now (never creating one)."""
    fd = os.open(path, os.O_WRONLY | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)):  # swapped since we looked
            raise _refuse(path, _kind(mode))
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
    finally:
        os.close(fd)


# ----- a folder of files (the Markdown export) ---------------------------------------------


def open_folder(name: str | Path, parent: int | None = None) -> int:
    """An open descriptor of the folder ``name`` (inside the folder open as ``parent``, if
    given), made (0700) if missing. A symbolic link at ``name`` is refused when ``parent`` is
    given (a folder inside the export), followed when not (the folder the user named)."""
    flags = os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_CLOEXEC", 0)
    if parent is None:
        Path(name).mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
        return os.open(name, flags)
    with contextlib.suppress(FileExistsError):
        os.mkdir(name, FOLDER_MODE, dir_fd=parent)
    try:
        return os.open(name, flags | os.O_NOFOLLOW, dir_fd=parent)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.ENOTDIR) and _is_link(name, parent):
            raise OSError(
                errno.ELOOP,
                f"its {str(name)!r} is a symbolic link, and the export does not follow links there",
                str(name),
            ) from None
        raise


def _is_link(name: str | Path, folder: int) -> bool:
    try:
        return stat.S_ISLNK(os.lstat(name, dir_fd=folder).st_mode)
    except OSError:
        return False


def write_in_folder(folder: int, name: str, data: bytes) -> None:
    """Replace the file ``name`` in the folder open as ``folder`` with ``data`` (mode 0600).

    A temp file is made beside it and renamed over it: whatever was at ``name`` (a file, a
    symbolic link) is replaced, never written through. Raises OSError, leaving no temp file.
    Not fsynced one by one (10,000 fsyncs took an export of 11,000 files from 1.3 s to 5-9 s):
    an export can be made again; ``sync_folder`` makes the renames durable at the end.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    while True:
        temp = f".{name[:100]}.{secrets.token_hex(4)}.tmp"
        try:
            fd = os.open(temp, flags, FILE_MODE, dir_fd=folder)
            break
        except FileExistsError:
            continue
    try:
        try:
            os.fchmod(fd, FILE_MODE)  # the umask may take bits away, never add: be exact
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
        os.replace(temp, name, src_dir_fd=folder, dst_dir_fd=folder)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp, dir_fd=folder)
        raise


def sync_folder(folder: int) -> None:
    """Make the renames in the folder open as ``folder`` durable."""
    with contextlib.suppress(OSError):
        os.fsync(folder)
