"""lawtool: legislative drafting and comparison on Akoma Ntoso 3.0, Arabic first."""

__version__ = "0.1.0"
