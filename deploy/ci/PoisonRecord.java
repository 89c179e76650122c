import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends one record that is not JSON to a topic, so the consuming service dead-letters it and the
 * DLT panels of the pipeline dashboard have real data. Run as a single-file program: {@code java
 * -cp 'launcher/target/kafka-libs/*' deploy/ci/PoisonRecord.java BOOTSTRAP TOPIC}.
 */
public class PoisonRecord {
  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: PoisonRecord BOOTSTRAP_SERVERS TOPIC");
      System.exit(2);
    }
    Properties props = new Properties();
    props.put("bootstrap.servers", args[0]);
    props.put("key.serializer", StringSerializer.class.getName());
    props.put("value.serializer", ByteArraySerializer.class.getName());
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
      producer
          .send(new ProducerRecord<>(args[1], "ci-poison", "not json {".getBytes("UTF-8")))
          .get();
    }
    System.out.println("sent one poison record to " + args[1]);
  }
}
