// swift-tools-version:6.2
import PackageDescription

/// Settings every Redress target shares: Swift 6 language mode with the
/// upcoming features SwiftNIO and Hummingbird also enable, and
/// InternalImportsByDefault: an import is internal unless the file says
/// `public import`, so a module's public API names exactly the modules it
/// exposes (RedressStore's exposes RedressModel's values and GRDB's
/// `Database` for read transactions; RedressReports' does not expose GRDB),
/// and a dependency used only inside stays out of its clients' view.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Redress",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "redress", targets: ["redress"]),
        .library(name: "RedressModel", targets: ["RedressModel"]),
        .library(name: "RedressStore", targets: ["RedressStore"]),
    ],
    dependencies: [
        // Exactly this version: the store's positional cursor (`PositionalCursor`
        // implements `DatabaseCursor`'s underscored requirements `_statement`,
        // `_isDone`, `_element(sqliteStatement:)`) and direct binding
        // (`Statement+DirectBinding`, `setUncheckedArguments`) use GRDB API that
        // is not promised stable, which any release may change; move the pin
        // only with the store's tests green.
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        // DEFLATE for sync frames (zlib, through the system's libz).
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", exact: "2.5.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // Traits: only FullFoundation; swift-configuration support is not used (our configuration is NodeConfiguration).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: ["FullFoundation"]),
        // bcrypt for passwords (HummingbirdBcrypt); needs swift-tools-version 6.2.
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        // The HTTP client of `bench api` (already built for HummingbirdTesting).
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        // Logic-less, HTML-escaping templates for the staff workspace's pages.
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // Pure values and merge rules: no I/O, no SQLite.
        .target(
            name: "RedressModel",
            swiftSettings: strictSettings
        ),
        // Field-level encryption of personal data: writer keys, division key
        // wrapping (HPKE), sealed values, the recovery key, blind-index tokens.
        .target(
            name: "RedressKeys",
            dependencies: [
                "RedressPKI",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        // The CRDT-native SQLite store.
        .target(
            name: "RedressStore",
            dependencies: [
                "RedressModel",
                "RedressKeys",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The SQLite C API, for the WAL hook GRDB does not wrap (WALCheckpoints).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        // The wire protocol: generated protobuf types and their mapping to the model.
        .target(
            name: "RedressWire",
            dependencies: [
                "RedressModel",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            swiftSettings: strictSettings
        ),
        // The cluster's certificate authority and node identities.
        .target(
            name: "RedressPKI",
            dependencies: [
                "RedressModel",
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        // Replication over mutually authenticated TLS.
        .target(
            name: "RedressSync",
            dependencies: [
                "RedressModel",
                "RedressStore",
                "RedressWire",
                "RedressPKI",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // Benchmarks behind `redress bench`.
        .target(
            name: "RedressBench",
            dependencies: [
                "RedressModel",
                "RedressStore",
                "RedressSync",
                "RedressPKI",
                "RedressWire",
                "RedressReports",
                "RedressImport",
                "RedressNode",
                "RedressAPI",
                "RedressDashboard",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: strictSettings
        ),
        // Head-office KPIs by SQL aggregation.
        .target(
            name: "RedressReports",
            dependencies: [
                "RedressModel",
                "RedressStore",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSettings
        ),
        // CSV import (the CFPB export and mapped layouts) through the store's write path.
        .target(
            name: "RedressImport",
            dependencies: [
                "RedressModel",
                "RedressStore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // The read-only head-office dashboard that `redress serve` runs: HTML with SVG charts, and JSON.
        .target(
            name: "RedressDashboard",
            dependencies: [
                "RedressModel",
                "RedressStore",
                "RedressReports",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // The node's operations for every front end (CLI, HTTP API, web app):
        // accounts, sign-in, tokens, and every complaint step, authorised by AccessPolicy.
        .target(
            name: "RedressNode",
            dependencies: [
                "RedressModel",
                "RedressKeys",
                "RedressStore",
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // The node's HTTP listener: the complaint API (/api/v1), sign-in, the staff workspace, and the dashboard behind it.
        .target(
            name: "RedressAPI",
            dependencies: [
                "RedressModel",
                "RedressStore",
                "RedressNode",
                "RedressDashboard",
                "RedressReports",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // The command line: thin commands over the libraries.
        .executableTarget(
            name: "redress",
            dependencies: [
                "RedressModel",
                "RedressKeys",
                "RedressStore",
                "RedressBench",
                "RedressPKI",
                "RedressSync",
                "RedressReports",
                "RedressImport",
                "RedressDashboard",
                "RedressNode",
                "RedressAPI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
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
                "RedressKeys",
                "RedressStore",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: strictSettings
        ),
        // Smoke runs of `redress bench`, kept apart so that the store's and
        // the sync's tests build without the benchmarks and all they link.
        .testTarget(
            name: "RedressBenchTests",
            dependencies: [
                "RedressStore", "RedressBench", "RedressTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "RedressWireTests",
            dependencies: ["RedressModel", "RedressWire"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "RedressKeysTests",
            dependencies: ["RedressKeys", "RedressModel", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "RedressPKITests",
            dependencies: ["RedressModel", "RedressPKI"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "RedressSyncTests",
            dependencies: [
                "RedressModel", "RedressStore", "RedressWire", "RedressPKI", "RedressSync", "RedressTestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOTestUtils", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "RedressReportsTests",
            dependencies: ["RedressModel", "RedressStore", "RedressReports", "RedressImport", .product(name: "GRDB", package: "GRDB.swift")],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "RedressDashboardTests",
            dependencies: [
                "RedressModel", "RedressStore", "RedressReports", "RedressDashboard", "RedressTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        // Fixtures shared by the node, API, sync and dashboard tests.
        .target(
            name: "RedressTestSupport",
            dependencies: ["RedressModel", "RedressStore", "RedressNode"],
            path: "Tests/RedressTestSupport",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "RedressNodeTests",
            dependencies: ["RedressModel", "RedressStore", "RedressNode", "RedressTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "RedressAPITests",
            dependencies: [
                "RedressModel", "RedressStore", "RedressNode", "RedressAPI", "RedressDashboard", "RedressTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "RedressCLITests",
            dependencies: ["redress", "RedressModel", "RedressPKI"],
            swiftSettings: strictSettings
        ),
    ]
)
