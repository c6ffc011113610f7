# Multi-stage build: Maven builds the jars, a slim JRE runs one as a non-root user.
# Not built on the development machines (they have no Docker engine); kept simple to be correct by reading.
#
#   docker build -t gavel .                      # the product (the last stage): gavel.jar on your
#                                                # Kafka and PostgreSQL (GAVEL_KAFKA_BOOTSTRAP_SERVERS,
#                                                # GAVEL_POSTGRES_URL, GAVEL_POSTGRES_USER, ..._PASSWORD)
#   docker build --target local -t gavel-local . # a trial: embedded Kafka and PostgreSQL inside
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY pom.xml .
COPY src/testkit/pom.xml src/testkit/
COPY src/server/pom.xml src/server/
COPY src/tools/pom.xml src/tools/
COPY conf ./conf
RUN mvn -B -ntp -q dependency:go-offline || true
COPY src ./src
# conf/gavel.yaml and conf/campaigns.json are built into gavel.jar as its defaults (src/server/pom.xml)
RUN mvn -B -ntp -q package -DskipTests

FROM eclipse-temurin:17-jre AS base
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
 && groupadd --system gavel && useradd --system --gid gavel --home-dir /app gavel
WORKDIR /app
# Config is mounted (or baked) under /app/conf: docker run -v $PWD/conf:/app/conf:ro ...
COPY conf /app/conf
# The event spool (events kept while Kafka is away) writes here, and in the local image the
# embedded Kafka and PostgreSQL too.
RUN mkdir -p /app/data && chown gavel:gavel /app/data
VOLUME /app/data
USER gavel
EXPOSE 8080
# The campaign admin API listens on 127.0.0.1 by default: GAVEL_ADMIN_HOST=0.0.0.0 and -p 8081:8081 to reach it.
EXPOSE 8081
# A 20 ms G1 pause goal: a GC pause is what most often holds an auction past its deadline. The
# heap is sized once and touched at start, so page faults on fresh heap do not lengthen a pause
# (README, "Deadlines"); the container's memory use is then steady from the first second.
ENV JAVA_OPTS="-XX:InitialRAMPercentage=75 -XX:MaxRAMPercentage=75 -XX:+AlwaysPreTouch -XX:MaxGCPauseMillis=20 -XX:+ExitOnOutOfMemoryError"
HEALTHCHECK --interval=10s --timeout=2s --start-period=90s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/health || exit 1

FROM base AS local
COPY --from=build /build/target/gavel-tools.jar /app/gavel-tools.jar
# The trial runs four processes in the container: Gavel (serving), its consumers (-Xmx512m,
# embedded.consumersJvmOptions), the broker (-Xmx512m) and PostgreSQL. A share of the container
# for Gavel's heap would leave the others nothing, so its heap is fixed: give the container 3 GB.
ENV JAVA_OPTS="-Xms1g -Xmx1g -XX:+AlwaysPreTouch -XX:MaxGCPauseMillis=20 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/gavel-tools.jar --config /app/conf/gavel.yaml"]

FROM base AS server
COPY --from=build /build/target/gavel.jar /app/gavel.jar
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/gavel.jar --config /app/conf/gavel.yaml"]
