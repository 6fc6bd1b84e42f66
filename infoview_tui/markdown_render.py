"""Markdown to Rich ``Text``, straight from markdown-it tokens (no Textual import).

Textual's ``Markdown`` widget took about a second to update a 10 KB note and Rich's
``Markdown`` a quarter of one; walking markdown-it's token stream into one styled ``Text`` is
a small fraction of that, so the notes preview can afford to redraw while the user types.

What is shown: headings without their ``#`` (a distinct style per level, a blank line around),
paragraphs, emphasis, strong, strikethrough, inline code, fenced and indented code blocks,
bullet and ordered lists (nested, "•" / "1."), task items as ☐ / ☑, block quotes with a bar,
links (the text, then the address dimmed), images as their alt text, horizontal rules and
tables (cells joined with " │ "). HTML comments and raw HTML are hidden.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text

if TYPE_CHECKING:  # markdown-it is imported on first use, not at start-up (~25 ms)
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

DEFAULT_STYLES: dict[str, str] = {
    "h1": "bold underline",
    "h2": "bold",
    "h3": "bold italic",
    "h4": "italic underline",
    "h5": "italic",
    "h6": "dim italic",
    "em": "italic",
    "strong": "bold",
    "strike": "strike",
    "code": "bold",
    "code_block": "",
    "code_bar": "dim",
    "link": "underline",
    "url": "dim",
    "quote": "italic",
    "quote_bar": "dim",
    "bullet": "bold",
    "task": "bold",
    "task_done": "dim",
    "hr": "dim",
    "table_head": "bold",
    "table_rule": "dim",
    "image": "italic",
}
"""Style names per construct. Plain Rich styles so they read on dark and light themes; the
notes editor passes colours from the current theme for a few of them."""

BULLET = "•"
TASK_OPEN = "☐"
TASK_DONE = "☑"
QUOTE_BAR = "▌ "
CODE_BAR = "│ "
CELL_JOIN = " │ "
HR_WIDTH = 40


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


@dataclass
class _Prefix:
    """What starts each line inside a block quote or a list item."""

    first: str
    rest: str
    style: Style
    used: bool = False


@dataclass
class _List:
    ordered: bool
    tight: bool
    number: int = 1


@dataclass
class _Table:
    rows: list[list[Text]] = field(default_factory=list)
    head_rows: int = 0
    in_head: bool = False


class _Renderer:
    def __init__(self, styles: Mapping[str, str], width: int) -> None:
        self.styles = {key: Style.parse(value or "none") for key, value in styles.items()}
        self.width = width
        self.out = Text(end="")
        self.prefixes: list[_Prefix] = []
        self.lists: list[_List] = []
        self.started = False
        self.table: _Table | None = None
        self.cell: Text | None = None

    # ----- lines and blocks -------------------------------------------------------------

    def line_start(self) -> None:
        for prefix in self.prefixes:
            if prefix.used:
                self.out.append(prefix.rest, prefix.style)
            else:
                self.out.append(prefix.first, prefix.style)
                prefix.used = True

    def blank_line(self) -> None:
        bars = "".join(p.rest for p in self.prefixes if p.first == p.rest).rstrip()
        if bars:
            self.out.append(bars, self.styles["quote_bar"])
        self.out.append("\n")

    def block_start(self) -> None:
        """A blank line between blocks, except between the items of a tight list."""
        if self.started and not (self.lists and self.lists[-1].tight):
            self.blank_line()
        self.started = True

    # ----- the token stream -------------------------------------------------------------

    def render(self, tokens: list[Token]) -> Text:
        heading: Style | None = None
        loose = self._loose_lists(tokens)
        for n, token in enumerate(tokens):
            kind = token.type
            if kind == "inline":
                if self.cell is not None:
                    self.inline(token.children or [], self.cell, Style())
                elif heading is not None:
                    self.line_start()
                    self.inline(token.children or [], self.out, heading)
                    self.out.append("\n")
                else:
                    children = self.task(token.children or [])
                    self.line_start()
                    self.inline(children, self.out, Style())
                    self.out.append("\n")
            elif kind == "paragraph_open":
                if not token.hidden:
                    self.block_start()
            elif kind == "heading_open":
                if self.started:
                    self.blank_line()
                self.started = True
                heading = self.styles.get(token.tag, self.styles["h6"])
            elif kind == "heading_close":
                heading = None
                self.blank_line()
                self.started = False  # the blank line after it is already there
            elif kind in ("fence", "code_block"):
                self.block_start()
                self.code(token.content)
            elif kind == "hr":
                self.block_start()
                self.line_start()
                self.out.append("─" * self.width, self.styles["hr"])
                self.out.append("\n")
            elif kind == "blockquote_open":
                self.block_start()
                self.started = False
                self.prefixes.append(_Prefix(QUOTE_BAR, QUOTE_BAR, self.styles["quote_bar"]))
            elif kind == "blockquote_close":
                self.prefixes.pop()
            elif kind in ("bullet_list_open", "ordered_list_open"):
                tight = n not in loose
                start = token.attrGet("start")
                if not self.lists or not self.lists[-1].tight:
                    self.block_start()
                    self.started = False
                self.lists.append(
                    _List(kind == "ordered_list_open", tight, int(start) if start else 1)
                )
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.lists.pop()
                self.started = True
            elif kind == "list_item_open":
                current = self.lists[-1]
                if current.ordered:
                    marker = f"{current.number}. "
                    current.number += 1
                else:
                    marker = f"{BULLET} "
                if not current.tight and self.started:
                    self.blank_line()
                self.started = False
                self.prefixes.append(_Prefix(marker, " " * len(marker), self.styles["bullet"]))
            elif kind == "list_item_close":
                item = self.prefixes.pop()
                if not item.used:  # an empty item still shows its bullet
                    self.prefixes.append(item)
                    self.line_start()
                    self.prefixes.pop()
                    self.out.append("\n")
                self.started = True
            elif kind == "table_open":
                self.block_start()
                self.table = _Table()
            elif kind == "thead_open" and self.table is not None:
                self.table.in_head = True
            elif kind == "thead_close" and self.table is not None:
                self.table.in_head = False
            elif kind == "tr_open" and self.table is not None:
                self.table.rows.append([])
                if self.table.in_head:
                    self.table.head_rows += 1
            elif kind in ("th_open", "td_open") and self.table is not None:
                self.cell = Text()
            elif kind in ("th_close", "td_close") and self.table is not None:
                if self.cell is not None:
                    self.table.rows[-1].append(self.cell)
                self.cell = None
            elif kind == "table_close" and self.table is not None:
                self.flush_table(self.table)
                self.table = None
            # html_block and anything else: hidden
        return self.out

    @staticmethod
    def _loose_lists(tokens: list[Token]) -> set[int]:
        """The indices of the lists that are loose: markdown-it hides the paragraphs of a
        tight list's items and shows those of a loose one."""
        loose: set[int] = set()
        open_lists: list[int] = []
        for n, token in enumerate(tokens):
            if token.type.endswith("_list_open"):
                open_lists.append(n)
            elif token.type.endswith("_list_close"):
                open_lists.pop()
            elif token.type == "paragraph_open" and open_lists and not token.hidden:
                opener = open_lists[-1]
                if token.level == tokens[opener].level + 2:
                    loose.add(opener)
        return loose

    def task(self, children: list[Token]) -> list[Token]:
        """A list item starting with "[ ] " or "[x] " shows ☐ / ☑ instead of its bullet."""
        if not self.prefixes or not children or children[0].type != "text":
            return children
        item = self.prefixes[-1]
        if item.used or item.first != f"{BULLET} ":
            return children
        content = children[0].content
        if content[:4] in ("[ ] ", "[x] ", "[X] ") or content in ("[ ]", "[x]", "[X]"):
            done = content[1] in "xX"
            item.first = f"{TASK_DONE if done else TASK_OPEN} "
            item.style = self.styles["task_done" if done else "task"]
            first = type(children[0])("text", "", 0, content=content[4:])
            return [first, *children[1:]]
        return children

    def code(self, content: str) -> None:
        style = self.styles["code_block"]
        bar = self.styles["code_bar"]
        for line in content.rstrip("\n").split("\n"):
            self.line_start()
            self.out.append(CODE_BAR, bar)
            self.out.append(line, style)
            self.out.append("\n")

    def flush_table(self, table: _Table) -> None:
        if not table.rows:
            return
        columns = max(len(row) for row in table.rows)
        widths = [0] * columns
        for row in table.rows:
            for n, cell in enumerate(row):
                widths[n] = max(widths[n], cell.cell_len)
        join = self.styles["table_rule"]
        for r, row in enumerate(table.rows):
            self.line_start()
            for n in range(columns):
                if n:
                    self.out.append(CELL_JOIN, join)
                cell = row[n] if n < len(row) else Text()
                if r < table.head_rows:
                    cell.stylize(self.styles["table_head"])
                self.out.append_text(cell)
                if n < columns - 1:
                    self.out.append(" " * (widths[n] - cell.cell_len))
            self.out.append("\n")
            if r == table.head_rows - 1:
                self.line_start()
                rule = "─┼─".join("─" * w for w in widths)
                self.out.append(rule, join)
                self.out.append("\n")

    # ----- inline -----------------------------------------------------------------------

    def inline(self, children: list[Token], target: Text, base: Style) -> None:
        stack = [base]
        style = base
        links: list[str] = []
        link_text_start: list[int] = []
        in_table = target is not self.out
        for token in children:
            kind = token.type
            if kind == "text":
                target.append(token.content, style)
            elif kind in ("softbreak", "hardbreak"):
                if in_table:
                    target.append(" ")
                else:
                    target.append("\n")
                    self.line_start()
            elif kind == "code_inline":
                target.append(token.content, style + self.styles["code"])
            elif kind in ("em_open", "strong_open", "s_open", "link_open"):
                name = {"em_open": "em", "strong_open": "strong", "s_open": "strike"}.get(
                    kind, "link"
                )
                if kind == "link_open":
                    links.append(str(token.attrGet("href") or ""))
                    link_text_start.append(len(target.plain))
                style = style + self.styles[name]
                stack.append(style)
            elif kind in ("em_close", "strong_close", "s_close", "link_close"):
                if len(stack) > 1:
                    stack.pop()
                style = stack[-1]
                if kind == "link_close" and links:
                    href = links.pop()
                    shown = target.plain[link_text_start.pop() :]
                    if href and href != shown and f"mailto:{shown}" != href:
                        target.append(f" ({href})", self.styles["url"])
            elif kind == "image":
                alt = token.content or "image"
                target.append(f"[{alt}]", style + self.styles["image"])
            # html_inline (comments, tags): hidden


def render(text: str, styles: Mapping[str, str] | None = None, *, width: int = HR_WIDTH) -> Text:
    """Markdown ``text`` as styled Rich ``Text``. ``styles`` overrides entries of
    ``DEFAULT_STYLES``; ``width`` is the length of a horizontal rule."""
    merged = {**DEFAULT_STYLES, **(styles or {})}
    tokens = _parser().parse(text)
    out = _Renderer(merged, max(1, width)).render(tokens)
    out.rstrip()
    return out
