# The Java runtime every JVM image of Cutover starts from: Debian's OpenJDK 17 JRE on the base image,
# and the unprivileged user (uid 185, group 0) the services and the broker run as.
ARG BASE
FROM ${BASE}
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends openjdk-17-jre-headless ca-certificates curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 185 --gid 0 --home-dir /deployments --create-home --shell /usr/sbin/nologin cutover
ARG REVISION=unknown
LABEL org.opencontainers.image.title="cutover-jre" org.opencontainers.image.revision="${REVISION}"
