/// Strict UTF-8 (no overlong forms, surrogates or code points past U+10FFFF), as TOML and JSON require of their input.
public enum UTF8Validation {
    /// The offset of the first byte that does not start a valid UTF-8 sequence, or nil when all of `bytes` is valid.
    public static func firstInvalidOffset<Bytes: RandomAccessCollection>(in bytes: Bytes) -> Int?
    where Bytes.Element == UInt8, Bytes.Index == Int {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return index - bytes.startIndex
            }
            for offset in 1..<length {
                let continuation = index + offset < bytes.endIndex ? bytes[index + offset] : 0
                let (low, high) = offset == 1 ? (lower, upper) : (UInt8(0x80), UInt8(0xBF))
                guard continuation >= low, continuation <= high else { return index - bytes.startIndex }
            }
            index += length
        }
        return nil
    }
}
