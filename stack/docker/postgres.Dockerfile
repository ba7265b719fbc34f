# PostgreSQL 15 + PostGIS 3 from Debian's packages (the local stack's extensions: postgis and
# pg_stat_statements), run as the postgres user. The build context is the repository's sql/control
# and this entrypoint, copied by bin/cutover images.
ARG BASE
FROM ${BASE}
# no default cluster: the entrypoint makes the one this image serves; a fixed uid (999) so secrets
# mounted from the host can belong to it alone
RUN groupadd --system --gid 999 postgres \
 && useradd --system --uid 999 --gid 999 --home-dir /var/lib/postgresql --create-home --shell /bin/bash postgres \
 && mkdir -p /etc/postgresql-common && echo 'create_main_cluster = false' >/etc/postgresql-common/createcluster.conf \
 && apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql-15 postgresql-15-postgis-3 \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /var/lib/cutover-postgres /var/run/postgresql \
 && chown postgres:postgres /var/lib/cutover-postgres /var/run/postgresql
COPY roles.sql postgres-entrypoint.sh /opt/cutover/
USER postgres
ENV PGDATA=/var/lib/cutover-postgres/data
VOLUME /var/lib/cutover-postgres
EXPOSE 5432
ARG REVISION=unknown
LABEL org.opencontainers.image.title="cutover-postgres" org.opencontainers.image.revision="${REVISION}"
HEALTHCHECK --interval=5s --timeout=3s --start-period=60s --retries=3 \
  CMD test -f /var/lib/cutover-postgres/ready && /usr/lib/postgresql/15/bin/pg_isready -q -h 127.0.0.1
ENTRYPOINT ["/bin/bash", "/opt/cutover/postgres-entrypoint.sh"]
