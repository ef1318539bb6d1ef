"""The command layer: Click commands that parse, call one core function and render its result.

`app` is the whole command line (`plaint.commands.app.main`); `entry` is the console script."""
