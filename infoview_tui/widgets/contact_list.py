"""The contact list: a Line-API virtual list that draws only the visible rows.

Mounting a widget per row takes seconds at 10,000 contacts; this draws each visible line on
demand, so its cost does not grow with the notebook.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive, reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..model import Contact, Stage
from ..model.followup import is_overdue
from ..textual_patches import scroll_update

OVERDUE = "!"
RUNNING = "◉"
"""At the end of the row of the contact whose call is running (in place of the ``!``)."""
MARKER_WIDTH = 2
DATE_WIDTH = 10
WIDE_ENOUGH_FOR_DATES = 44


ELLIPSIS = "…"
ROW_CACHE_LIMIT = 200


def _cell(text: str, width: int, style: Style | None = None) -> Text:
    """``text`` cut or padded to exactly ``width`` terminal cells (wide characters count 2)."""
    cell = Text(text.replace("\n", " "), style=style or "", no_wrap=True, end="")
    cell.truncate(width, overflow="ellipsis", pad=True)
    return cell


def _fit(text: str, width: int) -> str:
    """``_cell(text, width).plain``, without building a Text for plain ASCII (most text)."""
    if width <= 0:
        return ""
    if text.isascii() and text.isprintable():
        return text.ljust(width) if len(text) <= width else text[: width - 1] + ELLIPSIS
    return _cell(text, width).plain


@dataclass(frozen=True)
class _RowStyles:
    """The styles of one kind of row (the cursor's or the others'), worked out once."""

    base: Style
    dim: Style
    overdue: Style
    stages: dict[Stage, Style]


class ContactList(ScrollView, can_focus=True):
    """Contacts, one per line: stage glyph, name, organisation, overdue marker."""

    COMPONENT_CLASSES = {
        "contact-list--cursor",
        "contact-list--overdue",
        "contact-list--dim",
        *(f"contact-list--{stage.value}" for stage in Stage),
    }

    BINDINGS = [
        Binding("up,k", "cursor_up", "Up", show=False, id="contact_list.cursor_up"),
        Binding("down,j", "cursor_down", "Down", show=False, id="contact_list.cursor_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="contact_list.page_up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="contact_list.page_down"),
        Binding("home", "first", "First", show=False, id="contact_list.first"),
        Binding("end", "last", "Last", show=False, id="contact_list.last"),
        Binding("enter", "select", "Open", show=False, id="contact_list.select"),
    ]

    cursor: reactive[int] = reactive(0, always_update=True)

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)
    """Widget's, minus the layout: a new row count (every key typed in the search box) repaints
    the list instead of laying out the whole screen again. When the scrollbar has to come or go,
    its own change of display still asks for the layout that needs."""

    @dataclass
    class Highlighted(Message):
        """The cursor moved to a contact (None when the list is empty)."""

        contact_id: int | None

    @dataclass
    class Selected(Message):
        """Enter was pressed on a contact."""

        contact_id: int

    def __init__(
        self,
        rows: list[Contact],
        *,
        today: date,
        total: int = 0,
        running: int | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.rows = rows
        self.running = running
        """The contact whose call is running: its row ends with ``RUNNING``."""
        self.total = total
        """When ``rows`` are only the first of a longer list (a start view), its length: the
        scrollbar is the whole list's from the first frame. ``set_rows`` clears it."""
        self.today = today
        self.date_field = "next_action_date"
        """Which date the date column shows (it follows the sort order)."""
        self._row_styles: dict[bool, _RowStyles] = {}
        self._row_cache: dict[tuple[int, bool], tuple[Contact, Strip]] = {}
        self._row_cache_for: tuple[object, ...] = ()
        self.empty_text = ""
        """Shown on the first line when there are no rows: why ("no contact matches 'oslo'")."""

    def _height(self) -> int:
        return max(len(self.rows), self.total)

    def on_mount(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, self._height())
        self.refresh(layout=True)  # the first size (and scrollbar) in the first frame

    # ----- data in ------------------------------------------------------------------------

    def set_rows(self, rows: list[Contact], keep: int | None = None, empty: str = "") -> None:
        """Show ``rows``; keep the cursor on contact ``keep`` if it is still there. ``empty``
        says why there are none, when there are none."""
        self.rows = rows
        self.empty_text = empty
        self.total = 0
        self.virtual_size = Size(self.scrollable_content_region.width, len(rows))
        scroll_update(self)  # the scrollbar's thumb (or display), scroll_y
        index = None
        if keep and 0 <= self.cursor < len(rows) and rows[self.cursor].id == keep:
            index = self.cursor  # typing on narrows the list: the contact rarely moves
        elif keep:
            index = next((i for i, c in enumerate(rows) if c.id == keep), None)
        self.cursor = self._clamp(index if index is not None else self.cursor)
        self.refresh()

    def set_running(self, contact_id: int | None) -> None:
        """Mark the row of the contact whose call is running (None: no call runs)."""
        if contact_id != self.running:
            self.running = contact_id
            self.refresh()

    def select_id(self, contact_id: int) -> None:
        """Move the cursor to a contact, if it is in the list."""
        for index, contact in enumerate(self.rows):
            if contact.id == contact_id:
                self.cursor = index
                return

    @property
    def current(self) -> Contact | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    def _clamp(self, index: int) -> int:
        return max(0, min(index, len(self.rows) - 1)) if self.rows else 0

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh()
        self.scroll_to_region_line(new)
        current = self.current
        self.post_message(self.Highlighted(current.id if current else None))

    def scroll_to_region_line(self, index: int) -> None:
        height = self.scrollable_content_region.height
        top = round(self.scroll_y)
        if index < top:
            self.scroll_to(y=index, animate=False, immediate=True)
        elif height and index >= top + height:
            self.scroll_to(y=index - height + 1, animate=False, immediate=True)

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, self._height())
        self.scroll_to_region_line(self.cursor)

    # ----- keys and mouse -----------------------------------------------------------------

    def action_cursor_up(self) -> None:
        self.cursor = self._clamp(self.cursor - 1)

    def action_cursor_down(self) -> None:
        self.cursor = self._clamp(self.cursor + 1)

    def action_page_up(self) -> None:
        self.cursor = self._clamp(self.cursor - max(1, self.scrollable_content_region.height))

    def action_page_down(self) -> None:
        self.cursor = self._clamp(self.cursor + max(1, self.scrollable_content_region.height))

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = self._clamp(len(self.rows) - 1)

    def action_select(self) -> None:
        if self.current is not None:
            self.post_message(self.Selected(self.current.id))

    def on_click(self, event: events.Click) -> None:
        index = event.y + round(self.scroll_y)
        if 0 <= index < len(self.rows):
            self.cursor = index

    # ----- drawing ------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        index = y + round(self.scroll_y)
        width = self.scrollable_content_region.width
        if not 0 <= index < len(self.rows):
            if index == 0 and not self.rows and self.empty_text:
                return Strip([Segment(_fit(self.empty_text, width), self._styles(False).dim)])
            return Strip.blank(width, self._styles(False).base)
        return self._render_row(self.rows[index], width, index == self.cursor)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._row_styles.clear()  # focus, theme or CSS changed: styles and rows drawn anew
        self._row_cache.clear()

    def _part(self, name: str) -> Style:
        """A component style without its background, so the cursor row stays one colour."""
        return self.get_component_rich_style(name, partial=True)

    def _styles(self, is_cursor: bool) -> _RowStyles:
        styles = self._row_styles.get(is_cursor)
        if styles is None:
            base = self.rich_style
            if is_cursor:
                base = base + self.get_component_rich_style("contact-list--cursor")
            styles = _RowStyles(
                base=base,
                dim=base + self._part("contact-list--dim"),
                overdue=base + self._part("contact-list--overdue"),
                stages={s: base + self._part(f"contact-list--{s.value}") for s in Stage},
            )
            self._row_styles[is_cursor] = styles
        return styles

    def _render_row(self, contact: Contact, width: int, is_cursor: bool) -> Strip:
        """One row, drawn once and kept while the contact, the width and the styles stay."""
        drawn_for = (width, self.date_field, self.today, self.running)
        if drawn_for != self._row_cache_for or len(self._row_cache) > ROW_CACHE_LIMIT:
            self._row_cache.clear()
            self._row_cache_for = drawn_for
        cached = self._row_cache.get((contact.id, is_cursor))
        if cached is not None and cached[0] is contact:
            return cached[1]
        strip = self._draw_row(contact, width, self._styles(is_cursor))
        self._row_cache[contact.id, is_cursor] = (contact, strip)
        return strip

    def _draw_row(self, contact: Contact, width: int, styles: _RowStyles) -> Strip:
        base, dim = styles.base, styles.dim
        date_width = DATE_WIDTH if width >= WIDE_ENOUGH_FOR_DATES else 0
        fixed = 2 + 1 + MARKER_WIDTH + (date_width + 1 if date_width else 0)
        name_width = max(8, min(26, (width - fixed) * 3 // 5))
        org_width = max(0, width - fixed - name_width)
        segments = [
            Segment(f"{contact.stage.glyph} ", styles.stages[contact.stage]),
            Segment(_fit(contact.name, name_width) + " ", base),
            Segment(_fit(contact.organization, org_width), dim),
        ]
        if date_width:
            segments.append(Segment(" ", base))
            segments.append(Segment(_fit(getattr(contact, self.date_field), date_width), dim))
        if contact.id == self.running:
            segments.append(Segment(f" {RUNNING}", styles.overdue))
        elif is_overdue(contact.next_action_date, self.today):
            segments.append(Segment(f" {OVERDUE}", styles.overdue))
        return Strip(segments).adjust_cell_length(width, base)
