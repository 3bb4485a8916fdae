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
    private let chunkSize: Int
    private let chunkCount: Int
    private let buffers: UnsafeMutablePointer<CSVBuffer>

    /// - Parameter firmsPerChunk: rows of a chunk (default `firmsPerChunk`).
    init(firms: Int, threads: Int, firmsPerChunk: Int = ParallelRowEncoder.firmsPerChunk) {
        self.firms = firms
        self.threads = max(1, threads)
        chunkSize = max(1, firmsPerChunk)
        chunkCount = self.threads <= 1 ? 1 : max(1, (firms + chunkSize - 1) / chunkSize)
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
        append(into: &buffer, rows: true, encode, jobs: 0) { _ in }
    }

    /// Runs `job(0)`, ..., `job(jobs - 1)` and (if `rows`) the chunks of `append(into:_:)`, all
    /// at the same time on the encoder's threads, jobs first (they are the longer tasks).
    /// - Parameter job: one whole task, e.g. another table's rows of the same step; the jobs run
    ///   concurrently with each other and with the chunks, so each must write only its own state.
    func append(into buffer: inout CSVBuffer, rows: Bool, _ encode: @Sendable (Range<Int>, inout CSVBuffer) -> Void,
                jobs: Int, job: @Sendable (Int) -> Void) {
        guard chunkCount > 1 else {
            for index in 0..<jobs { job(index) }
            if rows { encode(0..<firms, &buffer) }
            return
        }
        let chunkSize = chunkSize
        let firms = firms
        ParallelFor.run(count: jobs + (rows ? chunkCount : 0), threads: threads, chunk: 1) { tasks in
            for task in tasks {
                guard task >= jobs else {
                    job(task)
                    continue
                }
                let chunk = task - jobs
                let lower = chunk * chunkSize
                self.buffers[chunk].reset()
                encode(lower..<min(firms, lower + chunkSize), &self.buffers[chunk])
            }
        }
        guard rows else { return }
        for chunk in 0..<chunkCount { buffer.append(rowsOf: buffers[chunk]) }
    }
}
