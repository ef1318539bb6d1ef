"""plaint: a customer-complaint procedure on plain TOML files in git."""

__version__ = "0.1.0"
