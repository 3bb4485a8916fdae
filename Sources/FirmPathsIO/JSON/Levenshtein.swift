/// Edit distance (insertions, deletions, substitutions) between two strings, counted in Characters, used to suggest the key a user probably meant.
public func levenshtein(_ lhs: String, _ rhs: String) -> Int {
    let a = Array(lhs)
    let b = Array(rhs)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
            current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}

/// The candidate closest to `target`, or `nil` when none is close enough to be a plausible typo.
///
/// The default threshold, `max(2, target.count / 3)`, lets short keys tolerate two typos while
/// longer keys scale, without suggesting unrelated names. Ties go to the earliest candidate so
/// suggestions follow the defaults file order.
public func closestMatch(to target: String, in candidates: some Sequence<String>, maxDistance: Int? = nil) -> String? {
    let limit = maxDistance ?? max(2, target.count / 3)
    var best: (candidate: String, distance: Int)?
    for candidate in candidates {
        let distance = levenshtein(target, candidate)
        if distance <= limit, distance < (best?.distance ?? Int.max) {
            best = (candidate, distance)
        }
    }
    return best?.candidate
}
