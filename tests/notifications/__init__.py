"""Synthetic notifications, as text PDFs, scans and phone photos, with the truth of each field."""
