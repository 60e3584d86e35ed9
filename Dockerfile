# The minvard bot as a container image: docs/operations.md ("Container") says how to run it.
#   docker build -t minvard .
#   docker run -v minvard-data:/var/lib/minvard -v ./minvard.toml:/etc/minvard/minvard.toml:ro minvard
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# A fixed uid, so a volume or a host folder can be given to it by number.
RUN groupadd --system --gid 10001 minvard \
 && useradd --system --uid 10001 --gid minvard --home-dir /var/lib/minvard --no-create-home \
        --shell /usr/sbin/nologin minvard \
 && install -d -o minvard -g minvard -m 0750 /var/lib/minvard \
 && install -d -m 0755 /etc/minvard

WORKDIR /opt/minvard
# Only what the package needs (.dockerignore keeps tests, data and the virtualenv out).
COPY pyproject.toml README.md ./
COPY adapters ./adapters
COPY bot ./bot
COPY flows ./flows
COPY storage ./storage
RUN pip install . && rm -rf /opt/minvard/build

USER minvard
# Relative paths in the config (the SQLite file, the Matrix store) land in the volume.
WORKDIR /var/lib/minvard
VOLUME ["/var/lib/minvard"]

# /healthz, /readyz and /metrics: the config must say [observability] listen = "0.0.0.0:9108".
EXPOSE 9108
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:9108/healthz', timeout=4).status != 200)"]

ENTRYPOINT ["minvard"]
CMD ["run", "--config", "/etc/minvard/minvard.toml"]
