#!/usr/bin/env python3
"""Checks that a report.html renders with every chart visible and non-empty.

Usage: check-report.py REPORT.html OUTDIR

Renders the whole page, then each chart (each inline <svg>) on a page of its own, with
headless Chromium; decodes the PNGs (standard library only, see pngcheck.py) and requires
ink (non-white pixels) on the page and, in every chart, both ink and colour (data drawn in
the palette, not only grey axes and text). Screenshots are left in OUTDIR for a look.
"""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pngcheck  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "chromium")
MIN_PAGE_INK = 0.02
MIN_CHART_INK = 0.02
MIN_CHART_COLOUR = 0.005


def screenshot(html_path, png_path, width, height):
    if os.path.exists(png_path):
        os.remove(png_path)
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    "--force-device-scale-factor=1", f"--screenshot={png_path}", f"--window-size={width},{height}",
                    "file://" + os.path.abspath(html_path)],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120, check=False)
    if not os.path.exists(png_path):
        raise SystemExit(f"chromium wrote no screenshot for {html_path}")


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 64
    report, outdir = argv[1], argv[2]
    os.makedirs(outdir, exist_ok=True)
    with open(report, encoding="utf-8") as f:
        html = f.read()
    failures = []
    for forbidden in ("<script", "http://", "https://", "@import", "url("):
        if forbidden in html:
            failures.append(f"report is not self-contained: it contains '{forbidden}'")

    page_png = os.path.join(outdir, "page.png")
    screenshot(report, page_png, 1280, 6000)
    width, height, ink, colour = pngcheck.ink(page_png)
    print(f"page          {width}x{height}  ink {ink:.3f}  colour {colour:.3f}")
    if ink < MIN_PAGE_INK:
        failures.append(f"the page is blank (ink {ink:.4f})")

    style = re.search(r"<style>(.*?)</style>", html, re.S)
    css = style.group(1) if style else ""
    charts = re.findall(r"<svg\b.*?</svg>", html, re.S)
    if not charts:
        failures.append("the report holds no chart")
    for i, svg in enumerate(charts, 1):
        title = re.search(r"<title>(.*?)</title>", svg, re.S)
        name = title.group(1) if title else f"chart {i}"
        w = re.search(r'\bwidth="([\d.]+)"', svg)
        h = re.search(r'\bheight="([\d.]+)"', svg)
        cw, ch = int(float(w.group(1))) if w else 640, int(float(h.group(1))) if h else 400
        chart_html = os.path.join(outdir, f"chart-{i:02d}.html")
        with open(chart_html, "w", encoding="utf-8") as f:
            f.write(f"<!DOCTYPE html><html><head><meta charset='utf-8'><style>{css}\n"
                    f"body {{ margin: 0; padding: 0; max-width: none; }}</style></head><body>{svg}</body></html>")
        png = os.path.join(outdir, f"chart-{i:02d}.png")
        screenshot(chart_html, png, cw, ch)
        _, _, ink, colour = pngcheck.ink(png)
        ok = ink >= MIN_CHART_INK and colour >= MIN_CHART_COLOUR
        print(f"chart {i:2d}  {'ok  ' if ok else 'FAIL'}  {cw}x{ch}  ink {ink:.3f}  colour {colour:.3f}  {name}")
        if not ok:
            failures.append(f"chart {i} ({name}) looks empty: ink {ink:.4f}, colour {colour:.4f}")
    for failure in failures:
        print("FAIL: " + failure, file=sys.stderr)
    print(f"{len(charts)} charts checked; screenshots in {outdir}/")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
