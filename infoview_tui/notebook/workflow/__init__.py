"""The notebook's workflow rules, one module per phase of an interview."""

from .after_call import AfterCall
from .live_call import LiveCall, Suggested
from .prepare import Prepare

__all__ = ["AfterCall", "LiveCall", "Prepare", "Suggested"]
