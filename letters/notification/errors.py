"""Why a file could not be read, in plain French, with what a translation needs to rebuild it."""

from __future__ import annotations

from ..messages import N_


class UnreadableNotification(Exception):
    """The file cannot be read as a notification; ``message`` says why, for the person.

    ``template`` is the French text with ``{name}`` slots and ``params`` their values, so the
    web layer can translate it. ``code`` names the kind of problem (an HTTP layer maps
    ``too_large`` to 413, the others to 422). The message never quotes the file's content.
    """

    def __init__(self, code: str, template: str, **params: object) -> None:
        self.code = code
        self.template = template
        self.params = {k: str(v) for k, v in params.items()}
        self.message = template.format(**self.params) if self.params else template
        super().__init__(self.message)


def not_a_notification() -> UnreadableNotification:
    return UnreadableNotification("not_supported", N_(
        "Ce fichier n'est ni une photo (JPEG ou PNG), ni un PDF, ni un texte : déposez une photo ou le "
        "PDF du courrier, ou recopiez son texte."))


def not_a_notification_named(extension: str) -> UnreadableNotification:
    return UnreadableNotification("not_supported", N_(
        "Les fichiers « {extension} » ne sont pas lus : déposez une photo (JPEG ou PNG) ou le PDF du "
        "courrier, ou recopiez son texte."), extension=extension)


def empty() -> UnreadableNotification:
    return UnreadableNotification("empty", N_("Le fichier est vide : déposez à nouveau votre courrier."))


def too_large(limit_mb: int) -> UnreadableNotification:
    return UnreadableNotification("too_large", N_(
        "Le fichier est trop lourd : {limit} Mo au plus. Prenez une photo moins grande ou envoyez le PDF."),
        limit=limit_mb)


def too_many_pages(count: int, limit: int) -> UnreadableNotification:
    return UnreadableNotification("too_many_pages", N_(
        "Le document a {count} pages : Recours en lit {limit} au plus. Déposez seulement les pages "
        "de la décision."), count=count, limit=limit)


def too_many_pixels(limit: int) -> UnreadableNotification:
    return UnreadableNotification("too_large", N_(
        "L'image est trop grande : {limit} millions de points au plus. Réduisez-la ou reprenez la photo."),
        limit=limit)


def damaged() -> UnreadableNotification:
    return UnreadableNotification("damaged", N_(
        "Le fichier est abîmé ou protégé : il ne s'ouvre pas. Essayez une photo du courrier."))


def too_blurred(page: int) -> UnreadableNotification:
    return UnreadableNotification("too_blurred", N_(
        "La photo de la page {page} est trop floue pour être lue. Reprenez-la bien à plat, à la lumière, "
        "sans bouger, ou recopiez le texte du courrier."), page=page)


def no_text() -> UnreadableNotification:
    return UnreadableNotification("no_text", N_(
        "Aucun texte n'a pu être lu dans ce fichier. Vérifiez qu'il s'agit bien du courrier, ou recopiez "
        "son texte."))


def reader_missing() -> UnreadableNotification:
    return UnreadableNotification("reader_missing", N_(
        "La lecture des photos n'est pas disponible pour le moment : recopiez le texte du courrier."))
