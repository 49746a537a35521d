// swift-tools-version:6.0
import PackageDescription

// The in-process benchmark harness, outside the main build: `swift build` at the top never
// compiles it, and CI never runs it. Its targets are Parley's own sources, linked in
// (Sources/Parley* are symlinks), so it measures exactly the code `parley` runs.
let package = Package(
    name: "ParleyBenchmarks",
    targets: [
        .systemLibrary(name: "CReadline", providers: [.apt(["libreadline-dev"])]),
        .systemLibrary(name: "CZstd", providers: [.apt(["libzstd-dev"])]),
        .target(name: "CInterrupt"),
        .target(name: "CLoading"),
        .target(name: "ParleyCore", dependencies: ["CInterrupt", "CLoading", "CZstd"]),
        .target(name: "ParleyNotebook"),
        .target(name: "ParleyShell", dependencies: ["ParleyCore", "ParleyNotebook", "CReadline"]),
        .executableTarget(name: "ParleyBench", dependencies: ["ParleyCore", "ParleyShell"]),
    ],
    swiftLanguageModes: [.v6]
)
