"""infoview: a terminal notebook for informational interviews."""

__version__ = "0.1.0"
