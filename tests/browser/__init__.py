"""Tests that drive a real headless Chromium against the app served on 127.0.0.1."""
