"""Import cases: a CSV or XLSX sheet (one case a row, columns named as the case fields) or a
folder of case JSON files. Each case is validated with ``letters.parse_case``; every error is
reported by row and column (or by file and field), and nothing is imported from a sheet that
has one, so fixing the sheet and importing it again never makes duplicates.

Columns: the form's field names, dotted as in the case JSON (``person.name``,
``decision.date``…). An address holds its lines separated by a line break in the cell or by
`` / ``; a field of several choices (``wants``) lists them separated by commas (without a
``wants`` column, what the public form ticks by default); yes/no fields take oui, non, yes, no,
true, false, 1, 0 or an empty cell.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from letters import parse_case
from letters.form import ON_FORM, case_data_from_form
from letters.safejson import MAX_CASE_BYTES, load_case_json

# The sheet's columns are the web form's fields (letters/fields.py), named by their paths.
COLUMNS = tuple(f.path for f in ON_FORM)
LINES_FIELDS = frozenset(f.path for f in ON_FORM if f.type == "lines")
YES_NO_FIELDS = frozenset(f.path for f in ON_FORM if f.type == "flag")
YES = {"oui", "yes", "true", "vrai", "1", "o", "y"}
NO = {"non", "no", "false", "faux", "0", "n"}
# A sheet without a ``wants`` column asks what the public form ticks unless told otherwise.
DEFAULT_WANTS = "explanation,human_review,contest"
MAX_ROWS = 2000
MAX_FILES = 2000


@dataclass(frozen=True)
class RowError:
    """One problem: where (row and column of a sheet, or file and field) and what, in French."""

    where: str  # "ligne 3" or a file name
    column: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"where": self.where, "column": self.column, "message": self.message}


class _Row:
    """A sheet row seen as the web form's fields, so the form's own reader builds the case."""

    def __init__(self, cells: dict[str, str]) -> None:
        self.cells = cells

    def get(self, key: str, default: Any = "") -> Any:
        value = self.cells.get(key, default)
        if key in LINES_FIELDS and isinstance(value, str):
            return "\n".join(part.strip() for part in value.replace(" / ", "\n").splitlines())
        if key in YES_NO_FIELDS:
            word = str(value).strip().lower()
            return "yes" if word in YES else "no" if word in NO else "unknown"
        return value

    def getlist(self, key: str) -> list[str]:
        return [w.strip() for w in str(self.cells.get(key, "")).split(",") if w.strip()]


def _column_of(field: str) -> str:
    """The sheet column an error's field path belongs to (``person.address.2`` -> person.address)."""
    return max((c for c in COLUMNS if field == c or field.startswith(c + ".")), key=len, default=field)


def rows_to_cases(header: list[str], rows: list[list[Any]], today: date
                  ) -> tuple[list[dict[str, Any]], list[RowError]]:
    """Validate each row (the header is row 1); cases only when no row has an error."""
    errors: list[RowError] = []
    names = [str(h or "").strip() for h in header]
    for name in names:
        if name and name not in COLUMNS:
            errors.append(RowError("ligne 1", name, f"Colonne inconnue « {name[:40]} ». Colonnes "
                                                        f"possibles : {', '.join(COLUMNS)}."))
    if len(rows) > MAX_ROWS:
        errors.append(RowError("(feuille)", "", f"Trop de lignes : {MAX_ROWS} au plus par import."))
    if errors:
        return [], errors
    cases = []
    for number, row in enumerate(rows, start=2):
        cells = {name: _cell(value) for name, value in zip(names, row, strict=False) if name}
        if not any(cells.values()):
            continue  # an empty line in the sheet
        if "wants" not in names:
            cells["wants"] = DEFAULT_WANTS
        data = case_data_from_form(_Row(cells))
        data = {k: v for k, v in data.items() if k != "today"}
        case, found = parse_case(data, today=today)
        for e in found:
            errors.append(RowError(f"ligne {number}", _column_of(e.field), e.message))
        if case is not None:
            cases.append(data)
    return ([], errors) if errors else (cases, [])


def _cell(value: Any) -> str:
    """A spreadsheet cell as the text the form would have: dates as AAAA-MM-JJ."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_csv(raw: bytes) -> tuple[list[str], list[list[str]]] | RowError:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return RowError("(fichier)", "", "Le fichier CSV doit être enregistré en UTF-8.")
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(io.StringIO(text), dialect))
    if not rows:
        return RowError("(fichier)", "", "Le fichier est vide.")
    return rows[0], rows[1:]


def read_xlsx(raw: bytes) -> tuple[list[str], list[list[Any]]] | RowError:
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a file that is not a workbook  # noqa: BLE001
        return RowError("(fichier)", "", "Ce fichier n'est pas un classeur Excel (XLSX) lisible.")
    sheet = book.worksheets[0]
    rows = [list(r) for r in sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 2)]
    book.close()
    if not rows:
        return RowError("(fichier)", "", "La première feuille du classeur est vide.")
    return [str(h or "") for h in rows[0]], rows[1:]


def read_folder(folder: Path, today: date) -> tuple[list[dict[str, Any]], list[RowError]]:
    """Every ``*.json`` of the folder, each a case as the public app saves it."""
    files = sorted(folder.glob("*.json"))
    if len(files) > MAX_FILES:
        return [], [RowError("(dossier)", "", f"Trop de fichiers : {MAX_FILES} au plus par import.")]
    named = []
    for path in files:
        with path.open("rb") as f:
            named.append((path.name, f.read(MAX_CASE_BYTES + 1)))
    return read_json_files(named, today)


def read_json_files(files: list[tuple[str, bytes]], today: date
                    ) -> tuple[list[dict[str, Any]], list[RowError]]:
    """Case files ``(name, bytes)``, as the public app saves them; errors by file and field."""
    cases: list[dict[str, Any]] = []
    errors: list[RowError] = []
    if len(files) > MAX_FILES:
        return [], [RowError("(fichiers)", "", f"Trop de fichiers : {MAX_FILES} au plus par import.")]
    for name, raw in files:
        data, found = load_case_json(raw)
        if not found:
            data = {k: v for k, v in data.items() if k != "today"} if isinstance(data, dict) else data
            _, found = parse_case(data, today=today)
        errors += [RowError(name, e.field, e.message) for e in found]
        if not found:
            cases.append(data)
    return ([], errors) if errors else (cases, [])


def read_sheet(raw: bytes, today: date) -> tuple[list[dict[str, Any]], list[RowError]]:
    """A CSV or an XLSX sheet, told apart by its first bytes (an XLSX is a ZIP)."""
    table = read_xlsx(raw) if raw.startswith(b"PK\x03\x04") else read_csv(raw)
    if isinstance(table, RowError):
        return [], [table]
    header, rows = table
    return rows_to_cases(header, rows, today=today)


def read_path(path: Path, today: date) -> tuple[list[dict[str, Any]], list[RowError]]:
    """A CSV, an XLSX or a folder of JSON cases, told apart by what it is."""
    if path.is_dir():
        return read_folder(path, today)
    return read_sheet(path.read_bytes(), today)
