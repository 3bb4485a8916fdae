import FirmPathsIO

/// Encodes the rows of one step's firm table (e.g. trajectories.csv) in contiguous firm chunks
/// on several threads and joins them in chunk order, so the bytes are those of one encoder
/// whatever the thread count.
///
/// The chunk buffers live as long as the encoder and are refilled every step, so a large run
/// does not allocate per step.
final class ParallelRowEncoder: @unchecked Sendable {
    /// Firms per chunk: enough rows that a chunk's cost dwarfs the hand-off.
    static let firmsPerChunk = 4096

    private let threads: Int
    private let firms: Int
    private let chunkCount: Int
    private let buffers: UnsafeMutablePointer<CSVBuffer>

    init(firms: Int, threads: Int) {
        self.firms = firms
        self.threads = max(1, threads)
        chunkCount = self.threads <= 1 ? 1 : max(1, (firms + Self.firmsPerChunk - 1) / Self.firmsPerChunk)
        buffers = .allocate(capacity: chunkCount)
        buffers.initialize(repeating: CSVBuffer(), count: chunkCount)
    }

    deinit {
        buffers.deinitialize(count: chunkCount)
        buffers.deallocate()
    }

    /// Appends `encode(range, &chunkBuffer)` for every firm chunk to `buffer`, in order.
    /// - Parameter encode: writes the rows of the firms in `range`; called concurrently for
    ///   different ranges, so it must only read shared state.
    func append(into buffer: inout CSVBuffer, _ encode: @Sendable (Range<Int>, inout CSVBuffer) -> Void) {
        guard chunkCount > 1 else {
            encode(0..<firms, &buffer)
            return
        }
        let chunkSize = Self.firmsPerChunk
        let firms = firms
        ParallelFor.run(count: chunkCount, threads: threads, chunk: 1) { chunks in
            for chunk in chunks {
                let lower = chunk * chunkSize
                self.buffers[chunk].reset()
                encode(lower..<min(firms, lower + chunkSize), &self.buffers[chunk])
            }
        }
        for chunk in 0..<chunkCount { buffer.append(rowsOf: buffers[chunk]) }
    }
}
