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

    /// A gzip member (RFC 1952) of `data` that depends on nothing but `data`: mtime 0, no file name, no extra fields,
    /// XFL 2 (maximum compression) and OS 255 ("unknown", where zlib's own header would say which OS built it), then
    /// level-9 raw deflate, the CRC-32 and the length. Identical input gives identical bytes, so an archived object's
    /// digest is a function of its JSON.
    public static func gzip(_ data: Data) throws(CompressionError) -> Data {
        var member = Data([0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0xFF])
        member.append(try rawDeflate(data))
        for value in [crc32(data), UInt32(truncatingIfNeeded: data.count)] {
            withUnsafeBytes(of: value.littleEndian) { member.append(contentsOf: $0) }
        }
        return member
    }

    /// The bytes of the gzip stream `data` (every member, as `gunzip` reads them). Throws `CompressionError.inflate`
    /// for anything that is not complete, intact gzip.
    public static func gunzip(_ data: Data) throws(CompressionError) -> Data {
        var input = [UInt8](data)
        var output = Data()
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var offset = 0
        // One inflate stream per member: zlib stops at the end of each.
        repeat {
            var stream = z_stream()
            guard czlib_inflate_init_gzip(&stream) == Z_OK else { throw .inflate(reason: "inflateInit2 failed") }
            defer { inflateEnd(&stream) }
            var status: Int32 = Z_OK
            let consumed = input.withUnsafeMutableBufferPointer { inBuffer -> Int in
                stream.next_in = inBuffer.baseAddress.map { $0 + offset }
                stream.avail_in = uInt(inBuffer.count - offset)
                while status == Z_OK {
                    chunk.withUnsafeMutableBufferPointer { outBuffer in
                        stream.next_out = outBuffer.baseAddress
                        stream.avail_out = uInt(outBuffer.count)
                        status = CZlib.inflate(&stream, Z_NO_FLUSH)
                        output.append(contentsOf: outBuffer[0..<(outBuffer.count - Int(stream.avail_out))])
                    }
                    if status == Z_BUF_ERROR && stream.avail_in > 0 { status = Z_OK }
                }
                return inBuffer.count - offset - Int(stream.avail_in)
            }
            guard status == Z_STREAM_END else {
                throw .inflate(reason: status == Z_BUF_ERROR ? "the gzip data is truncated" : "inflate returned \(status)")
            }
            offset += consumed
        } while offset < input.count
        return output
    }
}

/// zlib could not compress or decompress.
public enum CompressionError: Error, Equatable, CustomStringConvertible {
    case deflate(reason: String)
    case inflate(reason: String)

    public var description: String {
        switch self {
        case .deflate(let reason): return "could not compress: \(reason)"
        case .inflate(let reason): return "could not decompress: \(reason)"
        }
    }
}
