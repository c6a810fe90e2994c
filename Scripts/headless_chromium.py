"""Drives Debian's headless Chromium over the DevTools protocol on a pipe
(--remote-debugging-pipe: NUL-separated JSON on file descriptors 3 and 4), so a test needs
no WebDriver, no websocket library and no network port.

    with Browser(lang="en-US") as browser:
        page = browser.open("file:///tmp/x/index.html#receipt=...", width=390, height=844)
        page.wait_for("document.getElementById('verdict').hasAttribute('data-ok')")
        page.evaluate("document.title")
        page.screenshot("/tmp/x/shot.png")
"""
import base64
import json
import os
import shutil
import subprocess
import tempfile
import time


class BrowserError(Exception):
    pass


class Browser:
    def __init__(self, lang="en-US", timeout=30.0):
        self.lang, self.timeout = lang, timeout
        self.profile = tempfile.mkdtemp(prefix="civic-chromium.")
        self.buffer, self.next_id, self.events = b"", 0, []

    def __enter__(self):
        to_browser_read, self.to_browser = os.pipe()
        self.from_browser, from_browser_write = os.pipe()

        def child_fds():
            os.dup2(to_browser_read, 3)
            os.dup2(from_browser_write, 4)

        self.process = subprocess.Popen(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--mute-audio",
             "--no-first-run", "--disable-extensions", "--disable-background-networking", "--disable-sync",
             "--font-render-hinting=none", "--force-device-scale-factor=1", f"--lang={self.lang}",
             f"--user-data-dir={self.profile}", "--remote-debugging-pipe", "about:blank"],
            pass_fds=(3, 4), preexec_fn=child_fds, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env={**os.environ, "LANGUAGE": self.lang.replace("-", "_"), "LANG": "C.UTF-8"})
        os.close(to_browser_read)
        os.close(from_browser_write)
        return self

    def __exit__(self, *exc):
        try:
            self.send("Browser.close")
        except (BrowserError, OSError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for fd in (self.to_browser, self.from_browser):
            try:
                os.close(fd)
            except OSError:
                pass
        shutil.rmtree(self.profile, ignore_errors=True)

    def _read_message(self, deadline):
        while b"\0" not in self.buffer:
            if time.monotonic() > deadline:
                raise BrowserError("chromium did not answer in time")
            chunk = os.read(self.from_browser, 1 << 16)
            if not chunk:
                raise BrowserError("chromium closed the DevTools pipe")
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(line)

    def send(self, method, params=None, session=None):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + self.timeout
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error'].get('message')}")
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)

    def user_agent(self):
        if not hasattr(self, "_user_agent"):
            self._user_agent = self.send("Browser.getVersion")["userAgent"]
        return self._user_agent

    def open(self, url, width=390, height=844):
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        page = Page(self, session)
        page.send("Network.enable")
        page.send("Page.enable")
        page.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": True})
        # --lang alone does not reach navigator.language in headless mode; these do.
        page.send("Emulation.setLocaleOverride", {"locale": self.lang})
        page.send("Emulation.setUserAgentOverride", {"userAgent": self.user_agent(), "acceptLanguage": self.lang})
        page.navigate(url)
        return page


class Page:
    def __init__(self, browser, session):
        self.browser, self.session = browser, session

    def send(self, method, params=None):
        return self.browser.send(method, params, self.session)

    def navigate(self, url):
        self.send("Page.navigate", {"url": url})
        self.wait_for("document.readyState === 'complete'")

    def evaluate(self, expression):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in result:
            raise BrowserError(f"script error: {result['exceptionDetails'].get('text')}")
        return result["result"].get("value")

    def wait_for(self, expression, timeout=20.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.evaluate(f"Boolean({expression})"):
                return
            time.sleep(0.05)
        raise BrowserError(f"timed out waiting for {expression}")

    def set_file(self, selector, path):
        document = self.send("DOM.getDocument")["root"]["nodeId"]
        node = self.send("DOM.querySelector", {"nodeId": document, "selector": selector})["nodeId"]
        self.send("DOM.setFileInputFiles", {"nodeId": node, "files": [path]})

    def requests(self):
        """The URLs of every request the page made (Network.requestWillBeSent)."""
        return [event["params"]["request"]["url"] for event in self.browser.events
                if event.get("sessionId") == self.session and event.get("method") == "Network.requestWillBeSent"]

    def screenshot(self, path):
        data = self.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": False})["data"]
        with open(path, "wb") as file:
            file.write(base64.b64decode(data))


def receipt_verdict(page_path, receipt_bytes, lang="en-US"):
    """Opens the donor page with the receipt in its #receipt= fragment; returns
    (data-ok, the verdict sentence, the summary lines shown)."""
    url = "file://" + os.path.abspath(page_path) + "#receipt=" + base64.urlsafe_b64encode(receipt_bytes).decode().rstrip("=")
    with Browser(lang=lang) as browser:
        page = browser.open(url)
        page.wait_for("document.getElementById('verdict').hasAttribute('data-ok')")
        verdict = page.evaluate("(() => { const v = document.getElementById('verdict'); return [v.getAttribute('data-ok'), v.textContent]; })()")
        gist = page.evaluate("Array.from(document.querySelectorAll('#gist dt'), dt => dt.textContent + ': ' + dt.nextElementSibling.textContent)")
    return verdict[0] == "true", verdict[1], gist


if __name__ == "__main__":
    # python3 Scripts/headless_chromium.py PAGE.html RECEIPT: prints the page's verdict on the
    # receipt; exit 0 when it says genuine, 1 when it refuses it.
    import sys
    if len(sys.argv) != 3:
        sys.exit("usage: headless_chromium.py PAGE.html RECEIPT")
    with open(sys.argv[2], "rb") as file:
        ok, sentence, lines = receipt_verdict(sys.argv[1], file.read())
    print(("data-ok=true: " if ok else "data-ok=false: ") + sentence)
    for line in lines:
        print("  " + line)
    sys.exit(0 if ok else 1)
