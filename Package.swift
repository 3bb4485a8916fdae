// swift-tools-version:6.0
// FirmPaths: an agent-based simulation of SME internationalization paths.
//
// Dependencies run one way only:
//   FirmPathsModel  (pure model: no files, no threads, no printing)
//     <- FirmPathsIO     (scenario files, JSON, CSV)
//     <- FirmPathsReport (SVG charts, report.html, firm stories; reads run directories;
//                         beside the engine: neither imports the other)
//     <- FirmPathsEngine (runs, parallel batches, sweeps, streaming output)
//   FirmPathsServer    (HTTP/1.1 over POSIX sockets; knows nothing of the model)
//     <- FirmPathsExplorer (firmpaths explore: routes, levers, the page; uses Engine and Report)
//     <- FirmPathsCLI    (command-line commands)
//     <- firmpaths       (thin executable)
import PackageDescription

let package = Package(
    name: "FirmPaths",
    products: [
        .executable(name: "firmpaths", targets: ["firmpaths"]),
        .library(name: "FirmPathsModel", targets: ["FirmPathsModel"]),
        .library(name: "FirmPathsEngine", targets: ["FirmPathsEngine"]),
    ],
    targets: [
        // MARK: - Model
        .target(name: "FirmPathsModel"),

        // MARK: - Input and output
        // The system's zlib for `--compress` (.csv.gz); a system library, not a package.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "FirmPathsIO", dependencies: ["FirmPathsModel", "CZlib"]),

        // MARK: - Charts and reports (report.html, firm stories; the explorer draws with them too)
        .target(name: "FirmPathsReport", dependencies: ["FirmPathsModel", "FirmPathsIO"]),

        // MARK: - Run and batch engine
        .target(name: "FirmPathsEngine", dependencies: ["FirmPathsModel", "FirmPathsIO"]),

        // MARK: - HTTP server (firmpaths explore): sockets and Dispatch only, knows nothing of the model
        .target(name: "FirmPathsServer"),
        // The explorer's routes and page: lever values -> runs -> the report's charts, served by FirmPathsServer.
        .target(name: "FirmPathsExplorer",
                dependencies: ["FirmPathsServer", "FirmPathsEngine", "FirmPathsReport", "FirmPathsIO", "FirmPathsModel"]),

        // MARK: - Command line
        .target(name: "FirmPathsCLI",
                dependencies: ["FirmPathsModel", "FirmPathsIO", "FirmPathsReport", "FirmPathsEngine", "FirmPathsExplorer"]),
        .executableTarget(name: "firmpaths", dependencies: ["FirmPathsCLI"]),

        // MARK: - Benchmark (make bench)
        .executableTarget(name: "firmpaths-bench",
                         dependencies: ["FirmPathsEngine", "FirmPathsIO", "FirmPathsModel", "FirmPathsExplorer", "FirmPathsServer"]),

        // MARK: - Unit test bundles
        // IO only for PropertyTests, which draw scenarios from the catalog and load them as files are.
        .testTarget(name: "FirmPathsModelTests", dependencies: ["FirmPathsModel", "FirmPathsIO"]),
        .testTarget(name: "FirmPathsIOTests", dependencies: ["FirmPathsIO", "FirmPathsModel"]),
        .testTarget(name: "FirmPathsReportTests", dependencies: ["FirmPathsReport", "FirmPathsIO", "FirmPathsModel"]),
        // A raw TCP client shared by the server and explorer tests.
        .target(name: "HTTPTestClient", path: "Tests/HTTPTestClient"),
        .testTarget(name: "FirmPathsServerTests", dependencies: ["FirmPathsServer", "HTTPTestClient"]),
        .testTarget(name: "FirmPathsExplorerTests",
                    dependencies: ["FirmPathsExplorer", "FirmPathsServer", "FirmPathsEngine", "FirmPathsReport", "FirmPathsIO",
                                   "FirmPathsModel", "HTTPTestClient"]),
        .testTarget(name: "FirmPathsEngineTests", dependencies: ["FirmPathsEngine", "FirmPathsIO", "FirmPathsModel"]),
        .testTarget(
            name: "FirmPathsCLITests",
            dependencies: ["FirmPathsCLI", "FirmPathsEngine", "FirmPathsReport", "FirmPathsIO", "FirmPathsModel"],
            resources: []
        ),
    ],
    swiftLanguageModes: [.v6]
)
