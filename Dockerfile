# Multi-stage build: Maven builds the fat jar, a slim JRE runs it as a non-root user.
# Not built on the development machines (they have no Docker engine); kept simple to be correct by reading.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY pom.xml .
RUN mvn -B -ntp -q dependency:go-offline
COPY src ./src
# conf/gavel.yaml and conf/campaigns.json are built into the jar as its defaults (pom.xml)
COPY conf ./conf
RUN mvn -B -ntp -q package -DskipTests

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
 && groupadd --system gavel && useradd --system --gid gavel --home-dir /app gavel
WORKDIR /app
COPY --from=build /build/target/gavel.jar /app/gavel.jar
# Config is mounted (or baked) under /app/conf: docker run -v $PWD/conf:/app/conf:ro ...
COPY conf /app/conf
# The embedded Kafka and PostgreSQL (the default) and the event spool write here; in production
# point kafka.bootstrapServers and postgres.url elsewhere and keep only the spool on this volume.
RUN mkdir -p /app/data && chown gavel:gavel /app/data
VOLUME /app/data
USER gavel
EXPOSE 8080
# A 20 ms G1 pause goal: a GC pause is what most often holds an auction past its deadline.
ENV JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:MaxGCPauseMillis=20 -XX:+ExitOnOutOfMemoryError"
HEALTHCHECK --interval=10s --timeout=2s --start-period=20s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/health || exit 1
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/gavel.jar --config /app/conf/gavel.yaml"]
