"""Make docs/review-page.png, the README's picture of the review page, from the committed
example batch (examples/batch: seven reports of one county's 2023 round; last year's reports
in examples/previous), sorted by the share copied from others, 青石镇's findings opened:

    .venv/bin/python docs/make_review_screenshot.py

Needs Debian's chromium and chromium-driver and selenium (the test extra)."""
from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import browser  # noqa: E402


def main() -> None:
    out = Path(tempfile.mkdtemp()) / "review.html"
    subprocess.run([sys.executable, "-m", "reportlint", "-f", "html", "-o", str(out), "--report-year", "2023",
                    "--previous", "examples/previous", "examples/batch"], cwd=ROOT, check=False)
    if browser.find() is None:
        sys.exit("chromium and chromium-driver are needed (apt-get install chromium chromium-driver)")
    d = browser.start(1400, 1150)
    try:
        d.get(out.as_uri())
        d.find_element("css selector", 'th[data-key="copied"] button').click()
        d.find_element("css selector", 'th[data-key="copied"] button').click()    # most copied first
        d.find_element("css selector", 'tr.report[data-index] button[aria-label*="qingshi.txt"]').click()
        time.sleep(0.3)
        d.save_screenshot(str(ROOT / "docs" / "review-page.png"))
    finally:
        browser.stop(d)
    print(ROOT / "docs" / "review-page.png")


if __name__ == "__main__":
    main()
