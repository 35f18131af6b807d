import ArgumentParser
import Foundation
import LinearAlgebra

/// `lrlab-bench ceiling`: the single-thread sgemm ceiling of a training step — the samples per
/// second the step would reach if it were nothing but its matrix products, each running as
/// fast as the BLAS runs it alone with its operands hot in cache.
///
/// The products are the ones `MLP.forward` and `MLP.backward` call for a net
/// `features → hidden → classes` on a batch of B rows (row-major, `Float.gemm`, β = 1 as there):
///
/// | product | m × n × k | transposes |
/// |---|---|---|
/// | z₁ = x·W₁ | B × hidden × features | none, none |
/// | z₂ = a₁·W₂ | B × classes × hidden | none, none |
/// | ∂W₂ = a₁ᵀ·δ₂ | hidden × classes × B | A, none |
/// | ∂a₁ = δ₂·W₂ᵀ | B × hidden × classes | none, B |
/// | ∂W₁ = xᵀ·δ₁ | features × hidden × B | A, none |
///
/// Each is timed apart: repeated until a round lasts `--min-seconds`, best of `--rounds`
/// rounds. The step's ceiling time is the sum; everything else a step does (the gather, bias,
/// activation, softmax, the optimizer) is above it. A 2048³ product gives the BLAS's peak rate
/// for reference.
struct CeilingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ceiling",
        abstract: "Time a training step's matrix products alone; print the sgemm ceiling as a JSON line.")

    @Option(name: .customLong("batch-size"), help: "Rows per step (B).")
    var batchSize = 256
    @Option(help: "Inputs per row.")
    var features = 784
    @Option(help: "Width of the hidden layer.")
    var hidden = 128
    @Option(help: "Classes (outputs).")
    var classes = 10
    @Option(help: "Cores to use at most (BLAS threads and CPU affinity).")
    var threads = 1
    @Option(name: .customLong("min-seconds"), help: "Shortest round of repetitions.")
    var minSeconds = 0.1
    @Option(help: "Rounds per product; the best counts.")
    var rounds = 5
    @Flag(inversion: .prefixedNo, help: "Also time a 2048³ product (the BLAS's peak rate).")
    var square = true

    func validate() throws {
        guard batchSize >= 1, features >= 1, hidden >= 1, classes >= 1 else {
            throw ValidationError("--batch-size, --features, --hidden and --classes must be at least 1")
        }
        guard batchSize <= 1 << 16, features <= 1 << 16, hidden <= 1 << 16, classes <= 1 << 16 else {
            throw ValidationError("--batch-size, --features, --hidden and --classes must be at most 65536")
        }
        guard threads >= 1, rounds >= 1, minSeconds > 0, minSeconds <= 10 else {
            throw ValidationError("--threads and --rounds must be at least 1, --min-seconds in (0, 10]")
        }
    }

    /// One product: `m × n × k` with the given transposes (leading dimensions of row-major storage).
    struct Product {
        let name: String
        let transposeA: Transpose, transposeB: Transpose
        let m: Int, n: Int, k: Int
        var flops: Double { 2 * Double(m) * Double(n) * Double(k) }
    }

    var products: [Product] {
        let b = batchSize
        return [
            Product(name: "z1 = x.W1", transposeA: .none, transposeB: .none, m: b, n: hidden, k: features),
            Product(name: "z2 = a1.W2", transposeA: .none, transposeB: .none, m: b, n: classes, k: hidden),
            Product(name: "dW2 = a1T.d2", transposeA: .transpose, transposeB: .none, m: hidden, n: classes, k: b),
            Product(name: "da1 = d2.W2T", transposeA: .none, transposeB: .transpose, m: b, n: hidden, k: classes),
            Product(name: "dW1 = xT.d1", transposeA: .transpose, transposeB: .none, m: features, n: hidden, k: b),
        ]
    }

    func run() throws {
        CPUAffinity.limit(to: threads)
        BLAS.setThreads(threads)
        var fields: [(String, String)] = [
            ("impl", "\"lrlab\""), ("what", "\"sgemm ceiling\""), ("threads", "\(threads)"),
            ("batch_size", "\(batchSize)"), ("features", "\(features)"), ("hidden", "\(hidden)"),
            ("classes", "\(classes)"),
        ]
        var stepSeconds = 0.0, stepFlops = 0.0
        var parts: [String] = []
        for product in products {
            let seconds = best(product)
            stepSeconds += seconds
            stepFlops += product.flops
            parts.append("{\"product\": \"\(product.name)\", \"m\": \(product.m), \"n\": \(product.n), \"k\": \(product.k), "
                + "\"microseconds\": \(json(seconds * 1e6, places: 2)), \"gflops\": \(json(product.flops / seconds / 1e9, places: 1))}")
        }
        fields += [
            ("ceiling_samples_per_second", json(Double(batchSize) / stepSeconds, places: 1)),
            ("step_microseconds", json(stepSeconds * 1e6, places: 2)),
            ("step_gflops", json(stepFlops / stepSeconds / 1e9, places: 1)),
            ("flops_per_sample", "\(Int(stepFlops) / batchSize)"),
            ("products", "[" + parts.joined(separator: ", ") + "]"),
        ]
        if square {
            let peak = Product(name: "square", transposeA: .none, transposeB: .none, m: 2048, n: 2048, k: 2048)
            fields.append(("square_2048_gflops", json(peak.flops / best(peak) / 1e9, places: 1)))
        }
        fields.append(("cpus", "\(CPUAffinity.allowedCount())"))
        print("{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}")
    }

    /// Seconds per call of `product`, best round of `rounds` (operands filled with small values).
    func best(_ product: Product) -> Double {
        let a = [Float]((0..<(product.m * product.k)).map { Float($0 % 7) * 0.1 })
        let b = [Float]((0..<(product.k * product.n)).map { Float($0 % 5) * 0.1 })
        var c = [Float](repeating: 0, count: product.m * product.n)
        let lda = product.transposeA == .none ? product.k : product.m
        let ldb = product.transposeB == .none ? product.n : product.k
        return a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                c.withUnsafeMutableBufferPointer { c in
                    let (x, y, z) = (a.baseAddress!, b.baseAddress!, c.baseAddress!)
                    let call = {
                        Float.gemm(product.transposeA, product.transposeB, m: product.m, n: product.n, k: product.k,
                                   alpha: 1, a: x, lda: lda, b: y, ldb: ldb, beta: 1, c: z, ldc: product.n)
                    }
                    call()
                    let clock = ContinuousClock()
                    var repetitions = 1
                    while true {  // calibrate: a round lasts at least minSeconds
                        let elapsed = clock.measure { for _ in 0..<repetitions { call() } }
                        if seconds(elapsed) >= minSeconds || repetitions >= 1 << 24 { break }
                        repetitions *= 2
                    }
                    var fastest = Double.infinity
                    for _ in 0..<rounds {
                        let elapsed = clock.measure { for _ in 0..<repetitions { call() } }
                        fastest = min(fastest, seconds(elapsed) / Double(repetitions))
                    }
                    return fastest
                }
            }
        }
    }

    private func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}
