"""One module per sub-command. Each defines ``register(subparsers)`` which adds its parser and sets ``func``.

Command modules must import heavy dependencies (torch, Qt) inside their ``run`` function, so that
``retina-review export`` starts fast and works where no GUI can be shown.
"""
