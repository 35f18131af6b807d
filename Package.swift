// swift-tools-version:6.1
import PackageDescription

// MARK: - Dependencies

let dependencies: [Package.Dependency] = [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
    // SHA-256 of the data a run saw (the report's reproducibility section).
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    // TensorBoard event files (`Event` protocol buffers; generated code in Sources/TensorBoard).
    .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
]

// MARK: - C libraries (touched by one wrapper module each)

let systemLibraries: [Target] = [
    .systemLibrary(name: "CCairo", pkgConfig: "cairo",
                   providers: [.apt(["libcairo2-dev"])]),
    .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas",
                   providers: [.apt(["libopenblas-dev"])]),
    .systemLibrary(name: "CZlib", pkgConfig: "zlib",
                   providers: [.apt(["zlib1g-dev"])]),
]

// MARK: - Modules (arrows point down only; see docs/architecture.md)

let modules: [Target] = [
    .executableTarget(name: "lrlab", dependencies: [
        "Sweeps", "Reports", "Schedules", "ScheduleCharts", "Charts", "Results", "Diagnostics", "Training", "AtomicFiles",
        "Formatting", "LogImport",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Yams", package: "Yams"),
    ], plugins: ["EmbedPlugin"]),
    .target(name: "Sweeps", dependencies: [
        "Training", "Datasets", "Schedules", "Results", "Diagnostics", "Formatting",
        .product(name: "Yams", package: "Yams"),
        .product(name: "Crypto", package: "swift-crypto"),
    ]),
    .target(name: "Training", dependencies: ["LinearAlgebra", "Datasets", "Results"]),
    .target(name: "LinearAlgebra", dependencies: ["COpenBLAS", "CRowKernels"]),
    // The first layer's products on table rows picked by index (AVX-512; see RowKernels.c).
    // Optimised in debug builds too: the tests train through them.
    .target(name: "CRowKernels", cSettings: [.unsafeFlags(["-O3"])]),
    .target(name: "Datasets", dependencies: ["Diagnostics", "Formatting", "CZlib",
                                             .product(name: "Crypto", package: "swift-crypto")],
            exclude: ["Embedded"], plugins: ["EmbedPlugin"]),
    .target(name: "Schedules", dependencies: ["Diagnostics", "Results"]),
    .target(name: "ScheduleCharts", dependencies: ["Schedules", "Charts", "Formatting", "Diagnostics", "Results"]),
    .target(name: "Results", dependencies: ["AtomicFiles", "Diagnostics"]),
    .target(name: "Insights", dependencies: ["Results", "Formatting"]),
    .target(name: "LogImport", dependencies: ["Results", "Diagnostics", "TensorBoard", .product(name: "Yams", package: "Yams")]),
    .target(name: "Charts", dependencies: ["CCairo", "Formatting", "AtomicFiles"]),
    .target(name: "Formatting", dependencies: []),
    .target(name: "AtomicFiles", dependencies: ["Diagnostics"]),
    .target(name: "Reports", dependencies: [
        "Results", "Insights", "Charts", "ScheduleCharts", "Formatting", "AtomicFiles",
        .product(name: "Mustache", package: "swift-mustache"),
    ], plugins: ["EmbedPlugin"]),
    .target(name: "TensorBoard", dependencies: [
        "Diagnostics",
        .product(name: "SwiftProtobuf", package: "swift-protobuf"),
    ], exclude: ["Proto"]),
    .target(name: "Diagnostics", dependencies: [
        .product(name: "Yams", package: "Yams"),
    ]),
]

// MARK: - Benchmarks (`make bench`: lrlab-bench against ../shared/bench)

let benchmarks: [Target] = [
    .executableTarget(name: "lrlab-bench", dependencies: [
        "Training", "Datasets", "LinearAlgebra", "Charts", "Reports", "Results",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
    ]),
]

// MARK: - Build tools: embed Templates/ and data files in the binary

let buildTools: [Target] = [
    .executableTarget(name: "EmbedTool", path: "Sources/EmbedTool"),
    .plugin(name: "EmbedPlugin", capability: .buildTool(), dependencies: ["EmbedTool"]),
]

// MARK: - Tests (one target per module, plus the end-to-end CLI test, sharing TestSupport)

let tests: [Target] = [
    .target(name: "TestSupport", path: "Tests/TestSupport"),  // temporary folders, package and ../shared paths
    .testTarget(name: "SweepsTests", dependencies: ["Sweeps", "Diagnostics", "Results", "TestSupport"]),
    .testTarget(name: "TrainingTests", dependencies: ["Training", "Datasets", "LinearAlgebra", "Results", "Insights", "TestSupport"]),
    .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra"]),
    .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "Diagnostics", "Formatting", "TestSupport"]),
    .testTarget(name: "SchedulesTests", dependencies: ["Schedules", "Results", "TestSupport"]),
    .testTarget(name: "ScheduleChartsTests", dependencies: ["ScheduleCharts", "Schedules", "Charts", "Diagnostics", "Results", "TestSupport"]),
    .testTarget(name: "ResultsTests", dependencies: ["Results", "TestSupport"]),
    .testTarget(name: "InsightsTests", dependencies: ["Insights", "Results", "Formatting"]),
    .testTarget(name: "LogImportTests", dependencies: ["LogImport", "TensorBoard", "Results", "Insights", "Diagnostics", "TestSupport"]),
    .testTarget(name: "FormattingTests", dependencies: ["Formatting"]),
    .testTarget(name: "AtomicFilesTests", dependencies: ["AtomicFiles", "Diagnostics", "TestSupport"]),
    .testTarget(name: "ChartsTests", dependencies: ["Charts", "Formatting", "TestSupport"], exclude: ["Golden"]),
    .testTarget(name: "ReportsTests", dependencies: ["Reports", "Results", "AtomicFiles", "TestSupport"]),
    .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics"]),
    .testTarget(name: "TensorBoardTests", dependencies: [
        "TensorBoard", "Diagnostics", "TestSupport", .product(name: "SwiftProtobuf", package: "swift-protobuf"),
    ]),
    .testTarget(name: "FuzzTests", dependencies: ["Sweeps", "Schedules", "ScheduleCharts", "Charts", "Diagnostics", "TestSupport"]),
    .testTarget(name: "EndToEndTests", dependencies: [
        "lrlab", "Sweeps", "Diagnostics", "Charts", "Reports", "Results", "TestSupport",
        .product(name: "Yams", package: "Yams"),
    ]),
]

// Compiler help for every Swift target, as hummingbird does: `any` spelled out on existentials, and
// imports internal unless a module's public API needs them (`public import`).
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]
for target in modules + benchmarks + buildTools + tests where target.type != .system && target.type != .plugin {
    target.swiftSettings = (target.swiftSettings ?? []) + swiftSettings
}

let package = Package(
    name: "lrlab",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "lrlab", targets: ["lrlab"]),
        .executable(name: "lrlab-bench", targets: ["lrlab-bench"]),
    ],
    dependencies: dependencies,
    targets: systemLibraries + modules + benchmarks + buildTools + tests
)
