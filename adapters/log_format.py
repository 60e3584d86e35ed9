"""How log lines look: `[logging] format = "text"` (for people) or `"json"` (for a collector).

A JSON line is one object: time (UTC, ISO 8601), level, logger, message. The message is the
same as in text, and our log calls carry opaque ids only (DESIGN 12). A failure adds the
exception's type and where it happened (file, line, function) but not its message or the
traceback's text: an exception's message may quote what it failed on (a value, a reply from a
platform), and a JSON log is made to be shipped elsewhere.
"""

from __future__ import annotations

import json
import logging
import sys
import traceback
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.config import LoggingConfig

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class JsonLines(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info and record.exc_info[0] is not None:
            kind, _, trace = record.exc_info
            line["error"] = kind.__name__
            line["at"] = [
                f"{Path(frame.filename).name}:{frame.lineno} {frame.name}"
                for frame in traceback.extract_tb(trace)
            ]
        return json.dumps(line, ensure_ascii=False)


def configure_logging(config: LoggingConfig) -> None:
    """The root logger to stderr in the configured level and format."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonLines() if config.format == "json" else logging.Formatter(TEXT_FORMAT))
    logging.basicConfig(level=config.level, handlers=[handler])
