"""Pick a stage with one digit (or arrows and enter)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..model import Stage
from ..widgets.key_footer import KeyFooter

STAGES = list(Stage)


class StagePicker(ModalScreen[Stage | None]):
    BINDINGS = [
        Binding("escape", "dismiss_none", "Cancel", id="stage_picker.dismiss_none"),
        *(
            Binding(str(n), f"pick({n - 1})", stage.label, show=False, id=f"stage_picker.{stage}")
            for n, stage in enumerate(STAGES, start=1)
        ),
    ]

    def __init__(self, name: str, current: Stage) -> None:
        super().__init__()
        self.person = name
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="stage-picker"):
            yield Static(f"Stage of {self.person}", classes="dialog-title")
            yield OptionList(
                *(
                    Option(f"{n}  {stage.glyph} {stage.label}", id=stage.value)
                    for n, stage in enumerate(STAGES, start=1)
                ),
                id="stages",
            )
            yield Static("Press 1-9, or move and press enter. Esc cancels.", classes="muted")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(OptionList).highlighted = STAGES.index(self.current)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss(Stage(event.option.id))

    def action_pick(self, index: int) -> None:
        self.dismiss(STAGES[index])

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
