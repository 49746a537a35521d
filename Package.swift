// swift-tools-version:6.0
import PackageDescription

let strict: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]

let package = Package(
    name: "Parley",
    products: [
        .executable(name: "parley", targets: ["parley"]),
        .library(name: "ParleyCore", targets: ["ParleyCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CReadline",
            providers: [.apt(["libreadline-dev"])]
        ),
        .systemLibrary(
            name: "CZstd",
            providers: [.apt(["libzstd-dev"])]
        ),
        .target(name: "CInterrupt"),
        .target(name: "CLoading"),
        .target(name: "ParleyCore", dependencies: ["CInterrupt", "CLoading", "CZstd"], swiftSettings: strict),
        .target(name: "ParleyNotebook", swiftSettings: strict),
        .target(
            name: "ParleyShell",
            dependencies: ["ParleyCore", "ParleyNotebook", "CReadline"],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "parley",
            dependencies: [
                "ParleyCore",
                "ParleyShell",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "ParleyCoreTests", dependencies: ["ParleyCore"], swiftSettings: strict),
        .testTarget(name: "ParleyNotebookTests", dependencies: ["ParleyNotebook"], swiftSettings: strict),
        .testTarget(name: "ParleyShellTests", dependencies: ["ParleyShell"], swiftSettings: strict),
        .target(name: "CSpawn", path: "Tests/CSpawn"),
        .testTarget(name: "EndToEndTests", dependencies: ["parley", "ParleyNotebook", "CSpawn"], swiftSettings: strict),
    ],
    swiftLanguageModes: [.v6]
)
