// swift-tools-version: 6.1
import PackageDescription

/// Settings every Swift target shares: Swift 6 mode, internal imports by default (no C type leaks
/// through a public API), and explicit `any` for existentials.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("ExistentialAny"),
]

/// A program whose release build on Linux carries the Swift runtime and Foundation inside, as
/// `--static-swift-stdlib` does for the whole build: compiled with the flag, its objects name the
/// static libraries Foundation needs (its ICU among them); linked with it, swiftc takes the static
/// runtime, through lld (see the `vorlage` target).
///
/// Its 85,000 relative relocations (pointers in Swift's metadata and Foundation's tables, which a
/// position-independent program fixes up at every start) are packed as RELR (glibc 2.36, the
/// `GLIBC_ABI_DT_RELR` version, which an older glibc refuses by name): 16 KB to read instead of
/// 2 MB, and `vorlage-bench peers` on no documents started 0.3–0.9 ms sooner (12.37 against 12.00
/// and 12.28 against 11.37 ms, `perf stat -r 40`, alternating, 1 December).
let staticProgram: [SwiftSetting] = [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))]
let staticLinking: [LinkerSetting] = [
    .unsafeFlags(["-static-stdlib", "-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs"], .when(platforms: [.linux], configuration: .release)),
]

let package = Package(
    name: "Vorlage",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "vorlage", targets: ["vorlage"]),
        .library(name: "ODFPackage", targets: ["ODFPackage"]),
        .library(name: "Templating", targets: ["Templating"]),
        .library(name: "Spool", targets: ["Spool"]),
        .library(name: "Council", targets: ["Council"]),
        .library(name: "Conversion", targets: ["Conversion"]),
        .library(name: "PDFPackage", targets: ["PDFPackage"]),
        .library(name: "Archive", targets: ["Archive"]),
        .library(name: "Pipeline", targets: ["Pipeline"]),
        .library(name: "JSONData", targets: ["JSONData"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
    ],
    targets: [
        // C libraries, reached only through the ODFPackage layer.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CCMarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .systemLibrary(
            name: "CLibZip",
            pkgConfig: "libzip",
            providers: [.apt(["libzip-dev", "zlib1g-dev"])]
        ),
        // Whole-buffer deflate, about three times as fast as zlib for the parts each document fills.
        .systemLibrary(
            name: "CLibDeflate",
            pkgConfig: "libdeflate",
            providers: [.apt(["libdeflate-dev"])]
        ),

        // LibreOffice's in-process API (headers from libreofficekit-dev; the library is loaded from
        // the LibreOffice installation at run time).
        .systemLibrary(
            name: "CLibreOfficeKit",
            providers: [.apt(["libreofficekit-dev"])]
        ),
        // qpdf's C API (headers from libqpdf-dev). Not linked: libqpdf is loaded when the first
        // PDF is opened, so the commands that make no PDF do not start with it and the ten
        // libraries (include/CQPDF.h).
        .target(name: "CQPDF"),
        // simdjson's DOM parser (libsimdjson-dev) behind a C interface of events, so that Swift
        // needs no C++ interoperability (include/CSimdJSON.h).
        .target(
            name: "CSimdJSON",
            linkerSettings: [.linkedLibrary("simdjson")]
        ),

        // Layer 0: records a run keeps on disk instead of in memory, in a nameless file. Knows files only.
        .target(
            name: "Spool",
            swiftSettings: strictSettings
        ),
        // Layer 1: ODF packages and their XML parts. The only code that touches libzip and libxml2.
        .target(
            name: "ODFPackage",
            dependencies: ["CLibXML2", "CLibZip", "CLibDeflate"],
            swiftSettings: strictSettings
        ),
        // Layer 1: PDF files: checking annexes, making converted PDFs reproducible, joining the
        // session packet with bookmarks and page labels. The only code that touches qpdf.
        .target(
            name: "PDFPackage",
            dependencies: ["CQPDF"],
            swiftSettings: strictSettings
        ),
        // Layer 1: converting .odt to PDF/A in long-lived LibreOfficeKit worker processes. The only
        // code that touches LibreOffice.
        .target(
            name: "Conversion",
            dependencies: ["CLibreOfficeKit", .product(name: "Subprocess", package: "swift-subprocess")],
            swiftSettings: strictSettings
        ),
        // Layer 2: the template language. Knows ODF, not councils. Markdown is parsed by cmark-gfm.
        .target(
            name: "Templating",
            dependencies: ["ODFPackage", "CCMarkGFM"],
            swiftSettings: strictSettings
        ),
        // Layer 3: the council domain (OParl-aligned model, YAML input). Knows councils, not zip.
        // It reads YAML with libyaml's event parser (YAMLReader), so that a long agenda is read
        // entry by entry; libyaml is Yams' `CYaml` module, which Yams does not offer as a product,
        // so it is reached through the Yams product (and Yams' types are used for comparing keys).
        .target(
            name: "Council",
            dependencies: ["Templating", "Spool", .product(name: "Yams", package: "Yams")],
            swiftSettings: strictSettings
        ),
        // Layer 3: template data from JSON, for callers with JSON in hand (a service's request, the
        // peers' benchmark data). The only code that touches simdjson. Knows values, not councils.
        .target(
            name: "JSONData",
            dependencies: ["Templating", "CSimdJSON"],
            swiftSettings: strictSettings
        ),
        // Layer 4: what a run leaves behind: files written once and durably, issued versions kept,
        // the OParl manifest with SHA-512 checksums. Knows councils and files, not ODF.
        .target(
            name: "Archive",
            dependencies: ["Council", "Templating", "Spool", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strictSettings
        ),
        // Layer 5: the jobs a council office runs (render bytes, build a meeting), and the tool on top.
        .target(
            name: "Pipeline",
            dependencies: ["Archive", "Council", "Spool", "Templating", "ODFPackage", "Conversion", "PDFPackage"],
            swiftSettings: strictSettings
        ),
        // The tool a clerk runs, often for one paper at a time (a preview after each change), so
        // its start counts: a release build links the Swift runtime and Foundation into the
        // program and starts 7–10 ms sooner than with Swift's shared libraries (`vorlage render`
        // of one paper 22.1 instead of 32.4 ms, `--version` 12.3 instead of 21.0; medians of 21
        // alternating runs, 1 December). It also runs on a machine without a Swift toolchain.
        // lld links it: GNU ld warns about a `mktemp` inside the static Foundation.
        // The unsafe flags make only the `vorlage` product unusable for other packages; the
        // libraries stay usable. Tests run the debug build and do not link the program's objects.
        .executableTarget(
            name: "vorlage",
            dependencies: ["Pipeline", "Archive", "Conversion", "Council", "Templating", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strictSettings + staticProgram,
            linkerSettings: staticLinking
        ),

        // What the benchmark's reports are made of, apart from the program, so that tests use it
        // without linking the program's objects: those carry its static linking (below) into the
        // test product, and Swift Testing comes as a shared library only.
        .target(
            name: "BenchSupport",
            swiftSettings: strictSettings
        ),
        // Prints speed figures (`swift run -c release vorlage-bench`); no test asserts on time.
        // A release build links the Swift runtime and Foundation into the program, as
        // `--static-swift-stdlib` does for a self-contained installation, so that a plain
        // `swift build -c release` gives the figures of docs/performance.md: `peers` on one
        // document takes 16 ms instead of 23 (process start included; medians of 20 alternating
        // runs). Not a product: its unsafe flags keep no package from using vorlage's libraries.
        .executableTarget(
            name: "vorlage-bench",
            dependencies: ["Pipeline", "Archive", "Council", "Templating", "ODFPackage", "Conversion", "JSONData", "BenchSupport"],
            swiftSettings: strictSettings + staticProgram,
            linkerSettings: staticLinking
        ),

        // Coverage-guided fuzzing of opening, compiling and filling (scripts/fuzz builds it with
        // -sanitize=fuzzer); a normal build replays inputs given on the command line.
        .executableTarget(
            name: "vorlage-fuzz",
            dependencies: ["Templating", "ODFPackage", "JSONData"],
            swiftSettings: strictSettings
        ),

        .testTarget(
            name: "ODFPackageTests",
            dependencies: ["ODFPackage", "TestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "TemplatingTests",
            dependencies: ["Templating", "ODFPackage", "TestSupport", "vorlage-fuzz"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "JSONDataTests",
            dependencies: ["JSONData", "Templating", "TestSupport", "vorlage-fuzz"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SpoolTests",
            dependencies: ["Spool", "TestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CouncilTests",
            dependencies: ["Council", "Spool", "Templating", "TestSupport", .product(name: "Yams", package: "Yams")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ConversionTests",
            dependencies: ["Conversion", "PDFPackage", "TestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "PDFPackageTests",
            dependencies: ["PDFPackage", "TestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ArchiveTests",
            dependencies: ["Archive", "Council", "Spool", "Templating", "TestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "PipelineTests",
            dependencies: ["Pipeline", "Council", "ODFPackage", "Archive", "Conversion", "PDFPackage", "TestSupport", "BenchSupport"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "TestSupport",
            dependencies: ["ODFPackage"],
            path: "Tests/TestSupport",
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6],
    cxxLanguageStandard: .cxx17
)
