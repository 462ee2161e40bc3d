"""The marker for French messages that the interface catalogs translate (babel extracts ``N_``)."""


def N_(message: str) -> str:
    """Mark a French message for the interface catalogs; the web layer translates it."""
    return message
