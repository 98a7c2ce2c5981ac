# Tierblog's container image: the web tier only; PostgreSQL runs elsewhere (compose.yaml's `db`,
# a managed server, ...) and is reached through DATABASE_URL. docs/deployment.md shows the routes.
#
# The build runs the README's own steps, so every CI run exercises them: `./mvnw … package`
# builds app/target/tierblog.jar, and the image runs it with `java -jar`.

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -ntp -DskipTests package

FROM eclipse-temurin:17-jre
# A user of its own, numeric so that Kubernetes' runAsNonRoot can check it.
RUN groupadd --system --gid 10001 tierblog \
 && useradd --system --uid 10001 --gid tierblog --home-dir /app --no-create-home --shell /usr/sbin/nologin tierblog
WORKDIR /app
COPY --from=build /src/app/target/tierblog.jar /app/tierblog.jar
COPY deploy/docker/healthcheck.sh deploy/docker/record-class-archive.sh /app/

# The class-data sharing archive, recorded here with this image's JVM and jar (the JVM ignores an
# archive made for another of either) and the JVM settings below. Recording needs no database:
# the server starts while its data tier is unreachable and serves its outage and form pages.
# It halves the JVM's start-up (docs/performance.md). It is a static archive: the classes that
# run loaded, the JDK's among them, dumped into one file that needs no base archive of the JRE's.
RUN bash /app/record-class-archive.sh /app/tierblog.jar /app/tierblog.jsa \
      -Xmx256m -Xmn64m -XX:+UseSerialGC -XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=1000

# The JVM settings of docs/operations.md: the C library keeps two arenas, the JVM gives freed
# native memory back every second.
ENV MALLOC_ARENA_MAX=2 \
    PORT=8080 \
    TIERBLOG_MANAGEMENT_PORT=8081

USER 10001:10001
# 8080: pages (PORT); 8081: /health, /health/liveness, /health/readiness, /prometheus
# (TIERBLOG_MANAGEMENT_PORT), for probes and scraping only.
EXPOSE 8080 8081
# The server drains requests in flight on SIGTERM (TIERBLOG_SHUTDOWN_GRACE_PERIOD, default 20s):
# give it more than that before a kill (compose.yaml's stop_grace_period, Kubernetes'
# terminationGracePeriodSeconds).
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["bash", "/app/healthcheck.sh", "/health/liveness"]

ENTRYPOINT ["java", "-Xmx256m", "-Xmn64m", "-XX:+UseSerialGC", "-XX:+UnlockExperimentalVMOptions", "-XX:TrimNativeHeapInterval=1000", "-XX:SharedArchiveFile=/app/tierblog.jsa", "-jar", "/app/tierblog.jar"]
CMD ["serve"]
