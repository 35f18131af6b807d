/// Levenshtein distance between two strings, counted in Unicode scalars.
public func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
            current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}

/// The candidate closest to `word`, if it is close enough to be a likely typo:
/// at most a third of the word's length in edits (at least 1, at most 3), compared case-insensitively.
public func closestMatch(to word: String, among candidates: some Sequence<String>) -> String? {
    let limit = min(3, max(1, word.count / 3))
    let lower = word.lowercased()
    var best: (String, Int)?
    for candidate in candidates {
        let d = editDistance(lower, candidate.lowercased())
        if d <= limit, d < (best?.1 ?? Int.max) { best = (candidate, d) }
    }
    return best?.0
}
