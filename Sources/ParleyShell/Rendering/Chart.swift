/// What a result looks like as a picture: the data a chart is drawn from, carried by a report
/// beside its tables. Renderers draw it as SVG (`--format svg`) or as block characters in the
/// terminal (`--format chart`, `plot`); both are deterministic, as every output is.
package struct Chart: Sendable, Equatable {
    /// A line per series over periods (or other groups in order).
    package struct Series: Sendable, Equatable {
        package var name: String
        /// One value per category; nil where it has none (a period without tokens).
        package var values: [Double?]

        package init(name: String, values: [Double?]) {
            self.name = name
            self.values = values
        }
    }

    /// One part of a barcode plot: its name, hits and where in it they fall (0 ≤ p < 1).
    package struct Strip: Sendable, Equatable {
        package var name: String
        package var hits: Int
        package var positions: [Double]

        package init(name: String, hits: Int, positions: [Double]) {
            self.name = name
            self.hits = hits
            self.positions = positions
        }
    }

    /// One bar: its label, value, and side (0 or 1: A or B of a comparison).
    package struct Bar: Sendable, Equatable {
        package var label: String
        package var value: Double
        package var side = 0

        package init(label: String, value: Double, side: Int = 0) {
            self.label = label
            self.value = value
            self.side = side
        }
    }

    package enum Content: Sendable, Equatable {
        /// A time series: `categories` along x, a line per series, `measure` on y.
        case series(categories: [String], axis: String, series: [Series], measure: String)
        /// AntConc's dispersion plot: a strip per part, a tick per hit.
        case barcode([Strip])
        /// Horizontal bars; with `sides`, a signed chart (keyness): side 0 to the right, 1 to the left.
        case bars([Bar], measure: String, sides: [String]?)
    }

    package var title: String
    /// A sentence for screen readers saying what the chart shows.
    package var summary: String
    package var content: Content

    package init(title: String, summary: String, content: Content) {
        self.title = title
        self.summary = summary
        self.content = content
    }

    /// What kind of chart this is, in words ("a time series").
    package var kind: String {
        switch content {
        case .series: "time series"
        case .barcode: "dispersion plot"
        case .bars(_, _, let sides): sides == nil ? "bar chart" : "keyness chart"
        }
    }
}

/// The Okabe–Ito palette (Okabe & Ito 2008), safe for the common kinds of colour blindness,
/// black last.
enum Palette {
    static let colours = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
    /// Dash patterns that tell lines apart without colour, one per colour.
    static let dashes = ["", "6 3", "2 2", "8 3 2 3", "1 3", "10 4", "4 2 1 2", "3 5"]
}
