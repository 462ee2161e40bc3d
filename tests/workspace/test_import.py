"""Importing a sheet of cases (CSV, XLSX) or a folder of case files, errors by row and column."""

from __future__ import annotations

import io
import json
from datetime import date

from workspace.importer import read_path, rows_to_cases

from ..conftest import load_case_data

TODAY = date(2026, 11, 29)
HEADER = ["person.name", "person.address", "organisation.kind", "organisation.name", "decision.kind",
          "decision.benefit", "decision.date", "decision.amount", "decision.reasons_given", "wants"]
GOOD = ["Samia Benali", "12 rue des Lilas / 33000 Bordeaux", "caf", "CAF de la Gironde", "overpayment",
        "prime_activite", "2026-11-10", "2340,50", "non", "explanation, contest"]
OTHER = ["Karim Haddad", "5 rue Nationale\n59000 Lille", "departement", "", "suspension", "rsa",
         "2026-10-02", "", "", "explanation"]


def csv_bytes(rows, delimiter=",") -> bytes:
    import csv

    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(rows)
    return out.getvalue().encode("utf-8")


def test_each_row_becomes_a_case_with_the_forms_fields(tmp_path):
    sheet = tmp_path / "cas.csv"
    sheet.write_bytes(csv_bytes([HEADER, GOOD, OTHER]))
    cases, errors = read_path(sheet, TODAY)
    assert errors == []
    first, second = cases
    assert first["person"]["address"] == ["12 rue des Lilas", "33000 Bordeaux"]
    assert first["decision"]["reasons_given"] is False and first["wants"] == ["explanation", "contest"]
    assert second["person"]["address"] == ["5 rue Nationale", "59000 Lille"]
    assert second["decision"]["reasons_given"] is None


def test_errors_name_the_row_and_the_column_and_nothing_is_imported(tmp_path):
    bad_date = [*GOOD[:6], "2026-02-30", *GOOD[7:]]
    no_name = ["", *GOOD[1:]]
    sheet = tmp_path / "cas.csv"
    sheet.write_bytes(csv_bytes([HEADER, GOOD, bad_date, no_name]))
    cases, errors = read_path(sheet, TODAY)
    assert cases == []
    assert [(e.where, e.column) for e in errors] == [("ligne 3", "decision.date"), ("ligne 4", "person.name")]
    assert errors[0].message == "La date de la décision n'existe pas dans le calendrier."


def test_an_unknown_column_is_reported_before_any_row():
    cases, errors = rows_to_cases([*HEADER, "person.nom"], [[*GOOD, "x"]], TODAY)
    assert cases == [] and (errors[0].where, errors[0].column) == ("ligne 1", "person.nom")


def test_a_french_excel_csv_with_semicolons_reads_the_same(tmp_path):
    sheet = tmp_path / "cas.csv"
    sheet.write_bytes(b"\xef\xbb\xbf" + csv_bytes([HEADER, GOOD], delimiter=";"))
    cases, errors = read_path(sheet, TODAY)
    assert errors == [] and cases[0]["person"]["name"] == "Samia Benali"


def test_an_xlsx_sheet_with_real_dates_and_numbers(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append([*GOOD[:6], date(2026, 11, 10), 2340.5, "non", "explanation"])
    path = tmp_path / "cas.xlsx"
    book.save(path)
    cases, errors = read_path(path, TODAY)
    assert errors == []
    assert cases[0]["decision"]["date"] == "2026-11-10" and cases[0]["decision"]["amount"] == "2340.5"


def test_a_file_that_is_neither_csv_text_nor_a_workbook(tmp_path):
    path = tmp_path / "cas.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook")
    assert read_path(path, TODAY)[1][0].message == "Ce fichier n'est pas un classeur Excel (XLSX) lisible."
    latin = tmp_path / "cas.csv"
    latin.write_bytes("person.name\nRené".encode("latin-1"))
    assert read_path(latin, TODAY)[1][0].message == "Le fichier CSV doit être enregistré en UTF-8."


def test_a_folder_of_saved_case_files(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps(load_case_data("bank-credit-refusal")), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps(load_case_data("cpam-c2s-suspension")), encoding="utf-8")
    cases, errors = read_path(tmp_path, TODAY)
    assert errors == [] and [c["person"]["name"] for c in cases] == ["Julien Petit", "Nadia Moreau"]
    (tmp_path / "c.json").write_text("{", encoding="utf-8")
    cases, errors = read_path(tmp_path, TODAY)
    assert cases == [] and errors[0].where == "c.json"
