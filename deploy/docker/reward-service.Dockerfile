# reward-service on the JVM (CPU). Build from the repository root after ./mvnw -B -DskipTests package:
#   docker build -f deploy/docker/reward-service.Dockerfile -t tempered/reward-service:0.1.0 .
FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 tempered && useradd --system --uid 10001 --gid 10001 tempered
WORKDIR /app
COPY reward-service/target/reward-service.jar /app/app.jar
USER 10001:10001
EXPOSE 8083
# Natives (libtorch) are inside the jar; DJL extracts them to DJL_CACHE_DIR and downloads nothing.
ENV SERVER_PORT=8083 \
    DJL_CACHE_DIR=/tmp/djl \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=70 -Dai.djl.offline=true"
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
