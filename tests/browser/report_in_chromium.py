#!/usr/bin/env python3
"""The HTML report (`coachsim run --report`, `coachsim report`) rendered in headless Chromium.

Usage: report_in_chromium.py COACHSIM_BINARY WORK_DIR. Exits 77 (ctest: skipped) when no Chromium is installed
(cmake/bootstrap.sh with COACHSIM_BOOTSTRAP_EXTRAS=browser installs it). Checks that the rendered page has the
summary tables and the inline figures, loads nothing from the network, and that its screenshot is not blank.
"""
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

SKIP = 77


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def browser(binary, work, *args):
    profile = work / "chromium-profile"
    shutil.rmtree(profile, ignore_errors=True)
    command = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run", f"--user-data-dir={profile}", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def main():
    coachsim, work = sys.argv[1], Path(sys.argv[2])
    found = chromium()
    if not found:
        print("SKIPPED: no chromium on PATH (install it: COACHSIM_BOOTSTRAP_EXTRAS=browser cmake/bootstrap.sh)")
        return SKIP
    work.mkdir(parents=True, exist_ok=True)
    html = work / "report.html"
    subprocess.run([coachsim, "run", "--replicates", "10", "-o", work / "run.h5", "--force", "--report", html],
                   check=True, capture_output=True, text=True, env=dict(os.environ, MPLBACKEND="Agg"))
    text = html.read_text()
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", text), "the report must not load from the network"

    dom = browser(found, work, "--dump-dom", html.as_uri())
    assert dom.returncode == 0, dom.stderr
    page = dom.stdout
    assert page.count('<table class="summary">') == 2, "the two summary tables"
    assert "change [95% interval]" in page and "coached" in page and "usual_care" in page
    figures = re.findall(r'<img alt="[^"]*" src="data:image/png;base64,', page)
    assert len(figures) >= 4, f"{len(figures)} inline figures"
    assert 'id="scenario"' in page and "months" in page
    assert "Provenance" in page

    shot = work / "report.png"
    result = browser(found, work, f"--screenshot={shot}", "--window-size=1200,2000", html.as_uri())
    assert result.returncode == 0 and shot.exists(), result.stderr
    import matplotlib.image
    pixels = matplotlib.image.imread(str(shot))[..., :3]
    dark = (pixels.mean(axis=2) < 0.5).mean()
    colours = len({tuple(p) for p in (pixels[::7, ::7].reshape(-1, 3) * 255).astype(int)})
    assert pixels.std() > 0.05 and dark > 0.005 and colours > 50, (pixels.std(), dark, colours)
    print(f"report rendered: 2 tables, {len(figures)} figures, screenshot {shot} ({colours} colours, "
          f"{dark:.1%} dark pixels)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
