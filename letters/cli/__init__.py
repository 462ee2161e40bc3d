"""The command line's commands, one module each; ``letters/__main__.py`` picks one.

``packets``: the letters of one case, or of many cases each into its own folder.
"""
