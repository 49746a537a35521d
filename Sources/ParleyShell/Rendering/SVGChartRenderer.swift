import ParleyCore

/// Draws a chart as a standalone SVG document, 800 px wide: axes, ticks, labels, a title and a
/// legend where there are several series, in the Okabe–Ito palette with dash patterns as well.
/// Deterministic: coordinates in fixed decimals, text widths estimated from character counts
/// (never measured), no dates, no random ids, no fonts or scripts from outside (the generic
/// sans-serif family).
package struct SVGChartRenderer {
    static let width = 800.0
    /// The estimated width of a character of 12 px sans-serif text.
    static let characterWidth = 7.4

    package init() {}

    package func render(_ chart: Chart) -> String {
        var svg = SVGWriter()
        switch chart.content {
        case .series(let categories, let axis, let series, let measure):
            drawSeries(chart, categories: categories, axis: axis, series: series, measure: measure, into: &svg)
        case .barcode(let strips):
            drawBarcode(chart, strips, into: &svg)
        case .bars(let bars, let measure, let sides):
            drawBars(chart, bars, measure: measure, sides: sides, into: &svg)
        }
        return svg.text
    }

    // MARK: Time series

    private func drawSeries(
        _ chart: Chart, categories: [String], axis: String, series: [Chart.Series], measure: String, into svg: inout SVGWriter
    ) {
        let legendWidth = series.count > 1 ? 170.0 : 0
        let left = 70.0
        let right = Self.width - 20 - legendWidth
        let top = 50.0
        let plotHeight = 300.0
        let bottom = top + plotHeight
        let longest = categories.map(\.count).max() ?? 0
        // Labels are turned 45° when they would crowd each other.
        let every = Self.labelStep(count: categories.count, room: right - left, labelWidth: Double(min(longest, 20)) * Self.characterWidth + 8)
        let turned = categories.count > 1 && Double(longest) * Self.characterWidth + 8 > (right - left) / Double(categories.count) * Double(every)
        let height = bottom + (turned ? Double(min(longest, 20)) * Self.characterWidth * 0.75 + 50 : 55)
        svg.open(width: Self.width, height: height, title: chart.title, summary: chart.summary)
        svg.title(chart.title)
        let maximum = series.flatMap { $0.values.compactMap { $0 } }.max() ?? 0
        let ticks = Self.ticks(upTo: maximum)
        let top0 = ticks.last ?? 1
        func y(_ value: Double) -> Double { bottom - (top0 == 0 ? 0 : value / top0 * plotHeight) }
        func x(_ index: Int) -> Double {
            categories.count <= 1 ? (left + right) / 2 : left + Double(index) * (right - left) / Double(categories.count - 1)
        }
        // Grid and y axis.
        for tick in ticks {
            svg.line(left, y(tick), right, y(tick), stroke: tick == 0 ? "#333333" : "#dddddd")
            svg.text(Self.number(tick), x: left - 6, y: y(tick) + 4, anchor: "end")
        }
        svg.line(left, top, left, bottom, stroke: "#333333")
        svg.text(measure, x: 16, y: (top + bottom) / 2, anchor: "middle", rotate: -90)
        // X ticks and labels.
        for index in stride(from: 0, to: categories.count, by: every) {
            svg.line(x(index), bottom, x(index), bottom + 5, stroke: "#333333")
            let label = Self.shortened(categories[index], to: 20)
            if turned {
                svg.text(label, x: x(index), y: bottom + 16, anchor: "end", rotate: -45)
            } else {
                svg.text(label, x: x(index), y: bottom + 18, anchor: "middle")
            }
        }
        svg.text(axis, x: (left + right) / 2, y: height - 10, anchor: "middle")
        // A line per series, broken where a value is missing; dots when the points are few.
        for (number, line) in series.enumerated() {
            let colour = Palette.colours[number % Palette.colours.count]
            let dash = Palette.dashes[number % Palette.dashes.count]
            svg.raw("<g><title>\(SVGWriter.escape(line.name))</title>\n")
            var run: [(Double, Double)] = []
            func flush() {
                if run.count > 1 { svg.polyline(run, stroke: colour, dash: dash) }
                run.removeAll()
            }
            for (index, value) in line.values.enumerated() {
                guard let value else {
                    flush()
                    continue
                }
                run.append((x(index), y(value)))
            }
            flush()
            if categories.count <= 60 {
                for (index, value) in line.values.enumerated() {
                    guard let value else { continue }
                    svg.circle(x(index), y(value), radius: 2.5, fill: colour)
                }
            }
            svg.raw("</g>\n")
        }
        // The legend.
        if series.count > 1 {
            let legendX = Self.width - legendWidth + 4
            for (number, line) in series.enumerated() {
                let rowY = top + Double(number) * 20
                let colour = Palette.colours[number % Palette.colours.count]
                svg.polyline([(legendX, rowY), (legendX + 24, rowY)], stroke: colour, dash: Palette.dashes[number % Palette.dashes.count])
                svg.text(Self.shortened(line.name, to: 20), x: legendX + 30, y: rowY + 4, anchor: "start")
            }
        }
        svg.close()
    }

    // MARK: Barcode

    private func drawBarcode(_ chart: Chart, _ strips: [Chart.Strip], into svg: inout SVGWriter) {
        let longest = Double(min(strips.map(\.name.count).max() ?? 0, 26))
        let left = max(80, longest * Self.characterWidth + 16)
        let right = Self.width - 70
        let top = 50.0
        let row = 16.0
        let height = top + Double(strips.count) * row + 50
        svg.open(width: Self.width, height: height, title: chart.title, summary: chart.summary)
        svg.title(chart.title)
        svg.text("hits", x: Self.width - 12, y: top - 8, anchor: "end")
        let span = right - left
        // Thousands of rows: each kind of element goes in one group or one path, with as few
        // bytes a row as will do (a 1,000-part plot stays well under 200 KB).
        var labels = "<g transform=\"translate(\(Self.coordinate(left - 8)) 0)\" text-anchor=\"end\">\n"
        var counts = "<g transform=\"translate(\(Self.coordinate(Self.width - 12)) 0)\" text-anchor=\"end\">\n"
        var singles = ""
        var runs = ""
        for (index, strip) in strips.enumerated() {
            let y0 = top + Double(index) * row
            let baseline = Self.coordinate(y0 + row - 4)
            labels += "<text y=\"\(baseline)\">\(SVGWriter.escape(Self.shortened(strip.name, to: 26)))</text>\n"
            counts += "<text y=\"\(baseline)\">\(strip.hits)</text>\n"
            for (start, length) in Self.tickRuns(strip.positions, span: Int(span)) {
                let x = left + Double(start)
                if length == 1 {
                    // A lone tick is a line two pixels wide.
                    singles += "M" + Self.coordinate(x + 1) + " " + Self.coordinate(y0 + 2) + "v" + Self.coordinate(row - 4)
                } else {
                    let size = Self.coordinate(Double(length + 1))
                    runs += "M" + Self.coordinate(x) + " " + Self.coordinate(y0 + 2) + "h" + size + "v" + Self.coordinate(row - 4) + "h-" + size + "z"
                }
            }
        }
        // The strips' grey boxes are one rectangle filled with a pattern of rows.
        svg.raw("<defs><pattern id=\"strips\" width=\"\(Self.coordinate(span))\" height=\"\(Self.coordinate(row))\" patternUnits=\"userSpaceOnUse\" x=\"\(Self.coordinate(left))\" y=\"\(Self.coordinate(top))\">"
            + "<rect y=\"2\" width=\"\(Self.coordinate(span))\" height=\"\(Self.coordinate(row - 4))\" fill=\"#eeeeee\"/></pattern></defs>\n")
        if !strips.isEmpty { svg.rect(left, top, span, Double(strips.count) * row, fill: "url(#strips)", stroke: nil) }
        svg.raw(labels + "</g>\n" + counts + "</g>\n")
        if !singles.isEmpty { svg.raw("<path d=\"\(singles)\" stroke=\"\(Palette.colours[0])\" stroke-width=\"2\"/>\n") }
        if !runs.isEmpty { svg.raw("<path d=\"\(runs)\" fill=\"\(Palette.colours[0])\"/>\n") }
        let axisY = top + Double(strips.count) * row + 14
        for tick in 0...4 {
            let x = left + span * Double(tick) / 4
            svg.line(x, axisY - 6, x, axisY - 2, stroke: "#333333")
            svg.text("\(tick * 25)%", x: x, y: axisY + 10, anchor: "middle")
        }
        svg.text("position in the part (share of its tokens)", x: left + span / 2, y: axisY + 28, anchor: "middle")
        svg.close()
    }

    /// The most separate runs of ticks a strip is drawn with at full resolution.
    static let runsPerStrip = 24

    /// Where a strip's ticks go, as (first pixel, pixels) runs: one pixel column per hit, and
    /// neighbouring columns one run. A dense strip (a word in every sentence: more than 24
    /// runs) is drawn in columns of 2, 4, 8 or 16 pixels instead, until it is at most 8 runs: it reads as dense
    /// either way, and the file of a plot of 1,000 parts stays small for any query.
    package static func tickRuns(_ positions: [Double], span: Int) -> [(Int, Int)] {
        var width = 1
        while true {
            var columns = Set<Int>()
            for position in positions { columns.insert(min(span - 1, max(0, Int(position * Double(span)))) / width) }
            let sorted = columns.sorted()
            var runs: [(Int, Int)] = []
            var index = 0
            while index < sorted.count {
                var end = index
                while end + 1 < sorted.count, sorted[end + 1] == sorted[end] + 1 { end += 1 }
                let first = sorted[index] * width
                runs.append((first, min(span, (sorted[end] + 1) * width) - first))
                index = end + 1
            }
            // A strip dense enough to be coarsened at all is coarsened until it is a few boxes.
            if runs.count <= (width == 1 ? runsPerStrip : 8) || width >= 16 { return runs }
            width *= 2
        }
    }

    // MARK: Bars

    private func drawBars(_ chart: Chart, _ bars: [Chart.Bar], measure: String, sides: [String]?, into svg: inout SVGWriter) {
        let row = 20.0
        let top = sides == nil ? 50.0 : 74.0
        let longest = Double(min(bars.map(\.label.count).max() ?? 0, 28))
        let labelRoom = longest * Self.characterWidth + 12
        let maximum = bars.map { abs($0.value) }.max() ?? 0
        let ticks = Self.ticks(upTo: maximum)
        let scaleTop = ticks.last ?? 1
        let height = top + Double(bars.count) * row + 56
        svg.open(width: Self.width, height: height, title: chart.title, summary: chart.summary)
        svg.title(chart.title)
        let valueRoom = 60.0
        let (zero, span): (Double, Double)
        if sides == nil {
            zero = 20 + labelRoom
            span = Self.width - zero - valueRoom
        } else {
            zero = Self.width / 2
            span = Self.width / 2 - labelRoom - valueRoom
        }
        func length(_ value: Double) -> Double { scaleTop == 0 ? 0 : abs(value) / scaleTop * span }
        let bottom = top + Double(bars.count) * row
        // Grid lines at the ticks, on both sides for a signed chart.
        for tick in ticks {
            for sign in sides == nil ? [1.0] : [1.0, -1.0] where !(tick == 0 && sign < 0) {
                let x = zero + sign * length(tick)
                svg.line(x, top - 4, x, bottom, stroke: tick == 0 ? "#333333" : "#dddddd")
                svg.text(Self.number(sign * tick), x: x, y: bottom + 16, anchor: "middle")
            }
        }
        svg.text(measure, x: zero + (sides == nil ? span / 2 : 0), y: bottom + 36, anchor: "middle")
        if let sides {
            svg.rect(20, 38, 12, 12, fill: Palette.colours[1], stroke: nil)
            svg.text("key in " + Self.shortened(sides[1], to: 40), x: 38, y: 48, anchor: "start")
            svg.rect(Self.width - 32, 38, 12, 12, fill: Palette.colours[0], stroke: nil)
            svg.text("key in " + Self.shortened(sides[0], to: 40), x: Self.width - 38, y: 48, anchor: "end")
        }
        for (index, bar) in bars.enumerated() {
            let y0 = top + Double(index) * row
            let size = length(bar.value)
            let leftwards = sides != nil && bar.side == 1
            let colour = sides == nil ? Palette.colours[0] : Palette.colours[bar.side == 0 ? 0 : 1]
            let x0 = leftwards ? zero - size : zero
            svg.raw("<g><title>\(SVGWriter.escape(bar.label)): \(Self.number(bar.value))</title>\n")
            svg.rect(x0, y0 + 3, max(size, 0.5), row - 6, fill: colour, stroke: nil)
            let label = Self.shortened(bar.label, to: 28)
            if leftwards {
                svg.text(label, x: zero + 8, y: y0 + row - 6, anchor: "start")
                svg.text(Self.number(bar.value), x: x0 - 4, y: y0 + row - 6, anchor: "end")
            } else if sides != nil {
                svg.text(label, x: zero - 8, y: y0 + row - 6, anchor: "end")
                svg.text(Self.number(bar.value), x: x0 + size + 4, y: y0 + row - 6, anchor: "start")
            } else {
                svg.text(label, x: zero - 8, y: y0 + row - 6, anchor: "end")
                svg.text(Self.number(bar.value), x: x0 + size + 4, y: y0 + row - 6, anchor: "start")
            }
            svg.raw("</g>\n")
        }
        svg.close()
    }

    // MARK: Numbers and text

    /// Round tick values from 0 to at least `maximum`: 1, 2 or 5 times a power of ten apart,
    /// about five of them. Found by multiplying and dividing by ten, not by logarithms, so that
    /// every machine gets the same.
    package static func ticks(upTo maximum: Double) -> [Double] {
        guard maximum > 0, maximum.isFinite else { return [0, 1] }
        let raw = maximum / 5
        var power = 1.0
        while power * 10 <= raw { power *= 10 }
        while power > raw { power /= 10 }
        let step = [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= raw } ?? power * 10
        var ticks: [Double] = [0]
        while ticks.last! < maximum - step * 1e-9 { ticks.append(Double(ticks.count) * step) }
        return ticks
    }

    /// How many categories apart labels go so that they do not overlap.
    static func labelStep(count: Int, room: Double, labelWidth: Double) -> Int {
        guard count > 1 else { return 1 }
        let fits = max(1, Int(room / max(labelWidth * 0.75, 1)))
        var step = 1
        while (count + step - 1) / step > fits { step += 1 }
        return step
    }

    /// A tick or value: integers as they are, others with up to two decimals (three below 1).
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e12 { return String(Int(value)) }
        let places = abs(value) < 1 ? 3 : abs(value) < 100 ? 2 : 1
        var text = NumberFormat.fixed(value, places: places)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    static func coordinate(_ value: Double) -> String {
        var text = NumberFormat.fixed(value, places: 1)
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }

    static func shortened(_ text: String, to limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}

/// Writes SVG elements with fixed number formatting.
struct SVGWriter {
    private(set) var text = ""

    mutating func raw(_ piece: String) { text += piece }

    mutating func open(width: Double, height: Double, title: String, summary: String) {
        let w = SVGChartRenderer.coordinate(width)
        let h = SVGChartRenderer.coordinate(height)
        text += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        text += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\" role=\"img\" aria-labelledby=\"chart-title chart-desc\" font-family=\"sans-serif\" font-size=\"12\">\n"
        text += "<title id=\"chart-title\">\(Self.escape(title))</title>\n"
        text += "<desc id=\"chart-desc\">\(Self.escape(summary))</desc>\n"
        text += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
    }

    mutating func title(_ title: String) {
        text += "<text x=\"20\" y=\"26\" font-size=\"16\" font-weight=\"bold\">\(Self.escape(SVGChartRenderer.shortened(title, to: 100)))</text>\n"
    }

    mutating func close() { text += "</svg>\n" }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String) {
        text += "<line x1=\"\(c(x1))\" y1=\"\(c(y1))\" x2=\"\(c(x2))\" y2=\"\(c(y2))\" stroke=\"\(stroke)\"/>\n"
    }

    mutating func rect(_ x: Double, _ y: Double, _ width: Double, _ height: Double, fill: String, stroke: String?) {
        text += "<rect x=\"\(c(x))\" y=\"\(c(y))\" width=\"\(c(width))\" height=\"\(c(height))\" fill=\"\(fill)\""
            + (stroke.map { " stroke=\"\($0)\"" } ?? "") + "/>\n"
    }

    mutating func circle(_ x: Double, _ y: Double, radius: Double, fill: String) {
        text += "<circle cx=\"\(c(x))\" cy=\"\(c(y))\" r=\"\(c(radius))\" fill=\"\(fill)\"/>\n"
    }

    mutating func polyline(_ points: [(Double, Double)], stroke: String, dash: String) {
        let list = points.map { c($0.0) + "," + c($0.1) }.joined(separator: " ")
        text += "<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"2\""
            + (dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\"") + "/>\n"
    }

    mutating func text(_ content: String, x: Double, y: Double, anchor: String, rotate: Double? = nil) {
        let turn = rotate.map { " transform=\"rotate(\(SVGChartRenderer.coordinate($0)) \(c(x)) \(c(y)))\"" } ?? ""
        text += "<text x=\"\(c(x))\" y=\"\(c(y))\" text-anchor=\"\(anchor)\"\(turn)>\(Self.escape(content))</text>\n"
    }

    private func c(_ value: Double) -> String { SVGChartRenderer.coordinate(value) }

    /// Text made safe inside an element or attribute; characters XML 1.0 forbids are dropped.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            default:
                let value = scalar.value
                let allowed = value == 0x9 || value == 0xA || value == 0xD || (0x20...0xD7FF).contains(value)
                    || (0xE000...0xFFFD).contains(value) || (0x10000...0x10FFFF).contains(value)
                if allowed { escaped.unicodeScalars.append(scalar) }
            }
        }
        return escaped
    }
}
