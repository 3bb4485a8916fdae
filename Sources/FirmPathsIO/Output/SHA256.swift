/// SHA-256 (FIPS 180-4) of a byte array, for the checksums a manifest records: the same
/// digest `sha256sum` prints, so a reader can check a file without this tool.
///
/// Foundation on Linux has no CryptoKit. `Hasher` digests a file as it is appended to (sweep
/// checkpoints record the checksum of each file's valid prefix).
public enum SHA256 {
    fileprivate static let k: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    /// The digest of `bytes` as 64 lowercase hexadecimal digits.
    public static func hex(_ bytes: [UInt8]) -> String {
        var hasher = Hasher()
        hasher.update(bytes)
        return hasher.hex
    }

    /// A digest computed piece by piece (a file appended to run by run): `update` with the
    /// bytes in order, then `hex` (which does not end the hashing: more bytes may follow, and
    /// `hex` then gives the digest of the longer prefix).
    public struct Hasher: Sendable, Equatable {
        private var h: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) =
            (0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19)
        /// Bytes not yet hashed (fewer than 64).
        private var pending: [UInt8] = []
        /// Bytes given to `update` so far.
        public private(set) var count = 0

        public init() {}

        public static func == (a: Hasher, b: Hasher) -> Bool { a.count == b.count && a.hex == b.hex }

        public mutating func update(_ bytes: [UInt8]) {
            bytes.withUnsafeBytes { update($0) }
        }

        public mutating func update(_ bytes: ArraySlice<UInt8>) {
            bytes.withUnsafeBytes { update($0) }
        }

        public mutating func update(_ raw: UnsafeRawBufferPointer) {
            guard raw.count > 0 else { return }
            count += raw.count
            var offset = 0
            if !pending.isEmpty {
                let take = min(64 - pending.count, raw.count)
                pending += raw[0..<take]
                offset = take
                guard pending.count == 64 else { return }
                let block = pending
                block.withUnsafeBytes { compress($0, blocks: 1) }
                pending.removeAll(keepingCapacity: true)
            }
            let blocks = (raw.count - offset) / 64
            if blocks > 0 {
                compress(UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + 64 * blocks)]), blocks: blocks)
                offset += 64 * blocks
            }
            if offset < raw.count { pending += raw[offset...] }
        }

        /// The digest of every byte given so far, as 64 lowercase hexadecimal digits.
        public var hex: String {
            var copy = self
            let bitLength = UInt64(count) &* 8
            var tail = pending
            tail.append(0x80)
            while tail.count % 64 != 56 { tail.append(0) }
            for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
            tail.withUnsafeBytes { copy.compress($0, blocks: tail.count / 64) }
            let digits = Array("0123456789abcdef".utf8)
            var text: [UInt8] = []
            text.reserveCapacity(64)
            for word in [copy.h.0, copy.h.1, copy.h.2, copy.h.3, copy.h.4, copy.h.5, copy.h.6, copy.h.7] {
                for shift in stride(from: 28, through: 0, by: -4) { text.append(digits[Int((word >> UInt32(shift)) & 0xf)]) }
            }
            return String(decoding: text, as: UTF8.self)
        }

        private mutating func compress(_ raw: UnsafeRawBufferPointer, blocks: Int) {
            var w = [UInt32](repeating: 0, count: 64)
            var state = h
            SHA256.k.withUnsafeBufferPointer { k in
                w.withUnsafeMutableBufferPointer { w in
                    for block in 0..<blocks {
                        let base = block * 64
                        for t in 0..<16 {
                            let offset = base + 4 * t
                            w[t] = UInt32(raw[offset]) << 24 | UInt32(raw[offset + 1]) << 16
                                | UInt32(raw[offset + 2]) << 8 | UInt32(raw[offset + 3])
                        }
                        for t in 16..<64 {
                            let s0 = rotate(w[t - 15], 7) ^ rotate(w[t - 15], 18) ^ (w[t - 15] >> 3)
                            let s1 = rotate(w[t - 2], 17) ^ rotate(w[t - 2], 19) ^ (w[t - 2] >> 10)
                            w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
                        }
                        var (a, b, c, d, e, f, g, hh) = state
                        for t in 0..<64 {
                            let s1 = rotate(e, 6) ^ rotate(e, 11) ^ rotate(e, 25)
                            let choice = (e & f) ^ (~e & g)
                            let temp1 = hh &+ s1 &+ choice &+ k[t] &+ w[t]
                            let s0 = rotate(a, 2) ^ rotate(a, 13) ^ rotate(a, 22)
                            let majority = (a & b) ^ (a & c) ^ (b & c)
                            let temp2 = s0 &+ majority
                            (hh, g, f, e, d, c, b, a) = (g, f, e, d &+ temp1, c, b, a, temp1 &+ temp2)
                        }
                        state = (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d,
                                 state.4 &+ e, state.5 &+ f, state.6 &+ g, state.7 &+ hh)
                    }
                }
            }
            h = state
        }
    }

    @inline(__always)
    fileprivate static func rotate(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }
}
