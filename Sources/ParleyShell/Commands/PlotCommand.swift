import ParleyCore

/// `plot [COMMAND…]`: a result as a chart. The session runs it (`Session.plot`): the verb only
/// says what it does, for help and completion.
struct PlotCommand: Command {
    static let name = "plot"
    static let summary = "draw a result as a chart: in the terminal, as an SVG file (--out), and in notebooks"
    static let usage = "plot [COMMAND …] [--out FILE.svg] [--format chart|svg]"
    static let details = """
        plot COMMAND runs COMMAND (count, freq, dispersion or compare, with its options) and draws
        its result; plot alone draws the last result that has a chart. What is drawn:
          count QUERY --by KEY:PERIOD    a time series: hits per 10,000 tokens per period; with two
                                         keys (--by date:month,speaker) a line per group of the
                                         second (the 8 with most hits)
          count QUERY --by speaker|KEY   bars: hits per 10,000 tokens of the first 40 groups
          freq                           bars: the frequencies of the first 40 rows; with
                                         --by KEY:PERIOD a line per word (the first 8)
          dispersion QUERY               a barcode plot: a strip per part, a tick where each hit
                                         falls (--by turn: the turns with hits)
          compare A B                    keyness bars: A's keywords to the right, B's to the
                                         left, by signed G² (up to 25 a side)
        At the prompt and in scripts the chart is drawn in block characters, a row per group;
        --out FILE.svg (or --format svg) writes it as an SVG file instead: 800 px wide, with a
        title, axes, a legend where needed, <title> and <desc> for screen readers, the
        Okabe–Ito palette (safe for colour blindness) and dash patterns, no fonts or scripts from
        outside, the same bytes on every machine. In a notebook a chart is also written next to
        the notebook as NAME.files/cell-N.svg and shown under the cell's output as a Markdown
        image; replay compares it byte for byte like any output, and --update rewrites it.
        Every result command takes --format chart and --format svg too (count inflation --by
        date:month --format svg --out inflation.svg). Colour in the terminal only at the prompt,
        and never when NO_COLOR is set.
        """
    static let example = "plot count inflation --by date:month"
    static let argumentCompletion = ArgumentCompletion.verbs

    static func run(_ arguments: Arguments, in session: inout Session) throws(CommandError) -> CommandResult {
        // Session.execute runs plot itself, with the options of the command it draws.
        throw CommandError("plot is run by the session", at: arguments.verb)
    }
}
