package dev.tempered.api.observability;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Kafka health for the readiness probe: UP when the bootstrap servers answer a describe-cluster
 * request within the timeout with at least one broker. Spring Boot 4 ships no Kafka indicator, and
 * a service that cannot reach its broker cannot do any work, so it should not get traffic.
 */
public final class KafkaReadiness extends AbstractHealthIndicator implements DisposableBean {

  private final AdminClient admin;
  private final Duration timeout;

  /** {@code adminConfig}: the service's Kafka admin settings (bootstrap servers, security). */
  public KafkaReadiness(Map<String, Object> adminConfig, Duration timeout) {
    super("Kafka health check failed");
    Map<String, Object> config = new HashMap<>(adminConfig);
    int ms = Math.toIntExact(timeout.toMillis());
    config.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "health-check");
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
    this.admin = AdminClient.create(config);
    this.timeout = timeout;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) throws Exception {
    int ms = Math.toIntExact(timeout.toMillis());
    DescribeClusterResult cluster =
        admin.describeCluster(new DescribeClusterOptions().timeoutMs(ms));
    Collection<Node> nodes = cluster.nodes().get(ms, TimeUnit.MILLISECONDS);
    String clusterId = cluster.clusterId().get(ms, TimeUnit.MILLISECONDS);
    if (nodes.isEmpty()) {
      builder.down().withDetail("clusterId", clusterId).withDetail("brokers", 0);
      return;
    }
    builder.up().withDetail("clusterId", clusterId).withDetail("brokers", nodes.size());
  }

  @Override
  public void destroy() {
    admin.close(Duration.ofSeconds(1));
  }
}
