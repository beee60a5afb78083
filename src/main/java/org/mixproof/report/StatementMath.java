package org.mixproof.report;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A claim's statement, as the claim files write it — Unicode mathematics and prose on one line, e.g.
 * {@code ‖x‖ <= β ⇒ L_t <= max(1/λmin(t), (β + a_t R)²/λmin(t)² − 1/λmax(t)) for all t > 0} — split
 * into runs of prose and runs of mathematics, each run of mathematics with its TeX, so that the HTML
 * report can typeset it (with the bundled KaTeX) and keep the prose as text that wraps.
 *
 * <p>The notation it reads: identifiers with {@code _} and {@code ^} scripts (a letter, a run of
 * letters and digits, or a braced group), Unicode super- and subscripts ({@code ²}, {@code ᵀ},
 * {@code ₂}), Greek letters, {@code λmin}/{@code λmax}, operator names ({@code log}, {@code max},
 * {@code tr}, {@code Cov}, {@code TV}, {@code KL}, …), {@code √} of the next group or run,
 * {@code <=}, {@code >=}, {@code ‖}, {@code ⇒}, {@code →}, {@code ≲}, {@code ∈}, {@code ·}, numbers
 * ({@code 1e-5} as 10⁻⁵). {@code Σ} is a sum when a term follows it ({@code Σ π_i μ_i},
 * {@code Σ_{i<j}}) and the covariance otherwise; {@code E} before a bracket, a norm, a script or a
 * term is the expectation; {@code N(} the normal law; {@code R^d} the space. Words that are not
 * mathematics are prose: lower-case words, hyphenated words, quoted phrases, citations
 * ({@code [PG24]}), the article "a", acronyms beside prose ("SDE and ODE"), numbers after prose.
 * Punctuation and spaces between two runs of mathematics belong to the mathematics, others to the prose.
 *
 * <p>Nothing is lost: the runs' texts, concatenated, are the statement (they are what the page shows
 * where no script runs). The translation is deterministic.
 */
final class StatementMath {

  private StatementMath() {}

  /**
   * A run of a statement.
   *
   * @param text the run as written in the statement
   * @param tex its TeX when it is mathematics; null for prose
   */
  record Segment(String text, String tex) {
    boolean math() {
      return tex != null;
    }
  }

  /** The statement's runs of prose and mathematics, in order. */
  static List<Segment> segments(String statement) {
    List<Token> tokens = new Lexer(Text.oneLine(statement)).tokens(false);
    resolve(tokens);
    List<Segment> out = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    StringBuilder tex = new StringBuilder();
    Boolean current = null;
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      boolean math = side(tokens, i);
      if (current != null && current != math) {
        out.add(new Segment(text.toString(), current ? tex.toString().strip() : null));
        text.setLength(0);
        tex.setLength(0);
      }
      current = math;
      text.append(t.text);
      if (math && t.kind != Kind.SPACE) tex.append(tex.length() == 0 ? "" : " ").append(t.tex);
    }
    if (current != null) out.add(new Segment(text.toString(), current ? tex.toString().strip() : null));
    return out;
  }

  /** The statement as TeX alone (prose as {@code \text{…}}), e.g. for a test or a caption. */
  static String tex(String statement) {
    return new Lexer(Text.oneLine(statement)).tex();
  }

  // ---- tokens -----------------------------------------------------------------------------------

  private enum Kind {
    SPACE,
    /** punctuation: belongs to the mathematics between two runs of it, else to the prose */
    NEUTRAL,
    /** prose */
    TEXT,
    /** mathematics */
    MATH,
    /** an identifier, a number or a scripted word: mathematics */
    TERM,
    /** the article "a": prose before a word of prose */
    ARTICLE,
    /** an acronym (SDE, KT): prose beside prose, else mathematics */
    ACRONYM,
    /** a plain number: prose after prose */
    NUMBER,
    /** Σ without a braced subscript: a sum before a term, else the covariance */
    SIGMA
  }

  private static final class Token {
    Kind kind;
    final String text;
    String tex;

    Token(Kind kind, String text, String tex) {
      this.kind = kind;
      this.text = text;
      this.tex = tex;
    }

    @Override
    public String toString() {
      return kind + "[" + text + " → " + tex + "]";
    }
  }

  /** Settles the kinds that depend on the neighbours: articles, acronyms, numbers, Σ. */
  private static void resolve(List<Token> tokens) {
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.kind == Kind.ARTICLE) {
        Token next = neighbour(tokens, i, +1);
        t.kind = next != null && next.kind == Kind.TEXT ? Kind.TEXT : Kind.TERM;
      }
    }
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.kind == Kind.ACRONYM) {
        Token prev = neighbour(tokens, i, -1);
        Token next = neighbour(tokens, i, +1);
        boolean prose = (prev != null && prev.kind == Kind.TEXT) || (next != null && next.kind == Kind.TEXT);
        t.kind = prose ? Kind.TEXT : Kind.TERM;
      }
    }
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.kind == Kind.NUMBER) {
        Token prev = neighbour(tokens, i, -1);
        Token next = neighbour(tokens, i, +1);
        boolean prose = prev != null ? prev.kind == Kind.TEXT : next != null && next.kind == Kind.TEXT;
        t.kind = prose ? Kind.TEXT : Kind.TERM;
      }
    }
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.kind == Kind.SIGMA) {
        Token next = i + 1 < tokens.size() && tokens.get(i + 1).kind == Kind.SPACE ? neighbour(tokens, i, +1) : null;
        t.tex = next != null && next.kind == Kind.TERM ? "\\sum" + t.tex : "\\Sigma" + t.tex;
        t.kind = Kind.TERM;
      }
    }
  }

  /** The nearest token before (-1) or after (+1) {@code i} that is neither space nor punctuation. */
  private static Token neighbour(List<Token> tokens, int i, int direction) {
    for (int j = i + direction; j >= 0 && j < tokens.size(); j += direction) {
      Kind k = tokens.get(j).kind;
      if (k != Kind.SPACE && k != Kind.NEUTRAL) return tokens.get(j);
    }
    return null;
  }

  /**
   * Whether token i belongs to the mathematics: every term and symbol does (but an operator between two
   * words of prose, as in "double − oracle"); a space between two pieces of mathematics; a closing
   * bracket after mathematics and an opening one before it (so "(t))" closes what the mathematics
   * opened, and "W2(init-error" opens prose); other punctuation between two pieces of mathematics, or
   * at either end of the statement beside one.
   */
  private static boolean side(List<Token> tokens, int i) {
    Token t = tokens.get(i);
    Token prev = neighbour(tokens, i, -1);
    Token next = neighbour(tokens, i, +1);
    boolean prevMath = prev != null && prev.kind != Kind.TEXT;
    boolean nextMath = next != null && next.kind != Kind.TEXT;
    switch (t.kind) {
      case TEXT:
        return false;
      case SPACE:
        return prevMath && nextMath;
      case NEUTRAL:
        if (t.text.equals(")") || t.text.equals("]") || t.text.equals("}")) return prevMath;
        if (t.text.equals("(") || t.text.equals("[") || t.text.equals("{")) return nextMath;
        return (prevMath || prev == null) && (nextMath || next == null) && (prev != null || next != null);
      default:
        boolean operator = t.kind == Kind.MATH && t.text.length() == 1 && "−+·×/=".contains(t.text);
        return !(operator && prev != null && next != null && !prevMath && !nextMath);
    }
  }

  // ---- lexing -----------------------------------------------------------------------------------

  private static final Map<Character, String> GREEK = Map.ofEntries(
      Map.entry('α', "\\alpha"), Map.entry('β', "\\beta"), Map.entry('γ', "\\gamma"), Map.entry('δ', "\\delta"),
      Map.entry('ε', "\\varepsilon"), Map.entry('ϵ', "\\epsilon"), Map.entry('ζ', "\\zeta"), Map.entry('η', "\\eta"),
      Map.entry('θ', "\\theta"), Map.entry('ι', "\\iota"), Map.entry('κ', "\\kappa"), Map.entry('λ', "\\lambda"),
      Map.entry('μ', "\\mu"), Map.entry('ν', "\\nu"), Map.entry('ξ', "\\xi"), Map.entry('π', "\\pi"),
      Map.entry('ρ', "\\rho"), Map.entry('σ', "\\sigma"), Map.entry('τ', "\\tau"), Map.entry('υ', "\\upsilon"),
      Map.entry('φ', "\\varphi"), Map.entry('ϕ', "\\phi"), Map.entry('χ', "\\chi"), Map.entry('ψ', "\\psi"),
      Map.entry('ω', "\\omega"), Map.entry('Γ', "\\Gamma"), Map.entry('Δ', "\\Delta"), Map.entry('Θ', "\\Theta"),
      Map.entry('Λ', "\\Lambda"), Map.entry('Ξ', "\\Xi"), Map.entry('Π', "\\Pi"), Map.entry('Φ', "\\Phi"),
      Map.entry('Ψ', "\\Psi"), Map.entry('Ω', "\\Omega"), Map.entry('ℓ', "\\ell"));

  /** Operator names and their TeX. */
  private static final Map<String, String> OPERATORS = Map.ofEntries(
      Map.entry("log", "\\log"), Map.entry("ln", "\\ln"), Map.entry("exp", "\\exp"), Map.entry("max", "\\max"),
      Map.entry("min", "\\min"), Map.entry("sup", "\\sup"), Map.entry("inf", "\\inf"), Map.entry("det", "\\det"),
      Map.entry("ker", "\\ker"), Map.entry("tr", "\\operatorname{tr}"), Map.entry("Cov", "\\operatorname{Cov}"),
      Map.entry("Var", "\\operatorname{Var}"), Map.entry("KL", "\\mathrm{KL}"), Map.entry("TV", "\\mathrm{TV}"),
      Map.entry("cond", "\\operatorname{cond}"), Map.entry("diag", "\\operatorname{diag}"));

  /** Symbols and their TeX (two-character ones first). */
  private static final Map<String, String> SYMBOLS = Map.ofEntries(
      Map.entry("<=", "\\le"), Map.entry(">=", "\\ge"), Map.entry("≤", "\\le"), Map.entry("≥", "\\ge"),
      Map.entry("<", "<"), Map.entry(">", ">"), Map.entry("=", "="), Map.entry("≠", "\\ne"),
      Map.entry("≈", "\\approx"), Map.entry("+", "+"), Map.entry("−", "-"), Map.entry("-", "-"),
      Map.entry("±", "\\pm"), Map.entry("·", "\\cdot"), Map.entry("×", "\\times"), Map.entry("/", "/"),
      Map.entry("*", "\\ast"), Map.entry("|", "|"), Map.entry("‖", "\\|"), Map.entry("⇒", "\\Rightarrow"),
      Map.entry("⇔", "\\Leftrightarrow"), Map.entry("→", "\\to"), Map.entry("∈", "\\in"),
      Map.entry("≲", "\\lesssim"), Map.entry("≳", "\\gtrsim"), Map.entry("∞", "\\infty"), Map.entry("~", "\\sim"),
      Map.entry("∂", "\\partial"), Map.entry("∇", "\\nabla"), Map.entry("½", "\\tfrac{1}{2}"),
      Map.entry("∑", "\\sum"), Map.entry("∫", "\\int"), Map.entry("⊂", "\\subset"), Map.entry("∀", "\\forall"));

  /** Punctuation: part of the mathematics only between two runs of it. */
  private static final Set<Character> PUNCTUATION = Set.of('(', ')', '[', ']', ',', ';', ':', '.', '{', '}');

  private static final String SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱᵀ";
  private static final String SUPERSCRIPT_TEX = "0123456789+-=()ni";
  private static final String SUBSCRIPTS = "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎";
  private static final String SUBSCRIPT_TEX = "0123456789+-=()";

  private static final class Lexer {
    private final String s;
    private int i;

    Lexer(String s) {
      this.s = s;
      this.i = 0;
    }

    private static boolean isScript(char c) {
      return SUPERSCRIPTS.indexOf(c) >= 0 || SUBSCRIPTS.indexOf(c) >= 0;
    }

    /** The first character at or after {@code i} that is not a space, or ' ' at the end. */
    private char afterSpaces() {
      int j = i;
      while (j < s.length() && s.charAt(j) == ' ') j++;
      return j < s.length() ? s.charAt(j) : ' ';
    }

    /** The whole input as TeX, prose as \text{…} (for groups, radicands and {@link #tex(String)}). */
    String tex() {
      List<Token> tokens = tokens(true);
      resolve(tokens);
      StringBuilder b = new StringBuilder();
      for (Token t : tokens) {
        if (t.kind == Kind.SPACE) continue;
        String part = t.kind == Kind.TEXT ? "\\text{" + escapeText(t.text) + "}" : t.tex;
        b.append(b.length() == 0 ? "" : " ").append(part);
      }
      return b.toString();
    }

    List<Token> tokens(boolean inMath) {
      List<Token> out = new ArrayList<>();
      while (i < s.length()) {
        char c = s.charAt(i);
        int start = i;
        if (Character.isWhitespace(c)) {
          while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
          out.add(new Token(Kind.SPACE, s.substring(start, i), " "));
        } else if (c == '"' || c == '\u201c') {
          int end = s.indexOf(c == '"' ? '"' : '\u201d', i + 1);
          i = end < 0 ? s.length() : end + 1;
          out.add(new Token(Kind.TEXT, s.substring(start, i), null));
        } else if (c == '[' && citation()) {
          out.add(new Token(Kind.TEXT, s.substring(start, i), null));
        } else if (Character.isLetter(c) && !isScript(c)) {
          out.add(word());
        } else if (Character.isDigit(c)) {
          out.add(number());
        } else if (c == '√') {
          i++;
          Token radicand = radicand();
          out.add(new Token(Kind.MATH, s.substring(start, i), "\\sqrt{" + radicand.tex + "}"));
        } else if (c == '_' || c == '^') {
          i++;
          String script = script();
          out.add(new Token(Kind.MATH, s.substring(start, i), (c == '_' ? "_{" : "^{") + script + "}"));
        } else if (isScript(c)) {
          String tex = unicodeScripts();
          out.add(new Token(Kind.MATH, s.substring(start, i), tex));
        } else if (i + 1 < s.length() && SYMBOLS.containsKey(s.substring(i, i + 2))) {
          i += 2;
          out.add(new Token(Kind.MATH, s.substring(start, i), SYMBOLS.get(s.substring(start, i))));
        } else if (SYMBOLS.containsKey(String.valueOf(c))) {
          i++;
          out.add(new Token(Kind.MATH, s.substring(start, i), SYMBOLS.get(String.valueOf(c))));
        } else if (PUNCTUATION.contains(c)) {
          i++;
          String tex = c == '{' ? "\\{" : c == '}' ? "\\}" : String.valueOf(c);
          out.add(new Token(Kind.NEUTRAL, s.substring(start, i), tex));
        } else {
          i++;
          out.add(new Token(inMath ? Kind.MATH : Kind.TEXT, s.substring(start, i),
              "\\text{" + escapeText(s.substring(start, i)) + "}"));
        }
      }
      return out;
    }

    /** At '[': a citation such as [PG24] or [LY24]'s, consumed; false (nothing consumed) otherwise. */
    private boolean citation() {
      int j = i + 1;
      while (j < s.length() && Character.isUpperCase(s.charAt(j))) j++;
      int letters = j - i - 1;
      while (j < s.length() && Character.isDigit(s.charAt(j))) j++;
      if (letters == 0 || j >= s.length() || s.charAt(j) != ']') return false;
      j++;
      if (s.startsWith("'s", j)) j += 2;
      i = j;
      return true;
    }

    /** A word with its scripts: an identifier, an operator, prose, an article or an acronym. */
    private Token word() {
      int start = i;
      StringBuilder base = new StringBuilder();
      boolean hyphenated = false;
      while (i < s.length()) {
        char c = s.charAt(i);
        if ((Character.isLetterOrDigit(c) && !isScript(c)) || Character.getType(c) == Character.NON_SPACING_MARK) {
          base.append(c);
          i++;
        } else if (c == '-' && i + 1 < s.length() && Character.isLetterOrDigit(s.charAt(i + 1))
            && Character.isLetter(base.charAt(0))) {
          hyphenated = true;
          base.append(c);
          i++;
        } else {
          break;
        }
      }
      if (s.startsWith("'s", i)) {
        i += 2;
        return new Token(Kind.TEXT, s.substring(start, i), null);
      }
      String w = base.toString();
      if (hyphenated) return new Token(Kind.TEXT, s.substring(start, i), null);
      StringBuilder scripts = new StringBuilder();
      boolean braceSub = false;
      String sup = null;
      while (i < s.length()) {
        char c = s.charAt(i);
        if (c == '_' || c == '^') {
          if (c == '_' && i + 1 < s.length() && s.charAt(i + 1) == '{') braceSub = true;
          i++;
          String script = script();
          if (c == '^') sup = script;
          scripts.append(c == '_' ? "_{" : "^{").append(script).append('}');
        } else if (isScript(c)) {
          scripts.append(unicodeScripts());
        } else {
          break;
        }
      }
      String text = s.substring(start, i);
      boolean scripted = scripts.length() > 0;
      String decomposed = Normalizer.normalize(w, Normalizer.Form.NFD);
      String letters = decomposed.replaceAll("\\p{Mn}", "");
      // Σ: a sum or the covariance, decided by what follows
      if (letters.equals("Σ")) {
        if (braceSub) return new Token(Kind.TERM, text, "\\sum" + scripts);
        return new Token(Kind.SIGMA, text, scripts.toString());
      }
      if (letters.length() == 1) {
        char c = letters.charAt(0);
        String tex = GREEK.getOrDefault(c, String.valueOf(c));
        char next = i < s.length() ? s.charAt(i) : ' ';
        char after = afterSpaces();
        boolean term = after == '[' || after == '‖' || (next == ' ' && Character.isLetter(after));
        if (c == 'E' && (scripted || term)) {
          tex = "\\mathbb{E}";
        } else if (c == 'N' && !scripted && next == '(') {
          tex = "\\mathcal{N}";
        } else if (c == 'R' && "d".equals(sup)) {
          tex = "\\mathbb{R}";
        }
        tex = accent(decomposed, tex);
        if (c == 'a' && !scripted) return new Token(Kind.ARTICLE, text, tex);
        return new Token(Kind.TERM, text, tex + scripts);
      }
      // λmin, λmax
      if (letters.length() == 4 && GREEK.containsKey(letters.charAt(0))
          && (letters.endsWith("min") || letters.endsWith("max"))) {
        return new Token(Kind.TERM, text, GREEK.get(letters.charAt(0)) + "_{\\" + letters.substring(1) + "}" + scripts);
      }
      if (OPERATORS.containsKey(letters)) return new Token(Kind.TERM, text, OPERATORS.get(letters) + scripts);
      // m2, W2, T1, p0: a letter and its index
      if (letters.matches("\\p{L}\\d+")) {
        char c = letters.charAt(0);
        return new Token(Kind.TERM, text, GREEK.getOrDefault(c, String.valueOf(c)) + "_{" + letters.substring(1) + "}" + scripts);
      }
      if (letters.chars().allMatch(ch -> Character.isUpperCase(ch) || Character.isDigit(ch)) && !scripted) {
        return new Token(Kind.ACRONYM, text, letters);
      }
      if (scripted) return new Token(Kind.TERM, text, "\\text{" + escapeText(letters) + "}" + scripts);
      return new Token(Kind.TEXT, text, null);
    }

    /** A letter's combining accent as TeX: L̂ → \hat{L}. */
    private static String accent(String w, String tex) {
      if (w.indexOf('\u0302') >= 0) return "\\hat{" + tex + "}";
      if (w.indexOf('\u0303') >= 0) return "\\tilde{" + tex + "}";
      if (w.indexOf('\u0304') >= 0) return "\\bar{" + tex + "}";
      return tex;
    }

    /** A number: 1e-5 as 10^{-5}; "1-D" and "5's" as prose. */
    private Token number() {
      int start = i;
      while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
      if (i + 1 < s.length() && s.charAt(i) == '.' && Character.isDigit(s.charAt(i + 1))) {
        i++;
        while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
      }
      String mantissa = s.substring(start, i);
      if (i + 1 < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
        int j = i + 1;
        if (j < s.length() && (s.charAt(j) == '-' || s.charAt(j) == '+' || s.charAt(j) == '−')) j++;
        int digits = j;
        while (j < s.length() && Character.isDigit(s.charAt(j))) j++;
        if (j > digits && (j == s.length() || !Character.isLetter(s.charAt(j)))) {
          String exponent = s.substring(i + 1, j).replace('−', '-').replace("+", "");
          i = j;
          String tex = (mantissa.equals("1") ? "" : mantissa + " \\times ") + "10^{" + exponent + "}";
          return new Token(Kind.TERM, s.substring(start, i), tex);
        }
      }
      if (s.startsWith("'s", i)) {
        i += 2;
        return new Token(Kind.TEXT, s.substring(start, i), null);
      }
      if (i + 1 < s.length() && s.charAt(i) == '-' && Character.isLetter(s.charAt(i + 1))) {
        i++;
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '-')) i++;
        return new Token(Kind.TEXT, s.substring(start, i), null);
      }
      return new Token(Kind.NUMBER, mantissa, mantissa);
    }

    /** After _ or ^: a braced group, or a run of letters and digits, or one character; as TeX. */
    private String script() {
      if (i >= s.length()) return "";
      if (s.charAt(i) == '{') {
        int end = matching(i, '{', '}');
        String inner = s.substring(i + 1, end);
        i = Math.min(s.length(), end + 1);
        return new Lexer(inner).tex();
      }
      int start = i;
      if (Character.isLetterOrDigit(s.charAt(i))) {
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i))
            || Character.getType(s.charAt(i)) == Character.NON_SPACING_MARK)) {
          i++;
        }
      } else {
        i++;
      }
      String run = s.substring(start, i);
      if (OPERATORS.containsKey(run)) return OPERATORS.get(run);
      if (run.length() > 1 && run.chars().allMatch(Character::isLetter) && !run.chars().allMatch(c -> GREEK.containsKey((char) c))) {
        return "\\text{" + escapeText(run) + "}";
      }
      return new Lexer(run).tex();
    }

    /** A run of Unicode super- and subscripts as TeX scripts. */
    private String unicodeScripts() {
      StringBuilder sup = new StringBuilder();
      StringBuilder sub = new StringBuilder();
      while (i < s.length()) {
        char c = s.charAt(i);
        int p = SUPERSCRIPTS.indexOf(c);
        int q = SUBSCRIPTS.indexOf(c);
        if (p >= 0) {
          sup.append(c == 'ᵀ' ? "\\top" : String.valueOf(SUPERSCRIPT_TEX.charAt(p)));
        } else if (q >= 0) {
          sub.append(SUBSCRIPT_TEX.charAt(q));
        } else {
          break;
        }
        i++;
      }
      return (sub.length() > 0 ? "_{" + sub + "}" : "") + (sup.length() > 0 ? "^{" + sup + "}" : "");
    }

    /** The radicand after √: a parenthesised group (without its parentheses), else the run up to a space or , ; : */
    private Token radicand() {
      int start = i;
      String inner;
      if (i < s.length() && s.charAt(i) == '(') {
        int end = matching(i, '(', ')');
        inner = s.substring(i + 1, end);
        i = Math.min(s.length(), end + 1);
      } else {
        int depth = 0;
        while (i < s.length()) {
          char c = s.charAt(i);
          if (c == '(' || c == '[' || c == '{') depth++;
          if (c == ')' || c == ']' || c == '}') {
            if (depth == 0) break;
            depth--;
          }
          if (depth == 0 && (Character.isWhitespace(c) || c == ',' || c == ';' || c == ':')) break;
          i++;
        }
        inner = s.substring(start, i);
      }
      return new Token(Kind.MATH, s.substring(start, i), new Lexer(inner).tex());
    }

    /** The index of the bracket closing the one at {@code from}, or the end of the input. */
    private int matching(int from, char open, char close) {
      int depth = 0;
      for (int j = from; j < s.length(); j++) {
        if (s.charAt(j) == open) depth++;
        if (s.charAt(j) == close && --depth == 0) return j;
      }
      return s.length();
    }
  }

  /** Text for \text{…}: TeX's special characters escaped. */
  static String escapeText(String text) {
    StringBuilder b = new StringBuilder();
    for (char c : text.toCharArray()) {
      switch (c) {
        case '\\' -> b.append("\\textbackslash{}");
        case '{', '}', '$', '&', '#', '%', '_' -> b.append('\\').append(c);
        case '^' -> b.append("\\textasciicircum{}");
        case '~' -> b.append("\\textasciitilde{}");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
