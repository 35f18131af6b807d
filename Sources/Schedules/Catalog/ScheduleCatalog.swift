/// Every schedule lrlab knows, keyed by (library, name); also the source of "did you mean".
enum ScheduleCatalog {
    static let entries: [CatalogEntry] = Keras.catalog + PyTorch.catalog + ObjectDetection.catalog

    static func entry(library: String, name: String) -> CatalogEntry? {
        entries.first { $0.library == library && $0.name == name }
    }

    static func names(library: String) -> [String] {
        entries.filter { $0.library == library }.map(\.name)
    }
}

extension ScheduleSpec {
    /// The schedule names a library offers, in catalog order.
    public static func names(library: String) -> [String] { ScheduleCatalog.names(library: library) }
}
