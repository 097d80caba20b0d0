"""The command line's help, as templates marked for translation: one module per command of app.commands, of the same
name, holding its help and description and each of its options' help (context "<Command>Help"), and ``common`` the
words every command's help shares. app.command_parser builds the parser with them in the interface's language."""
