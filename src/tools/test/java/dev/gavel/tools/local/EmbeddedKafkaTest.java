package dev.gavel.tools.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.config.KafkaConfig;
import dev.gavel.pipeline.kafka.KafkaTopics;
import dev.gavel.testing.SharedServices;
import dev.gavel.testing.TestVertx;
import dev.gavel.testkit.EmbeddedKafka;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaTest {
  private static Vertx vertx;

  @BeforeAll
  static void setUp() {
    vertx = TestVertx.create(TestVertx.registry());
  }

  @AfterAll
  static void tearDown() {
    TestVertx.await(vertx.close());
  }

  @Test
  void brokerStartsAndAnswers() throws Exception {
    try (Admin admin = admin()) {
      assertThat(admin.describeCluster().nodes().get()).hasSize(1);
    }
    assertThat(SharedServices.bootstrapServers()).startsWith("127.0.0.1:");
  }

  @Test
  void topicsAreCreatedOnceEvenWhenEnsuredTwice() throws Exception {
    KafkaConfig config = SharedServices.uniqueTopics("topics");
    String bootstrap = SharedServices.bootstrapServers();

    TestVertx.await(KafkaTopics.ensure(vertx, bootstrap, config));
    TestVertx.await(KafkaTopics.ensure(vertx, bootstrap, config));

    KafkaConfig.Topics t = config.topics();
    List<String> names = List.of(t.auctions(), t.tracking(), t.verdicts(), t.deadLetter());
    try (Admin admin = admin()) {
      assertThat(admin.listTopics().names().get()).containsAll(names);
      Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get();
      assertThat(described.values()).allSatisfy(d -> assertThat(d.partitions()).hasSize(config.partitions()));
    }
  }

  @Test
  void producesAndConsumesWithThePlainClient() {
    String topic = SharedServices.uniqueTopics("plain").topics().auctions();
    send(topic, "auction-1", "hello");

    assertThat(readAll(topic, 1)).containsExactly("auction-1=hello");
  }

  @Test
  void restartKeepsTopicsAndRecords() throws Exception {
    EmbeddedKafka kafka = SharedServices.kafka();
    String bootstrap = kafka.bootstrapServers();
    String topic = SharedServices.uniqueTopics("restart").topics().tracking();
    send(topic, "a", "before");

    try {
      kafka.restart();
    } finally {
      if (!kafka.running()) {
        kafka.restart();
      }
    }

    assertThat(kafka.bootstrapServers()).isEqualTo(bootstrap);
    try (Admin admin = admin()) {
      assertThat(admin.listTopics().names().get()).contains(topic);
    }
    send(topic, "a", "after");
    assertThat(readAll(topic, 2)).containsExactly("a=before", "a=after");
  }

  /** A reused log whose remembered ports are taken meanwhile starts on fresh ports, its data intact. */
  @Test
  void reusedLogStartsOnNewPortsWhenTheOldOnesAreTaken() throws Exception {
    Path dir = SharedServices.tempDir("kafka-ports");
    EmbeddedKafka kafka = EmbeddedKafka.start(dir);
    String topic = "ports." + UUID.randomUUID();
    String before = kafka.bootstrapServers();
    try (Admin admin = admin(before)) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    } finally {
      kafka.stop();
    }
    Properties ports = new Properties();
    try (var in = Files.newInputStream(dir.resolve("ports.properties"))) {
      ports.load(in);
    }
    try (ServerSocket broker = bind(Integer.parseInt(ports.getProperty("broker")));
        ServerSocket controller = bind(Integer.parseInt(ports.getProperty("controller")))) {
      EmbeddedKafka again = EmbeddedKafka.start(dir);
      try {
        assertThat(again.bootstrapServers()).isNotEqualTo(before);
        try (Admin admin = admin(again.bootstrapServers())) {
          assertThat(admin.listTopics().names().get()).contains(topic);
          admin.createTopics(List.of(new NewTopic(topic + ".new", 1, (short) 1))).all().get();
        }
      } finally {
        again.stop();
      }
    }
  }

  private static ServerSocket bind(int port) throws Exception {
    ServerSocket socket = new ServerSocket();
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    return socket;
  }

  private static Admin admin() {
    return admin(SharedServices.bootstrapServers());
  }

  private static Admin admin(String bootstrap) {
    Properties props = new Properties();
    props.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    return Admin.create(props);
  }

  private static void send(String topic, String key, String value) {
    Properties props = new Properties();
    props.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedServices.bootstrapServers());
    props.setProperty(ProducerConfig.ACKS_CONFIG, "all");
    props.setProperty(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    props.setProperty(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    } catch (Exception e) {
      throw new AssertionError("could not send to " + topic, e);
    }
  }

  /** Reads the topic from the beginning (all partitions, no group) until {@code expected} records arrived. */
  private static List<String> readAll(String topic, int expected) {
    Properties props = new Properties();
    props.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedServices.bootstrapServers());
    props.setProperty(ConsumerConfig.CLIENT_ID_CONFIG, "test-" + UUID.randomUUID());
    List<String> seen = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
          .map(p -> new TopicPartition(topic, p.partition()))
          .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (seen.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          seen.add(record.key() + "=" + record.value());
        }
      }
    }
    assertThat(Set.copyOf(seen)).hasSize(seen.size());
    return seen;
  }
}
