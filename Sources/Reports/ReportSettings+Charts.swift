public import Charts
public import Results

extension ReportSettings.Theme {
    /// The colours charts are drawn in for this report theme: `auto` (the page follows the reader's
    /// `prefers-color-scheme`) draws light charts, whose white canvas reads on either page colour.
    public var chartTheme: Charts.Theme {
        switch self {
        case .auto, .light: .light
        case .dark: .dark
        case .paper: .paper
        }
    }
}
