"""Headless Chromium for tests and the README screenshot (Debian's chromium and chromium-driver,
through selenium). :func:`driver` skips the calling test, visibly, where they are absent."""
from __future__ import annotations

import os
import shutil
import tempfile

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage")


def find() -> tuple[str, str] | None:
    chrome = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    drv = shutil.which("chromedriver") or (os.path.exists("/usr/bin/chromedriver") and "/usr/bin/chromedriver")
    return (chrome, drv) if chrome and drv else None


def start(width: int = 1400, height: int = 900):
    """A selenium Chrome driver with a new empty profile; the caller quits it."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chrome, drv = find()
    opts = webdriver.ChromeOptions()
    opts.binary_location = chrome
    for f in FLAGS:
        opts.add_argument(f)
    profile = tempfile.mkdtemp(prefix="reportlint-chromium-")
    opts.add_argument(f"--user-data-dir={profile}")
    opts.add_argument(f"--window-size={width},{height}")
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    d = webdriver.Chrome(service=Service(drv), options=opts)
    d._reportlint_profile = profile
    return d


def stop(d) -> None:
    try:
        d.quit()
    finally:
        shutil.rmtree(getattr(d, "_reportlint_profile", ""), ignore_errors=True)
