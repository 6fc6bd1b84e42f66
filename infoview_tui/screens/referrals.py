"""The referral chain of a contact as a tree: who led to them, and whom they led to."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static, Tree
from textual.widgets.tree import TreeNode

from ..notebook import Notebook
from ..widgets.key_footer import KeyFooter


class ReferralScreen(ModalScreen[int | None]):
    """Dismisses with the id of the contact to jump to (enter), or None (escape)."""

    BINDINGS = [Binding("escape,r", "dismiss_none", "Close", id="referrals.dismiss_none")]

    def __init__(self, notebook: Notebook, contact_id: int) -> None:
        super().__init__()
        self.notebook = notebook
        self.contact_id = contact_id

    def label(self, contact_id: int) -> str:
        contact = self.notebook.contacts[contact_id]
        led = self.notebook.referral_count(contact_id)
        count = f"  (led to {led})" if led else ""
        mark = "  ◀ this contact" if contact_id == self.contact_id else ""
        return f"{contact.stage.glyph} {contact.name}{count}{mark}"

    def compose(self) -> ComposeResult:
        chain = self.notebook.referral_chain(self.contact_id)
        root_id = chain[-1].id if chain else self.contact_id
        tree: Tree[int] = Tree(self.label(root_id), data=root_id, id="referral-tree")
        tree.root.expand()
        self._grow(tree.root, root_id, {c.id for c in chain} | {self.contact_id})
        with Vertical(classes="dialog", id="referrals"):
            yield Static("Referral chain", classes="dialog-title")
            yield tree
            yield Static("Enter jumps to a person. Esc closes.", classes="muted")
        yield KeyFooter()

    def _grow(self, node: TreeNode[int], contact_id: int, path: set[int]) -> None:
        children = sorted(self.notebook.referrals_of(contact_id), key=lambda c: c.name.casefold())
        for child in children:
            branch = node.add(
                self.label(child.id), data=child.id, expand=child.id in path or contact_id in path
            )
            self._grow(branch, child.id, path)
            if not branch.children:
                branch.allow_expand = False

    def on_mount(self) -> None:
        tree = self.query_one(Tree)
        target = self._find(tree.root)
        if target is not None:
            tree.move_cursor(target)
        tree.focus()

    def _find(self, node: TreeNode[int]) -> TreeNode[int] | None:
        if node.data == self.contact_id:
            return node
        for child in node.children:
            found = self._find(child)
            if found is not None:
                return found
        return None

    def on_tree_node_selected(self, event: Tree.NodeSelected[int]) -> None:
        self.dismiss(event.node.data)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
