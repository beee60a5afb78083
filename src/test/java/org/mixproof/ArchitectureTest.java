package org.mixproof;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The one-way flow of docs/design.md ("Data flows one way"), on the compiled classes:
 * rounding → mixture → schedule → density → (oracle | certify) → (smoothness | sampler) → law →
 * generators → claim → figures → report → cli. A package may use only packages before it; oracle and
 * certify never use density (they must not reuse the code they check), nor each other; smoothness and
 * sampler never use each other. And no cycles between packages.
 */
class ArchitectureTest {

  /** The flow, in order; packages on one row are side by side (neither may use the other). */
  static final List<Set<String>> FLOW = List.of(
      Set.of("rounding"), Set.of("mixture"), Set.of("schedule"), Set.of("density"), Set.of("oracle", "certify"),
      Set.of("smoothness", "sampler"), Set.of("law"), Set.of("generators"), Set.of("claim"), Set.of("figures"),
      Set.of("report"), Set.of("cli"));

  static JavaClasses main;
  static JavaClasses tests;

  @BeforeAll
  static void load() {
    main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.mixproof");
    tests = new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
        .importPackages("org.mixproof");
  }

  /** For each package, the project packages it must not use. */
  static Map<String, List<String>> forbidden() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (int i = 0; i < FLOW.size(); i++) {
      for (String p : FLOW.get(i)) {
        List<String> no = new ArrayList<>();
        for (int j = i; j < FLOW.size(); j++) {
          for (String q : FLOW.get(j)) if (!q.equals(p)) no.add(q);
        }
        if (p.equals("oracle") || p.equals("certify")) no.add("density");
        out.put(p, no);
      }
    }
    return out;
  }

  static ArchRule flowRule(String pkg, List<String> no) {
    String[] packages = no.stream().map(q -> "org.mixproof." + q + "..").toArray(String[]::new);
    return noClasses().that().resideInAPackage("org.mixproof." + pkg + "..")
        .should().dependOnClassesThat().resideInAnyPackage(packages)
        .allowEmptyShould(true)
        .because("docs/design.md: data flows one way, " + pkg + " may not use " + no);
  }

  @Test
  void mainCodeFollowsTheFlow() {
    forbidden().forEach((pkg, no) -> flowRule(pkg, no).check(main));
  }

  @Test
  void noCyclesBetweenPackages() {
    slices().matching("org.mixproof.(*)..").should().beFreeOfCycles().check(main);
  }

  /** The tests of the numerical packages test physics, not the claim engine: none of them imports claim, figures, report or cli. */
  @Test
  void testsOfTheNumericalPackagesDoNotUseTheClaimEngine() {
    String[] engine = {"org.mixproof.claim..", "org.mixproof.figures..", "org.mixproof.report..", "org.mixproof.cli.."};
    for (String p : List.of("rounding", "mixture", "schedule", "density", "oracle", "certify", "smoothness", "sampler", "law",
        "generators")) {
      noClasses().that().resideInAPackage("org.mixproof." + p + "..").should().dependOnClassesThat()
          .resideInAnyPackage(engine).allowEmptyShould(true)
          .because("the physics the " + p + " tests need lives below the claim engine").check(tests);
    }
  }

  /** The rule fires: a class of density that uses claim is against the flow (the guard's failure branch). */
  @Test
  void theFlowRuleFiresOnAnImportAgainstTheFlow() {
    JavaClasses scheduleAndDensity = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.mixproof.density", "org.mixproof.schedule");
    // schedule must not use density; density uses schedule, so reading the flow backwards must fail
    assertFalse(main.isEmpty());
    assertThrows(AssertionError.class,
        () -> noClasses().that().resideInAPackage("org.mixproof.density..").should().dependOnClassesThat()
            .resideInAnyPackage("org.mixproof.schedule..").check(scheduleAndDensity));
  }
}
