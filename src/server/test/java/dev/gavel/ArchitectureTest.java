package dev.gavel;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The rules the two paths rest on, checked over the product's compiled classes (README,
 * "Development"): the request path never waits on the event path, and the two sides meet only in
 * {@code events}.
 */
class ArchitectureTest {
  private static final JavaClasses PRODUCT = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.gavel");

  /** The serving side: what an auction or a pixel runs through while someone waits for the answer. */
  private static final String[] REQUEST_PATH = {"dev.gavel.auction..", "dev.gavel.tracking..", "dev.gavel.http..", "dev.gavel.openrtb.."};

  @Test
  void theRequestPathNeverReachesKafkaOrTheDatabase() {
    noClasses().that().resideInAnyPackage(REQUEST_PATH)
        .should().dependOnClassesThat().resideInAnyPackage("dev.gavel.pipeline..", "dev.gavel.db..", "org.apache.kafka..",
            "io.vertx.kafka..", "io.vertx.sqlclient..", "io.vertx.pgclient..", "java.sql..", "org.flywaydb..")
        .because("the serving path hands events to the bus and returns; Kafka and PostgreSQL are the event path's")
        .check(PRODUCT);
  }

  @Test
  void theAuctionAndThePipelineNeverImportEachOther() {
    noClasses().that().resideInAPackage("dev.gavel.pipeline..")
        .should().dependOnClassesThat().resideInAPackage("dev.gavel.auction..")
        .check(PRODUCT);
    noClasses().that().resideInAPackage("dev.gavel.auction..")
        .should().dependOnClassesThat().resideInAPackage("dev.gavel.pipeline..")
        .check(PRODUCT);
  }

  @Test
  void theEventsAreTheContractAndKnowNeitherSide() {
    classes().that().resideInAPackage("dev.gavel.events..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("dev.gavel.events..", "java..", "com.fasterxml.jackson..",
            "io.vertx.core..")
        .because("both sides read the event types; neither side's config, topics or code belongs in them")
        .check(PRODUCT);
  }

  @Test
  void packagesHaveNoCyclesAndOnlyTheWiringKnowsTheWiring() {
    slices().matching("dev.gavel.(*)..").should().beFreeOfCycles().check(PRODUCT);
    noClasses().that().resideInAPackage("dev.gavel.*..")
        .should().dependOnClassesThat().resideInAPackage("dev.gavel")
        .check(PRODUCT);
  }
}
