package org.mixproof.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.mixproof.density.MixtureDensity;
import org.mixproof.density.PointEvaluation;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mixproof eval}: log-density, posterior weights, score and Hessian of p_t at given points, as JSON. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Evaluate log p_t, posterior weights, score and Hessian of the diffused mixture at points; prints JSON.")
final class EvalCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin DiffusedMixtureOptions input;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Where where;

  static final class Where {
    @Option(names = "--x", paramLabel = "x1,...,xd", description = "One point, comma-separated.")
    String x;

    @Option(names = "--points", paramLabel = "FILE.csv", description = "Points, one per line, comma-separated.")
    Path points;
  }

  @Override
  public Integer call() {
    MixtureDensity density = input.density();
    List<double[]> xs = where.x != null
        ? List.of(PointsCsv.parseRow(where.x, "--x"))
        : PointsCsv.read(where.points);
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("mixture", input.mixtureFile.toString());
    root.put("schedule", density.schedule().spec());
    root.put("t", density.time());
    root.put("a_t", density.a());
    root.put("b_t2", density.b2());
    root.put("d", density.dimension());
    root.put("k", density.components());
    ArrayNode out = root.putArray("points");
    for (double[] x : xs) {
      PointEvaluation e = density.evaluate(x);
      ObjectNode p = out.addObject();
      p.set("x", array(mapper, e.x()));
      p.put("log_density", e.logDensity());
      p.set("weights", array(mapper, e.weights()));
      p.set("score", array(mapper, e.score()));
      ArrayNode h = p.putArray("hessian");
      for (double[] row : e.hessian()) h.add(array(mapper, row));
    }
    spec.commandLine().getOut().println(root.toPrettyString());
    spec.commandLine().getOut().flush();
    return 0;
  }

  private static ArrayNode array(ObjectMapper mapper, double[] v) {
    ArrayNode a = mapper.createArrayNode();
    for (double x : v) a.add(x);
    return a;
  }
}
