// swift-tools-version:6.1
import PackageDescription

/// Settings every Redress target shares: Swift 6 language mode with the
/// upcoming features SwiftNIO and Hummingbird also enable.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Redress",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "redress", targets: ["redress"]),
        .library(name: "RedressModel", targets: ["RedressModel"]),
        .library(name: "RedressStore", targets: ["RedressStore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // Pure values and merge rules: no I/O, no SQLite.
        .target(
            name: "RedressModel",
            swiftSettings: strictSettings
        ),
        // The CRDT-native SQLite store.
        .target(
            name: "RedressStore",
            dependencies: [
                "RedressModel",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        // The command line: thin commands over the libraries.
        .executableTarget(
            name: "redress",
            dependencies: [
                "RedressModel",
                "RedressStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "RedressModelTests",
            dependencies: [
                "RedressModel",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "RedressStoreTests",
            dependencies: [
                "RedressModel",
                "RedressStore",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "RedressCLITests",
            dependencies: ["redress"],
            swiftSettings: strictSettings
        ),
    ]
)
