"""Copy the front-end libraries that `npm ci` put in web/node_modules into the
Python package, each under a version-named folder, and write the manifest the
web app reads to link them.

Why copy rather than serve node_modules: the installed package must carry its
assets (users may be offline; nothing is loaded from a CDN), and a version in
every path means a browser never mixes a cached old file with a new one.
The copies are build output and git-ignored; `make install` makes them.
"""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODULES = ROOT / "web" / "node_modules"
TARGET = ROOT / "src" / "ratline" / "web" / "static" / "vendor"

# package -> files the pages use (paths inside the package)
FILES = {
    "cytoscape": ["dist/cytoscape.min.js"],
    "leaflet": ["dist/leaflet.js", "dist/leaflet.css"],
    "leaflet.markercluster": ["dist/leaflet.markercluster.js", "dist/MarkerCluster.css",
                              "dist/MarkerCluster.Default.css"],
    "topojson-client": ["dist/topojson-client.min.js"],
    "world-atlas": ["countries-50m.json"],
    "chart.js": ["dist/chart.umd.min.js"],
    "swagger-ui-dist": ["swagger-ui-bundle.js", "swagger-ui.css"],
}


def main() -> int:
    if TARGET.exists():
        shutil.rmtree(TARGET)
    manifest: dict[str, dict[str, str]] = {}
    for package, files in FILES.items():
        meta = json.loads((MODULES / package / "package.json").read_text(encoding="utf-8"))
        folder = f"{package}-{meta['version']}"
        manifest[package] = {}
        for rel in files:
            dest = TARGET / folder / Path(rel).name
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(MODULES / package / rel, dest)
            manifest[package][Path(rel).name] = f"vendor/{folder}/{Path(rel).name}"
    (TARGET / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    print(f"front-end assets copied to {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
