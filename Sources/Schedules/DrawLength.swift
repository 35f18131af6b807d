/// `n` plus a 10 % margin, without overflow, capped at 10⁹.
func drawLength(_ n: Int) -> Int {
    let base = min(max(n, 1), 1_000_000_000)
    return base + max(1, base / 10)
}
