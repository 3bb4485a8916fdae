import FirmPathsIO
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What is known about a CSV data file's contents up to some length: its bytes, rows (header
/// included), SHA-256 and the run of its last row. A sweep's checkpoint records one per file in
/// `progress.json` and a complete sweep in `manifest.json` (`file_checks`), so that `--resume`
/// and `merge` can tell a file that is exactly what was written from one that was cut,
/// extended or edited.
struct FileSeal: Equatable, Sendable {
    var bytes: Int
    /// Rows including the header (newlines outside quotes).
    var rows: Int
    var sha256: String
    /// The leading field (run number) of the last row, nil when the file holds only its header.
    var lastRun: Int?

    /// The JSON object a checkpoint or manifest records.
    var value: JSONValue {
        .object(JSONObject([
            ("bytes", .number(Double(bytes))),
            ("rows", .number(Double(rows))),
            ("last_run", lastRun.map { .number(Double($0)) } ?? .null),
            ("sha256", .string(sha256)),
        ]))
    }

    /// Reads the object `value` wrote, or nil when a member is missing or of the wrong type.
    init?(_ value: JSONValue?) {
        guard let value, let bytes = value["bytes"]?.intValue, bytes >= 0, let rows = value["rows"]?.intValue, rows >= 0,
              let sha256 = value["sha256"]?.stringValue, sha256.utf8.count == 64
        else { return nil }
        let lastRun: Int?
        switch value["last_run"] {
        case .some(.null): lastRun = nil
        case .some(let run):
            guard let number = run.intValue else { return nil }
            lastRun = number
        case .none: return nil
        }
        self.init(bytes: bytes, rows: rows, sha256: sha256, lastRun: lastRun)
    }

    init(bytes: Int, rows: Int, sha256: String, lastRun: Int?) {
        self.bytes = bytes
        self.rows = rows
        self.sha256 = sha256
        self.lastRun = lastRun
    }

    /// Why `found` (read from the file) is not `self` (recorded), in words, or nil when they agree.
    func mismatch(_ found: FileSeal, recordedIn record: String) -> String? {
        if found.bytes != bytes { return "it has \(found.bytes) bytes where \(record) records \(bytes)" }
        if found.rows != rows { return "its \(bytes) bytes hold \(found.rows) rows where \(record) records \(rows)" }
        if found.sha256 != sha256 {
            return "its first \(bytes) bytes do not match the SHA-256 checksum \(record) records (the contents were edited)"
        }
        if found.lastRun != lastRun {
            return "its last row is of run \(found.lastRun.map(String.init) ?? "none") where \(record) records "
                + (lastRun.map(String.init) ?? "none")
        }
        return nil
    }
}

/// Keeps a `FileSeal` up to date as bytes are appended (whole rows, or any pieces: the quote
/// and row state carries over).
struct FileSealer: Sendable {
    private(set) var hasher = SHA256.Hasher()
    private(set) var rows = 0
    private(set) var lastRun: Int?
    /// With `collectRuns`, the leading run number of every complete row (nil: a row without one).
    private(set) var runs: [Int?] = []
    private let collectRuns: Bool
    private var quoted = false
    private var atRowStart = true
    private var leading = 0
    private var leadingDigits = 0
    private var leadingDone = false

    init(collectRuns: Bool = false) {
        self.collectRuns = collectRuns
    }

    var bytes: Int { hasher.count }
    var seal: FileSeal { FileSeal(bytes: hasher.count, rows: rows, sha256: hasher.hex, lastRun: lastRun) }
    /// Whether the bytes so far end with a complete row (or are empty).
    var endsWithRow: Bool { atRowStart && !quoted }

    mutating func absorb(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { absorb($0) }
    }

    mutating func absorb(_ raw: UnsafeRawBufferPointer) {
        hasher.update(raw)
        absorbContent(raw)
    }

    /// A compressed file (`.csv.gz`): bytes as stored on disk go into the checksum and byte count...
    mutating func absorbStored(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { hasher.update($0) }
    }

    mutating func absorbStored(_ raw: UnsafeRawBufferPointer) {
        hasher.update(raw)
    }

    /// ... and the content they decompress to into the rows and last run.
    mutating func absorbContent(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { absorbContent($0) }
    }

    mutating func absorbContent(_ raw: UnsafeRawBufferPointer) {
        for byte in raw {
            if atRowStart {
                atRowStart = false
                leading = 0
                leadingDigits = 0
                leadingDone = false
            }
            if !leadingDone {
                if byte >= 0x30 && byte <= 0x39 && leadingDigits < 18 {
                    leading = leading * 10 + Int(byte - 0x30)
                    leadingDigits += 1
                } else {
                    leadingDone = true
                }
            }
            if byte == 0x22 {
                quoted.toggle()
            } else if byte == 0x0A && !quoted {
                rows += 1
                let run = leadingDigits > 0 ? leading : nil
                if let run { lastRun = run }
                if collectRuns { runs.append(run) }
                atRowStart = true
            }
        }
    }
}

/// Reads a file once: the seal of its first `prefix` bytes (and the sealer to continue appending
/// from there), and the run numbers of the rows after it.
///
/// A `.gz` file (`--compress`) is sealed as stored (bytes, SHA-256) and as it reads (rows, last
/// run): its prefix ends where a gzip member ends, and the tail after it is decompressed as a
/// new member, as far as it goes (a kill leaves a member cut short; what decodes is checked).
struct FileScan {
    /// The first `prefix` bytes (fewer when the file is shorter).
    var sealer: FileSealer
    /// Bytes in the file.
    var size: Int
    /// The bytes after the prefix, with the runs of their complete rows.
    var tail: FileSealer

    /// - Throws: `EngineError.io` when the file cannot be read.
    static func read(_ path: String, prefix: Int) throws(EngineError) -> FileScan {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .io("cannot open '\(path)': \(AppendFile.reason(errno))") }
        defer { _ = close(fd) }
        var scan = FileScan(sealer: FileSealer(), size: 0, tail: FileSealer(collectRuns: true))
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        let compressed = path.hasSuffix(Gzip.suffix)
        var prefixInflater: GzipDecompressor? = compressed ? GzipDecompressor() : nil
        var tailInflater: GzipDecompressor? = compressed ? GzipDecompressor() : nil
        var content: [UInt8] = []
        // Decodes as far as the data goes: damaged or cut data ends what is checked.
        func inflate(_ inflater: inout GzipDecompressor?, _ raw: UnsafeRawBufferPointer, into sealer: inout FileSealer) {
            guard let decoder = inflater else { return }
            content.removeAll(keepingCapacity: true)
            do {
                try decoder.decompress(raw, into: &content)
            } catch {
                inflater = nil
            }
            sealer.absorbContent(content)
        }
        while true {
            let count = buffer.withUnsafeMutableBytes { raw in posixRead(fd, raw.baseAddress, raw.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .io("cannot read '\(path)': \(AppendFile.reason(errno))")
            }
            if count == 0 { break }
            buffer.withUnsafeBytes { raw in
                let inPrefix = max(0, min(count, prefix - scan.size))
                let head = UnsafeRawBufferPointer(rebasing: raw[0..<inPrefix])
                let rest = UnsafeRawBufferPointer(rebasing: raw[inPrefix..<count])
                if compressed {
                    if inPrefix > 0 {
                        scan.sealer.absorbStored(head)
                        inflate(&prefixInflater, head, into: &scan.sealer)
                    }
                    if inPrefix < count {
                        scan.tail.absorbStored(rest)
                        inflate(&tailInflater, rest, into: &scan.tail)
                    }
                } else {
                    if inPrefix > 0 { scan.sealer.absorb(head) }
                    if inPrefix < count { scan.tail.absorb(rest) }
                }
            }
            scan.size += count
        }
        return scan
    }
}

/// The C `read`, reachable from code where a type's `read` would shadow it.
private func posixRead(_ fd: Int32, _ pointer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, pointer, count)
}
