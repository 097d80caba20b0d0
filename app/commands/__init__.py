"""One module per sub-command. Each defines ``register(subparsers, words)`` which adds its parser, its help the
templates of app.command_help's module of the same name said in ``words`` (app.command_words), and sets ``func``.

Command modules must import heavy dependencies (torch, Qt) inside their ``run`` function, so that
``retina-review export`` starts fast and works where no GUI can be shown.
"""
