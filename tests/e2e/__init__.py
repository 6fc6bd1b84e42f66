"""End-to-end tests: the real app in a real terminal (a private tmux server per test)."""
