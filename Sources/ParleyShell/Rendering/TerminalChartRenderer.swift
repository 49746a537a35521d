import ParleyCore

/// Draws a chart in block characters for the terminal, a row per group, so that the shape shows
/// at the prompt without opening a file: bars in eighths of a cell (▏ … █), a sparkline per series
/// when there are several (▁ … █), a strip of ticks per part for dispersion, and keyness bars on
/// both sides of an axis. Colour (ANSI) only when asked for: never in notebooks or pipes, and
/// not when `NO_COLOR` is set.
package struct TerminalChartRenderer {
    var width: Int
    var colour: Bool

    package init(width: Int, colour: Bool = false) {
        self.width = max(40, width)
        self.colour = colour
    }

    package func render(_ chart: Chart) -> String {
        // In colour the text goes to the terminal as it is: whatever came from a transcript
        // (a speaker's name, a word) has its control characters made visible here.
        let chart = colour ? Self.visible(chart) : chart
        var lines = [chart.title]
        switch chart.content {
        case .series(let categories, _, let series, let measure):
            if series.count == 1 {
                lines += bars(categories.indices.map { (categories[$0], series[0].values[$0]) }, measure: measure, paint: 0)
            } else {
                lines += sparklines(categories, series, measure: measure)
            }
        case .barcode(let strips):
            lines += barcode(strips)
        case .bars(let bars, let measure, let sides):
            if let sides {
                lines += signed(bars, sides: sides, measure: measure)
            } else {
                lines += self.bars(bars.map { ($0.label, $0.value) }, measure: measure, paint: 0)
            }
        }
        return lines.map { $0 + "\n" }.joined()
    }

    /// The chart with every text in it made safe for a terminal.
    static func visible(_ chart: Chart) -> Chart {
        var chart = chart
        chart.title = Visible.terminal(chart.title)
        switch chart.content {
        case .series(let categories, let axis, let series, let measure):
            chart.content = .series(
                categories: categories.map(Visible.terminal), axis: Visible.terminal(axis),
                series: series.map { Chart.Series(name: Visible.terminal($0.name), values: $0.values) }, measure: measure)
        case .barcode(let strips):
            chart.content = .barcode(strips.map { Chart.Strip(name: Visible.terminal($0.name), hits: $0.hits, positions: $0.positions) })
        case .bars(let bars, let measure, let sides):
            chart.content = .bars(bars.map { Chart.Bar(label: Visible.terminal($0.label), value: $0.value, side: $0.side) }, measure: measure, sides: sides?.map(Visible.terminal))
        }
        return chart
    }

    private static let eighths = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
    private static let levels = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// A bar `length` cells long (fractions in eighths).
    static func bar(_ length: Double) -> String {
        let eighthsLong = Int((max(0, length) * 8).rounded(.toNearestOrAwayFromZero))
        return String(repeating: "█", count: eighthsLong / 8) + eighths[eighthsLong % 8]
    }

    private func painted(_ text: String, _ paint: Int) -> String {
        guard colour, !text.isEmpty else { return text }
        // Blue and orange of the palette, as the SVG charts use them.
        return (paint == 0 ? "\u{1B}[34m" : "\u{1B}[33m") + text + "\u{1B}[0m"
    }

    private func label(_ text: String, _ room: Int) -> String {
        let short = SVGChartRenderer.shortened(text, to: room)
        return short + String(repeating: " ", count: room - short.count)
    }

    private func bars(_ rows: [(String, Double?)], measure: String, paint: Int) -> [String] {
        let room = min(24, rows.map(\.0.count).max() ?? 0)
        let numbers = rows.map { $0.1.map(SVGChartRenderer.number) ?? "" }
        let numberRoom = numbers.map(\.count).max() ?? 0
        let span = max(10, width - room - numberRoom - 4)
        let maximum = rows.compactMap(\.1).max() ?? 0
        var lines = rows.indices.map { index in
            let (name, value) = rows[index]
            let drawn = value.map { Self.bar(maximum > 0 ? $0 / maximum * Double(span) : 0) } ?? ""
            let pad = String(repeating: " ", count: max(0, span - drawn.count))
            return label(name, room) + " " + painted(drawn, paint) + pad + " " + String(repeating: " ", count: numberRoom - numbers[index].count) + numbers[index]
        }
        lines.append(String(repeating: " ", count: room + 1) + "(\(measure); longest bar \(SVGChartRenderer.number(maximum)))")
        return lines
    }

    private func sparklines(_ categories: [String], _ series: [Chart.Series], measure: String) -> [String] {
        let room = min(24, series.map(\.name.count).max() ?? 0)
        let maximum = series.flatMap { $0.values.compactMap { $0 } }.max() ?? 0
        // Periods beyond the width are taken a few at a time (their mean).
        let span = max(10, width - room - 12)
        let per = max(1, (categories.count + span - 1) / span)
        var lines: [String] = []
        for (number, line) in series.enumerated() {
            var cells = ""
            for start in stride(from: 0, to: line.values.count, by: per) {
                let chunk = line.values[start..<min(line.values.count, start + per)].compactMap { $0 }
                guard !chunk.isEmpty else {
                    cells += " "
                    continue
                }
                let mean = chunk.reduce(0, +) / Double(chunk.count)
                let level = maximum > 0 ? min(7, Int(mean / maximum * 7.999)) : 0
                cells += Self.levels[level]
            }
            let peak = line.values.compactMap { $0 }.max() ?? 0
            lines.append(label(line.name, room) + " " + painted(cells, number % 2) + " " + SVGChartRenderer.number(peak))
        }
        let first = categories.first ?? ""
        let last = categories.last ?? ""
        lines.append(String(repeating: " ", count: room + 1) + first + " … " + last
            + (per > 1 ? " (\(per) periods a cell)" : "") + "; \(measure), highest \(SVGChartRenderer.number(maximum)); the last column is each line's highest")
        return lines
    }

    private func barcode(_ strips: [Chart.Strip]) -> [String] {
        let room = min(24, strips.map(\.name.count).max() ?? 0)
        let hits = strips.map { String($0.hits) }
        let numberRoom = hits.map(\.count).max() ?? 0
        let span = max(10, width - room - numberRoom - 5)
        var lines = strips.indices.map { index in
            var cells = [Character](repeating: "·", count: span)
            for position in strips[index].positions { cells[min(span - 1, Int(position * Double(span)))] = "|" }
            return label(strips[index].name, room) + " " + painted(String(cells), 0) + " "
                + String(repeating: " ", count: numberRoom - hits[index].count) + hits[index]
        }
        lines.append(String(repeating: " ", count: room + 1) + "(each row a part from its first token to its last; | a hit; hits at the right)")
        return lines
    }

    private func signed(_ bars: [Chart.Bar], sides: [String], measure: String) -> [String] {
        func text(_ bar: Chart.Bar) -> String { SVGChartRenderer.shortened(bar.label, to: 20) + " " + SVGChartRenderer.number(bar.value) }
        // Words and numbers stand outside the bars: B's to the left of theirs, A's to the right.
        let leftRoom = bars.filter { $0.side == 1 }.map { text($0).count + 1 }.max() ?? 0
        let rightRoom = bars.filter { $0.side == 0 }.map { text($0).count + 1 }.max() ?? 0
        let half = max(6, (width - leftRoom - rightRoom - 3) / 2)
        let maximum = bars.map { abs($0.value) }.max() ?? 0
        let axis = leftRoom + half
        func cells(_ bar: Chart.Bar) -> Double { maximum > 0 ? abs(bar.value) / maximum * Double(half) : 0 }
        let leftHeading = SVGChartRenderer.shortened("key in " + sides[1], to: axis)
        var lines = [String(repeating: " ", count: axis - leftHeading.count) + leftHeading + " │ " + SVGChartRenderer.shortened("key in " + sides[0], to: half + rightRoom)]
        for bar in bars {
            if bar.side == 0 {
                lines.append(String(repeating: " ", count: axis) + " │" + painted(Self.bar(cells(bar)), 0) + " " + text(bar))
            } else {
                // A bar that grows leftwards from the axis fills whole cells: there are no
                // right-aligned eighths.
                let length = Int(cells(bar).rounded(.toNearestOrAwayFromZero))
                let label = text(bar) + " "
                lines.append(String(repeating: " ", count: max(0, axis - length - label.count)) + label + painted(String(repeating: "█", count: length), 1) + " │")
            }
        }
        lines.append(String(repeating: " ", count: max(0, axis - 1)) + "(\(measure); longest bar \(SVGChartRenderer.number(maximum)))")
        return lines
    }
}
