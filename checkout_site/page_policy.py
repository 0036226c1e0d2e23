"""The security headers the checkout page is served with: a strict Content-Security-Policy built
from its config.json, and the headers around it. `checkout_site/app.py` sends them on every serving;
the README shows the policy to deploy.

What the page's own runtime needs was measured (headless Chromium 156; PyScript 0.7.31,
MicroPython 1.28.0-6, Pyodide 314.0.7): scripts and modules from 'self'; 'wasm-unsafe-eval' for
the two wasm runtimes; workers from `blob:` and 'self' (PyScript makes every worker from a blob,
which inherits this policy, and Firefox checks the modules that worker imports from our origin
against `worker-src` too, whatwg/html#9571, where Chromium and WebKit use `script-src`: with
`worker-src blob:` alone the worker could not start in Firefox); `connect-src` for the runtime files
and the API, which the worker calls under this same policy. No 'unsafe-eval' (static/checkout.mjs
removes PyScript's one use of eval) and no 'unsafe-inline' for scripts or styles. Checked in
Chromium, Firefox and WebKit by the end-to-end tests.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from config import CheckoutConfig

# Spektrix's live component host.                                              [official]
SPEKTRIX_COMPONENT_ORIGIN = "https://webcomponents.spektrix.com"
# What Adyen's web components load and call, for the live component, which is powered by Adyen
# (Adyen/adyen-web packages/lib/src/core/Environment/constants.ts).              [3rd-party]
# Regional Adyen accounts use the -live-us, -live-au, -live-apse or -live-in hosts instead.
ADYEN_ORIGINS = ("https://checkoutshopper-live.adyen.com",)
ADYEN_CONNECT_ORIGINS = (*ADYEN_ORIGINS, "https://checkoutanalytics-live.adyen.com")
# 3-D Secure 2 challenges POST to the card issuer's own server inside a frame: unknown hosts
# (adyen-web ThreeDS2Form; docs.adyen.com native 3DS2).                          [3rd-party]
ISSUER_FRAMES = "https:"

# Adyen's 3-D Secure frames are delegated `payment` and `publickey-credentials-get` (adyen-web
# PR #4116): restricting either here would block that delegation, so they stay allowed.
PERMISSIONS_POLICY = ", ".join([
    *(f"{feature}=()" for feature in (
        "camera", "microphone", "geolocation", "usb", "serial", "hid", "midi",
        "accelerometer", "gyroscope", "magnetometer", "display-capture", "xr-spatial-tracking",
    )),
    "payment=*",
    "publickey-credentials-get=*",
])


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def content_security_policy(config: CheckoutConfig, report_uri: str = "") -> str:
    """The page's policy for this configuration: the custom domain for the API, the component's
    host for its script and stylesheet, and Adyen's hosts when the component is Spektrix's.
    With `report_uri`, browsers POST each violation there, those inside the page's workers too
    (which the page's own `securitypolicyviolation` listeners never hear of)."""
    script_hosts = [origin_of(config.component_script)]
    style_hosts = [origin_of(config.component_stylesheet)]
    connect_hosts = [config.custom_domain_origin]
    # Images: our own (the theatre's logo), the `data:` icon, and the events' images, which
    # Spektrix answers on the custom domain (the one origin we already trust with the API).
    frames, forms, images = "'none'", "'self'", ["'self'", "data:", config.custom_domain_origin]
    if SPEKTRIX_COMPONENT_ORIGIN in script_hosts:
        script_hosts += ADYEN_ORIGINS
        style_hosts += ADYEN_ORIGINS
        connect_hosts += ADYEN_CONNECT_ORIGINS
        images += ADYEN_ORIGINS
        frames, forms = ISSUER_FRAMES, f"'self' {ISSUER_FRAMES}"
    directives = {
        "default-src": "'none'",
        "script-src": _sources("'self'", "'wasm-unsafe-eval'", *script_hosts),
        "worker-src": "'self' blob:",
        "connect-src": _sources("'self'", *connect_hosts),
        "style-src": _sources("'self'", *style_hosts),
        "img-src": _sources(*images),
        "font-src": _sources("'self'", *style_hosts),
        "frame-src": frames,
        "form-action": forms,
        "base-uri": "'none'",
        "object-src": "'none'",
        "frame-ancestors": "'none'",  # a payment page must not be framed by another site
    }
    if report_uri:
        directives["report-uri"] = report_uri  # the one way every engine reports (report-to is not)
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def security_headers(config: CheckoutConfig, report_uri: str = "") -> dict[str, str]:
    return {
        "Content-Security-Policy": content_security_policy(config, report_uri),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "Permissions-Policy": PERMISSIONS_POLICY,
    }


def _sources(*sources: str) -> str:
    """Sources in order, each once."""
    return " ".join(dict.fromkeys(sources))
