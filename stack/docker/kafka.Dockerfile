# The Kafka broker as the local stack runs it (stack/kafka), on the shared JRE image, as uid 185.
# The build context is assembled by bin/cutover images: the broker's jars, stack/kafka's scripts
# and tables, topics.properties and the entrypoint.
ARG JRE
FROM ${JRE}
USER root
COPY kafka-libs/ /opt/cutover/kafka-libs/
COPY stack/ /opt/cutover/stack/
COPY topics.properties kafka-entrypoint.sh /opt/cutover/
RUN mkdir -p /var/lib/kafka && chown 185:0 /var/lib/kafka && chmod 755 /opt/cutover/kafka-entrypoint.sh
USER 185
VOLUME /var/lib/kafka
EXPOSE 9092
ARG REVISION=unknown
LABEL org.opencontainers.image.title="cutover-kafka" org.opencontainers.image.revision="${REVISION}"
HEALTHCHECK --interval=5s --timeout=3s --start-period=60s --retries=3 CMD test -f /var/lib/kafka/ready
ENTRYPOINT ["/opt/cutover/kafka-entrypoint.sh"]
