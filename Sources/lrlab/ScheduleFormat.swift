import ArgumentParser

/// What `lrlab schedule` writes (`--format`): a table of rates or a chart.
enum ScheduleFormat: String, CaseIterable, ExpressibleByArgument {
    /// `step,learning_rate` rows.
    case csv
    /// `{library, name, summary, params, steps, learning_rates}`.
    case json
    /// A 2x PNG chart.
    case png
    /// An SVG chart.
    case svg
    /// A one-page vector PDF chart (800 × 500 pt, text as text), for LaTeX documents.
    case pdf

    /// Whether this is a table (CSV, JSON) rather than a chart.
    var isTable: Bool { self == .csv || self == .json }
}
