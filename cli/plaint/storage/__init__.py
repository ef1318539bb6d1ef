"""Files and git: atomic writes and locks, reading text and TOML, git commands, crash recovery."""
