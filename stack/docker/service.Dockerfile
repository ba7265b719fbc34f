# One Cutover service: its packaged Quarkus application (the build context is <module>/target/quarkus-app)
# on the shared JRE image, as uid 185. migration-service adds postgresql-client (pg_dump for BACKUP).
ARG JRE
FROM ${JRE}
ARG PACKAGES=""
USER root
RUN if [ -n "${PACKAGES}" ]; then \
      apt-get update \
      && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${PACKAGES} \
      && rm -rf /var/lib/apt/lists/*; \
    fi \
 && mkdir -p /deployments/backups && chown -R 185:0 /deployments
WORKDIR /deployments
COPY --chown=185:0 lib/ /deployments/lib/
COPY --chown=185:0 *.jar /deployments/
COPY --chown=185:0 app/ /deployments/app/
COPY --chown=185:0 quarkus/ /deployments/quarkus/
USER 185
ARG PORT
ARG SERVICE
ARG REVISION=unknown
LABEL org.opencontainers.image.title="${SERVICE}" org.opencontainers.image.revision="${REVISION}"
ENV CUTOVER_HTTP_PORT=${PORT} CUTOVER_HTTP_HOST=0.0.0.0 \
    JAVA_OPTS_APPEND="-Xmx256m -XX:+ExitOnOutOfMemoryError -Djava.util.logging.manager=org.jboss.logmanager.LogManager"
EXPOSE ${PORT}
HEALTHCHECK --interval=5s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS -o /dev/null "http://127.0.0.1:${CUTOVER_HTTP_PORT}/q/health/ready" || exit 1
ENTRYPOINT ["/bin/sh", "-c", "exec java $JAVA_OPTS_APPEND -jar /deployments/quarkus-run.jar"]
