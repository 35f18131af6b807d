public import Diagnostics

/// The UCI "Optical Recognition of Handwritten Digits" set as shipped by scikit-learn
/// (CC BY 4.0): 1797 images of 8×8 pixels, values 0…16, ten classes.
///
/// Embedded in the binary at build time from `Embedded/digits.csv`.
public enum Digits {
    /// All 1797 rows, pixels scaled by 1/16 into `0…1`, labels 0…9, in file order.
    /// Parsed once per process.
    public static func load() throws(InputError) -> Dataset {
        try cached.get()
    }

    private static let cached: Result<Dataset, InputError> = {
        guard let text = EmbeddedFiles.contents["digits.csv"] else {
            return .failure(InputError("digits.csv is not embedded in this build"))
        }
        return Result { () throws(InputError) in try parse(text) }
    }()

    /// Parses `f0,…,f63,label` rows of small non-negative integers.
    static func parse(_ text: String) throws(InputError) -> Dataset {
        let featureCount = 64
        var features = [Float]()
        var labels = [Int32]()
        features.reserveCapacity(1797 * featureCount)
        labels.reserveCapacity(1797)
        var row = [Int](repeating: 0, count: featureCount + 1)
        var lineNumber = 0
        for line in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
            lineNumber += 1
            if lineNumber == 1 { continue } // header
            var column = 0, value = 0, digits = 0
            func fail(_ message: String) -> InputError {
                InputError(message, at: SourceLocation(file: "digits.csv", line: lineNumber, column: column + 1))
            }
            for byte in line where byte != UInt8(ascii: "\r") {
                if byte == UInt8(ascii: ",") {
                    guard digits > 0, column < featureCount else { throw fail("digits.csv: malformed row") }
                    row[column] = value
                    column += 1; value = 0; digits = 0
                } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                    value = value * 10 + Int(byte - UInt8(ascii: "0"))
                    digits += 1
                } else {
                    throw fail("digits.csv: unexpected character")
                }
            }
            guard digits > 0, column == featureCount else { throw fail("digits.csv: expected 65 columns") }
            row[column] = value
            for f in 0..<featureCount { features.append(Float(row[f]) / 16) }
            guard row[featureCount] < 10 else { throw fail("digits.csv: label out of range") }
            labels.append(Int32(row[featureCount]))
        }
        return Dataset(name: "digits", features: features, labels: labels,
                       featureCount: featureCount, classCount: 10)
    }
}
