import Foundation

/// The number a TF2 scalar summary holds: a tensor of one numeric element (rank 0, or every
/// dimension 1), in the typed field of its dtype or in `tensor_content` (little-endian bytes).
enum TensorScalar {
    static func value(of tensor: Tensorflow_TensorProto) -> Double? {
        guard !tensor.tensorShape.unknownRank, tensor.tensorShape.dim.allSatisfy({ $0.size == 1 }) else { return nil }
        let content = [UInt8](tensor.tensorContent)
        switch tensor.dtype {
        case .dtFloat:
            if !content.isEmpty { return content.count == 4 ? Double(Float(bitPattern: uint32(content))) : nil }
            return single(tensor.floatVal).map(Double.init)
        case .dtDouble:
            if !content.isEmpty { return content.count == 8 ? Double(bitPattern: uint64(content)) : nil }
            return single(tensor.doubleVal)
        case .dtHalf:
            if !content.isEmpty { return content.count == 2 ? halfValue(UInt16(content[0]) | UInt16(content[1]) << 8) : nil }
            return single(tensor.halfVal).map { halfValue(UInt16(truncatingIfNeeded: $0)) }
        case .dtBfloat16:
            if !content.isEmpty {
                return content.count == 2 ? bfloat16Value(UInt16(content[0]) | UInt16(content[1]) << 8) : nil
            }
            return single(tensor.halfVal).map { bfloat16Value(UInt16(truncatingIfNeeded: $0)) }
        case .dtInt32:
            if !content.isEmpty { return content.count == 4 ? Double(Int32(bitPattern: uint32(content))) : nil }
            return single(tensor.intVal).map(Double.init)
        case .dtInt64:
            if !content.isEmpty { return content.count == 8 ? Double(Int64(bitPattern: uint64(content))) : nil }
            return single(tensor.int64Val).map(Double.init)
        default:
            return nil
        }
    }

    /// "a DT_STRING tensor of shape [3]", for warnings.
    static func describe(_ tensor: Tensorflow_TensorProto) -> String {
        let dtype: String
        switch tensor.dtype {
        case .UNRECOGNIZED(let raw): dtype = "dtype \(raw)"
        default: dtype = "a \(tensor.dtype) tensor"
        }
        let shape = tensor.tensorShape.unknownRank ? "unknown" : "[" + tensor.tensorShape.dim.map { String($0.size) }.joined(separator: ", ") + "]"
        return "\(dtype) of shape \(shape)"
    }

    /// The one element of a typed field; nil for none or several.
    static func single<T>(_ values: [T]) -> T? {
        values.count == 1 ? values.first : nil
    }

    /// Callers pass exactly 4 bytes.
    static func uint32(_ bytes: [UInt8]) -> UInt32 {
        bytes.prefix(4).enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (8 * UInt32($1.offset)) }
    }

    /// Callers pass exactly 8 bytes.
    static func uint64(_ bytes: [UInt8]) -> UInt64 {
        bytes.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
    }

    /// IEEE half precision, decoded by hand (`Float16` is not available on every platform).
    static func halfValue(_ bits: UInt16) -> Double {
        let sign: Double = bits & 0x8000 == 0 ? 1 : -1
        let exponent = Int((bits >> 10) & 0x1F)
        let fraction = Double(bits & 0x3FF)
        switch exponent {
        case 0: return sign * fraction * 0x1p-24
        case 31: return fraction == 0 ? sign * .infinity : .nan
        default: return sign * (1 + fraction / 1024) * Double(sign: .plus, exponent: exponent - 15, significand: 1)
        }
    }

    /// bfloat16: the high half of a float32.
    static func bfloat16Value(_ bits: UInt16) -> Double {
        Double(Float(bitPattern: UInt32(bits) << 16))
    }
}
