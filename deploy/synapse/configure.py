"""Synapse's config for the pilot, run once before Synapse starts (service `synapse-config`).

The image's `generate` writes /data/homeserver.yaml with its signing key and secrets the first
time; this then sets what the pilot needs on every start, from the environment: PostgreSQL
instead of SQLite, the shared registration secret the provisioning step uses, and no open
registration. Runs in the matrixdotorg/synapse image (Python and PyYAML are there).
"""

import os
import subprocess
import sys
from pathlib import Path

import yaml

CONFIG = Path(os.environ.get("SYNAPSE_CONFIG_PATH", "/data/homeserver.yaml"))
OWNER = int(os.environ.get("UID", "991")), int(os.environ.get("GID", "991"))


def main() -> int:
    if not CONFIG.exists():
        subprocess.run(["/start.py", "generate"], check=True)
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    config["database"] = {
        "name": "psycopg2",
        "args": {
            "user": "synapse",
            "password": os.environ["SYNAPSE_DB_PASSWORD"],
            "dbname": "synapse",
            "host": os.environ.get("SYNAPSE_DB_HOST", "postgres"),
            "cp_min": 2,
            "cp_max": 10,
        },
    }
    config["registration_shared_secret"] = os.environ["SYNAPSE_REGISTRATION_SHARED_SECRET"]
    config["enable_registration"] = False
    config["report_stats"] = False
    public = os.environ.get("SYNAPSE_PUBLIC_BASEURL", "")
    if public:
        config["public_baseurl"] = public
    CONFIG.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    CONFIG.chmod(0o600)
    os.chown(CONFIG, *OWNER)
    print(f"{CONFIG}: database PostgreSQL, registration closed", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
