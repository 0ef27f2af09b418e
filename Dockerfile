# One image recipe for every Chuishao service; the build argument SERVICE names which one. Build from
# the repository root (the context needs shared/ and constraints.txt):
#   docker build --build-arg SERVICE=dispatch --build-arg PORT=8002 -t chuishao/dispatch:dev .
#   docker build --build-arg SERVICE=intake --build-arg PORT=8001 --build-arg EXTRAS='[s3]' -t chuishao/intake:dev .
# docker-compose.yml passes each service's arguments. An image holds only chuishao-shared and the
# named service (services/<SERVICE>/), pinned by constraints.txt. A new service (community) needs
# no Dockerfile of its own: a package under services/<name>/ with a `python -m chuishao_<name>`.
ARG PYTHON_IMAGE=python:3.11-slim-bookworm

FROM ${PYTHON_IMAGE} AS builder
# The service's directory under services/ (intake, dispatch, tracking, notify, …); required.
ARG SERVICE
# Optional extras of the service's package, e.g. "[s3]" for intake's S3-compatible photo storage.
ARG EXTRAS=""
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PYTHONDONTWRITEBYTECODE=1
RUN test -n "${SERVICE}" || { echo "set --build-arg SERVICE=<name of a directory under services/>" >&2; exit 1; }
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /src
COPY constraints.txt ./
# shared/ first: its third-party dependencies change less often than the service's code, so this
# layer stays cached across service-only changes (and is shared by every service's build).
COPY shared/ shared/
RUN pip install -c constraints.txt ./shared
COPY services/${SERVICE}/ services/${SERVICE}/
RUN pip install -c constraints.txt "./services/${SERVICE}${EXTRAS}" \
 && pip check

FROM ${PYTHON_IMAGE} AS runtime
ARG SERVICE
# The port the service listens on (intake 8001, dispatch 8002, tracking 8003, notify 8004,
# community 8005).
ARG PORT=8000
ARG UID=10001
RUN groupadd --system --gid ${UID} chuishao \
 && useradd --system --uid ${UID} --gid chuishao --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin chuishao \
 && install -d -o ${UID} -g ${UID} /var/lib/chuishao /var/lib/chuishao/photos
COPY --from=builder /opt/venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    SERVICE_MODULE=chuishao_${SERVICE} \
    CHUISHAO_HOST=0.0.0.0 \
    CHUISHAO_PORT=${PORT} \
    CHUISHAO_PHOTO_DIR=/var/lib/chuishao/photos
USER ${UID}:${UID}
EXPOSE ${PORT}
# Liveness only (no database, no broker): slim has no curl, so the standard library does it.
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["python", "-c", "import os, urllib.request as u; u.urlopen('http://127.0.0.1:%s/healthz' % os.environ['CHUISHAO_PORT'], timeout=2)"]
# `python -m chuishao_<SERVICE>` with the command's arguments; exec, so the service itself is PID 1
# and gets the stop signal.
ENTRYPOINT ["/bin/sh", "-c", "exec python -m \"$SERVICE_MODULE\" \"$@\"", "--"]
# Default: migrate, then serve. docker-compose.yml and deploy/k8s run "migrate" as a one-shot step
# and the service with "serve --no-migrate", so replicas never race on the same migration.
CMD ["serve"]
