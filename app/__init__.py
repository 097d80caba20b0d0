"""The application shell: window assembly, controllers, background tasks, settings, command line."""

__version__ = "0.1.0"
