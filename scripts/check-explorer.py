#!/usr/bin/env python3
"""Drives the explorer page in headless Chromium through WebDriver (make test-explorer).

Usage: check-explorer.py URL OUTDIR

Loads the page, moves the export-promotion slider from 0 to 0.6 with the keyboard (as a
user would) and checks that the exporting share shown rises and the charts are redrawn;
pins A, moves global vision and checks that A and B are both shown with the differing
setting listed; opens a firm's story; turns projector mode on; prints the handout to A4
(settings, charts and one story per path: at most two pages, handout.pdf); checks that the
browser console holds no errors. Screenshots go to OUTDIR.
"""
import base64
import os
import re
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.common.print_page_options import PrintOptions

TIMEOUT = 60


DRIVER = None
OUTDIR = "."


def fail(message):
    print("check-explorer: FAIL: " + message, file=sys.stderr)
    if DRIVER is not None:
        try:
            print("  status: " + DRIVER.find_element(By.ID, "status").text, file=sys.stderr)
            print("  error shown: " + DRIVER.find_element(By.ID, "error").text, file=sys.stderr)
            for entry in DRIVER.get_log("browser"):
                print("  console: " + entry.get("level", "") + " " + entry.get("message", ""), file=sys.stderr)
            DRIVER.save_screenshot(os.path.join(OUTDIR, "failure.png"))
        except Exception as e:  # the browser may be gone
            print("  (no diagnostics: %s)" % e, file=sys.stderr)
    raise SystemExit(1)


def wait_for(what, predicate, timeout=TIMEOUT):
    end = time.time() + timeout
    while time.time() < end:
        try:
            value = predicate()
            if value:
                return value
        except Exception:  # the page is still changing
            pass
        time.sleep(0.1)
    fail("timed out waiting for " + what)


def share(driver):
    text = driver.find_element(By.ID, "exporting-share").text.replace("%", "").strip()
    return float(text)


def draws(driver):
    return int(driver.find_element(By.ID, "charts").get_attribute("data-draws"))


def settled(driver, after):
    """Waits until the charts were drawn more than `after` times and no run is pending."""
    wait_for("a redraw", lambda: draws(driver) > after and driver.find_element(By.ID, "status").text.startswith("ran"))
    # The slider's debounce may still hold a last run: wait until the count stays put.
    while True:
        n = draws(driver)
        time.sleep(0.6)
        if draws(driver) == n and driver.find_element(By.ID, "status").text.startswith("ran"):
            return n


def press(driver, element_id, key, times):
    element = driver.find_element(By.ID, element_id)
    # Focus without clicking: a click on a slider would move it to where it was clicked.
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus()", element)
    for _ in range(times):
        element.send_keys(key)


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 64
    url, outdir = argv[1], argv[2]
    os.makedirs(outdir, exist_ok=True)
    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-proxy-server",
                 "--window-size=1400,2000", "--force-device-scale-factor=1"):
        options.add_argument(flag)
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)
    global DRIVER, OUTDIR
    DRIVER, OUTDIR = driver, outdir
    try:
        driver.set_page_load_timeout(TIMEOUT)
        driver.get(url)
        n = settled(driver, 0)
        charts = driver.find_elements(By.CSS_SELECTOR, "#charts figure svg")
        if len(charts) < 6:
            fail(f"expected at least 6 charts (paths, exporting, foreign share, quadrants, two stage models), found {len(charts)}")
        slider = driver.find_element(By.ID, "lever-policy-exportPromotion")
        if float(slider.get_attribute("value")) != 0:
            fail("the export-promotion slider does not start at 0")
        # Each ladder lists its symbols' causes under the chart (hover-only information, on screen too).
        lists = driver.find_elements(By.CSS_SELECTOR, "#charts figure details.chart-notes")
        if not lists:
            fail("no ladder lists the events behind its symbols")
        lists[0].find_element(By.TAG_NAME, "summary").click()
        items = lists[0].find_elements(By.TAG_NAME, "li")
        if not items or not items[0].is_displayed() or not items[0].text.strip():
            fail("a ladder's list of events does not open")
        lists[0].find_element(By.TAG_NAME, "summary").click()
        print(f"ladders: {len(lists)} with event lists, the first with {len(items)} events")
        before = share(driver)
        first_chart = charts[0].get_attribute("outerHTML")
        driver.save_screenshot(os.path.join(outdir, "1-start.png"))
        print(f"start: exporting share {before} %, {len(charts)} charts")

        # 0 -> 0.6 in steps of 0.05: twelve presses of the right arrow.
        press(driver, "lever-policy-exportPromotion", Keys.ARROW_RIGHT, 12)
        value = float(slider.get_attribute("value"))
        if abs(value - 0.6) > 1e-9:
            fail(f"the slider is at {value}, not 0.6")
        n = settled(driver, n)
        after = share(driver)
        redrawn = driver.find_elements(By.CSS_SELECTOR, "#charts figure svg")[0].get_attribute("outerHTML")
        print(f"export promotion 0.6: exporting share {after} % ({draws(driver)} draws)")
        if not after > before:
            fail(f"the exporting share did not rise with export promotion: {before} % -> {after} %")
        if redrawn == first_chart:
            fail("the path-share chart was not redrawn")
        run_info = driver.find_element(By.ID, "run-info").text
        if "policy.exportPromotion=0.6" not in run_info:
            fail("the settings shown do not include policy.exportPromotion=0.6: " + run_info)
        driver.save_screenshot(os.path.join(outdir, "2-export-promotion.png"))

        # Compare: pin A, move global vision, see both.
        driver.find_element(By.ID, "pin").click()
        press(driver, "lever-population-globalVision", Keys.ARROW_RIGHT, 8)
        n = settled(driver, n)
        compare = driver.find_element(By.ID, "compare")
        if not compare.is_displayed():
            fail("the comparison is not shown after pinning A")
        if not driver.find_elements(By.CSS_SELECTOR, "#chart-a svg") or not driver.find_elements(By.CSS_SELECTOR, "#chart-b svg"):
            fail("A and B charts are not both shown")
        differences = driver.find_element(By.ID, "compare-settings").text
        if "Global vision: A" not in differences or ", B " not in differences:
            fail("the differing setting is not listed: " + differences)
        rows = driver.find_elements(By.CSS_SELECTOR, "#compare-table tbody tr")
        if len(rows) < 6:
            fail(f"the comparison table has {len(rows)} rows")
        print("compare: " + differences.replace("\n", "; "))
        driver.execute_script("document.getElementById('compare').scrollIntoView()")
        driver.save_screenshot(os.path.join(outdir, "3-compare.png"))
        docs = os.environ.get("EXPLORER_DOCS_SCREENSHOT")
        if docs:
            # The README's picture: the top of the page with A pinned and B beside it.
            driver.set_window_size(1400, 1050)
            driver.execute_script("window.scrollTo(0, 0)")
            time.sleep(0.5)
            driver.save_screenshot(docs)
            driver.set_window_size(1400, 2000)

        # A firm's story: the first path with an example firm.
        button = next((b for b in driver.find_elements(By.CSS_SELECTOR, "#path-list button") if b.is_enabled()), None)
        if button is None:
            fail("no path offers an example firm")
        label = button.text
        button.click()
        wait_for("the story", lambda: driver.find_element(By.ID, "story").is_displayed()
                 and "Path:" in driver.find_element(By.ID, "story-text").text)
        title = driver.find_element(By.ID, "story-title").text
        print(f"story: {title} (from '{label}')")
        driver.save_screenshot(os.path.join(outdir, "4-story.png"))

        driver.find_element(By.ID, "projector").click()
        driver.execute_script("window.scrollTo(0, 0)")
        time.sleep(0.3)
        driver.save_screenshot(os.path.join(outdir, "5-projector.png"))

        # The print handout: settings, the charts and one story per path on two A4 pages.
        driver.find_element(By.ID, "projector").click()  # back to the normal mode
        driver.execute_script("window.__printed = 0; window.print = () => { window.__printed += 1; };")
        driver.find_element(By.ID, "print").click()
        wait_for("the handout", lambda: driver.execute_script("return window.__printed") == 1)
        examples = [b for b in driver.find_elements(By.CSS_SELECTOR, "#path-list button") if b.is_enabled()]
        stories = driver.find_elements(By.CSS_SELECTOR, "#handout-stories article")
        if len(stories) != len(examples):
            fail(f"the handout holds {len(stories)} stories for {len(examples)} paths with an example firm")
        if any(not a.find_elements(By.TAG_NAME, "p") for a in stories):
            fail("a story of the handout has no text")
        if not driver.find_elements(By.CSS_SELECTOR, "#handout-settings li"):
            fail("the handout lists no settings")
        a4 = PrintOptions()
        a4.page_width, a4.page_height = 21.0, 29.7
        a4.background = True
        pdf = base64.b64decode(driver.print_page(a4))
        with open(os.path.join(outdir, "handout.pdf"), "wb") as f:
            f.write(pdf)
        pages = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))
        if pages == 0:
            fail("cannot count the pages of the printed handout")
        print(f"print handout: {pages} A4 page(s), {len(stories)} stories")
        if pages > 2:
            fail(f"the print handout takes {pages} A4 pages (two at most)")

        errors = [entry for entry in driver.get_log("browser") if entry.get("level") == "SEVERE"]
        if errors:
            fail("browser console errors: " + "; ".join(e.get("message", "") for e in errors))
        print("console: no errors")
    finally:
        driver.quit()
    print("check-explorer: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
