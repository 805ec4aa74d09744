// Compression/ owns every zlib call: raw deflate and CRC-32 for the run-set zip, gzip for archived objects. It works
// on `Data` in memory, uses nothing else of git-bench, and never touches the file system.
import CZlib
import Foundation

/// zlib, behind one door.
public enum Compression {
    /// zlib's CRC-32 of `data`.
    public static func crc32(_ data: Data) -> UInt32 {
        data.withUnsafeBytes { raw -> UInt32 in
            guard let base = raw.bindMemory(to: Bytef.self).baseAddress else { return UInt32(CZlib.crc32(0, nil, 0)) }
            return UInt32(CZlib.crc32(0, base, uInt(raw.count)))
        }
    }

    /// Raw deflate (no zlib header) at level 9, as a zip archive's method 8 stores it.
    /// Throws `CompressionError.deflate` when zlib refuses.
    public static func rawDeflate(_ data: Data) throws(CompressionError) -> Data {
        var stream = z_stream()
        guard czlib_deflate_init_raw(&stream, 9) == Z_OK else { throw .deflate(reason: "deflateInit2 failed") }
        defer { deflateEnd(&stream) }
        var input = [UInt8](data)
        let bound = Int(deflateBound(&stream, uLong(input.count)))
        var output = [UInt8](repeating: 0, count: bound + 64)
        let status = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer -> Int32 in
                stream.next_in = inBuffer.baseAddress
                stream.avail_in = uInt(inBuffer.count)
                stream.next_out = outBuffer.baseAddress
                stream.avail_out = uInt(outBuffer.count)
                // deflateBound guarantees one Z_FINISH call has room for everything.
                return CZlib.deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { throw .deflate(reason: "deflate returned \(status)") }
        return Data(output.prefix(Int(stream.total_out)))
    }
}

/// zlib could not compress or decompress.
public enum CompressionError: Error, Equatable, CustomStringConvertible {
    case deflate(reason: String)

    public var description: String {
        switch self {
        case .deflate(let reason): return "could not compress: \(reason)"
        }
    }
}
