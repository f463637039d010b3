#!/usr/bin/env python3
"""Trunk post_build hook: allow exactly the inline scripts Trunk wrote, by hash.

Reads $TRUNK_STAGING_DIR/index.html, computes the sha256 of every inline <script> body
and appends them to the script-src directive of the Content-Security-Policy meta. Fails
the build if there is no such meta, so the page never ships with its loader blocked.
Run by Trunk (see Trunk.toml); by hand: TRUNK_STAGING_DIR=dist python3 scripts/csp_hashes.py
"""

import base64
import hashlib
import os
import re
import sys

INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.S | re.I)
CSP_META = re.compile(
    r'(<meta\s+http-equiv="Content-Security-Policy"\s+content=")([^"]*)(")', re.I
)


def csp_hash(script_body: str) -> str:
    digest = hashlib.sha256(script_body.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def with_script_hashes(policy: str, hashes: list[str]) -> str:
    directives = [d.strip() for d in policy.split(";") if d.strip()]
    out = []
    for directive in directives:
        name, *sources = directive.split()
        if name == "script-src":
            # Drop hashes of an earlier build (the hook may run twice on the same file).
            sources = [s for s in sources if not s.startswith("'sha256-")] + hashes
        out.append(" ".join([name, *sources]))
    return "; ".join(out)


def main() -> int:
    staging = os.environ.get("TRUNK_STAGING_DIR")
    if not staging:
        print("csp_hashes.py: TRUNK_STAGING_DIR is not set", file=sys.stderr)
        return 1
    path = os.path.join(staging, "index.html")
    with open(path, encoding="utf-8") as f:
        html = f.read()
    hashes = sorted({csp_hash(body) for body in INLINE_SCRIPT.findall(html)})
    match = CSP_META.search(html)
    if match is None:
        print(f"csp_hashes.py: no Content-Security-Policy meta in {path}", file=sys.stderr)
        return 1
    policy = with_script_hashes(match.group(2), hashes)
    html = html[: match.start(2)] + policy + html[match.end(2) :]
    with open(path, "w", encoding="utf-8") as f:
        f.write(html)
    print(f"csp_hashes.py: {len(hashes)} inline script hash(es) added to script-src")
    return 0


if __name__ == "__main__":
    sys.exit(main())
