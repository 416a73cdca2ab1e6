"""The version of ecokg (in a module of its own: the layers read it without importing the facade)."""

__version__ = "0.1.0"
