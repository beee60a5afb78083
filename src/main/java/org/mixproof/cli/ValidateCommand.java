package org.mixproof.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mixproof.claim.Catalog;
import org.mixproof.claim.spec.ClaimFiles;
import org.mixproof.claim.spec.ClaimFormatException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mixproof validate}: what {@code check} verifies before computing, and nothing else. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = {"Validate the claim files without checking any claim: each file is read (strict UTF-8, no duplicate",
        "key), its quantity and keys are known, its expressions compile and its bound is finite at a sample case, and",
        "its profile parses. Every problem is listed (file, line, key)."},
    exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:every file is valid", "2:some file is not (all are listed)"})
final class ValidateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--properties", paramLabel = "DIR", defaultValue = "properties",
      description = "The claim catalog directory (default ${DEFAULT-VALUE}).")
  Path properties;

  @Option(names = "--claims", paramLabel = "GLOB", defaultValue = "*", description = "Claim ids to validate (default: all).")
  String claims;

  @Override public Integer call() throws Exception {
    List<Path> files = ClaimFiles.list(properties, claims);
    if (files.isEmpty()) throw new IllegalArgumentException("no claim file in " + properties + " matches '" + claims + "'");
    List<ClaimFormatException> problems = Catalog.problems(files);
    if (problems.isEmpty()) {
      spec.commandLine().getOut().printf(Locale.ROOT, "%d claim files in %s are valid%n", files.size(), properties);
      spec.commandLine().getOut().flush();
      return 0;
    }
    var err = spec.commandLine().getErr();
    err.printf(Locale.ROOT, "%d of %d claim files in %s have problems:%n", problems.size(), files.size(), properties);
    for (ClaimFormatException e : problems) err.println("  " + e.getMessage());
    err.flush();
    return Main.EXIT_ERROR;
  }
}
