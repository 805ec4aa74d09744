import Foundation

/// Writes a run set's directory as one lossless zip (`--compress`): a local header and raw-deflate data per file,
/// then the central directory (PKWARE APPNOTE 6.3.x, §4.3), with CRC-32 and deflate from zlib. Entries sit under
/// `<run-set-id>/`, so unzipping recreates the directory. No zip64: a run set's files are far below 4 GiB.
public enum RunSetZip {
    /// Zips every regular file of `directory` into `zipURL` (mode 0600, temp file + rename); returns the zip's URL.
    /// Throws `RunDirError.zip` when a file cannot be read or compressed, or the archive would need zip64.
    @discardableResult
    public static func write(directory: URL, to zipURL: URL, modified date: Date = Date()) throws -> URL {
        let folder = directory.lastPathComponent
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
                .filter { !SecureFile.isTemporaryName($0) }.sorted()
        } catch {
            throw RunDirError.zip(path: zipURL.path, reason: "cannot list \(directory.path)")
        }
        let (time, day) = dosTimestamp(date)
        var archive = Data()
        var central = Data()
        var count = 0

        func addEntry(name: String, contents: Data, isDirectory: Bool) throws {
            let stored = isDirectory ? Data() : contents
            let crc = Compression.crc32(stored)
            let deflated: Data?
            do {
                deflated = isDirectory ? nil : try Compression.rawDeflate(stored)
            } catch {
                throw RunDirError.zip(path: zipURL.path, reason: "\(name): \(error)")
            }
            // Keep deflate only when it helps; tiny files are stored as they are.
            let (method, payload): (UInt16, Data) = deflated.map { $0.count < stored.count ? (8, $0) : (0, stored) } ?? (0, stored)
            let nameBytes = Data(name.utf8)
            guard archive.count < Int(UInt32.max) - payload.count - 1024, payload.count < Int(UInt32.max) else {
                throw RunDirError.zip(path: zipURL.path, reason: "\(name) would need zip64")
            }
            let offset = UInt32(archive.count)
            var local = Data()
            local.append(le32: 0x0403_4b50)
            local.append(le16: 20)  // version needed: 2.0 (deflate, directories)
            local.append(le16: 0x0800)  // names are UTF-8
            local.append(le16: method)
            local.append(le16: time)
            local.append(le16: day)
            local.append(le32: crc)
            local.append(le32: UInt32(payload.count))
            local.append(le32: UInt32(stored.count))
            local.append(le16: UInt16(nameBytes.count))
            local.append(le16: 0)
            local.append(nameBytes)
            archive.append(local)
            archive.append(payload)

            let mode: UInt32 = isDirectory ? 0o040700 : 0o100600
            central.append(le32: 0x0201_4b50)
            central.append(le16: (3 << 8) | 20)  // made by Unix, spec 2.0: external attributes carry the mode
            central.append(le16: 20)
            central.append(le16: 0x0800)
            central.append(le16: method)
            central.append(le16: time)
            central.append(le16: day)
            central.append(le32: crc)
            central.append(le32: UInt32(payload.count))
            central.append(le32: UInt32(stored.count))
            central.append(le16: UInt16(nameBytes.count))
            central.append(le16: 0)  // extra
            central.append(le16: 0)  // comment
            central.append(le16: 0)  // disk number
            central.append(le16: 0)  // internal attributes
            central.append(le32: (mode << 16) | (isDirectory ? 0x10 : 0))  // MS-DOS directory bit for directories
            central.append(le32: offset)
            central.append(nameBytes)
            count += 1
        }

        try addEntry(name: folder + "/", contents: Data(), isDirectory: true)
        for name in names {
            let file = directory.appendingPathComponent(name)
            guard let contents = try? Data(contentsOf: file) else {
                throw RunDirError.zip(path: zipURL.path, reason: "cannot read \(file.path)")
            }
            try addEntry(name: folder + "/" + name, contents: contents, isDirectory: false)
        }
        let centralOffset = UInt32(archive.count)
        archive.append(central)
        archive.append(le32: 0x0605_4b50)  // end of central directory
        archive.append(le16: 0)
        archive.append(le16: 0)
        archive.append(le16: UInt16(count))
        archive.append(le16: UInt16(count))
        archive.append(le32: UInt32(central.count))
        archive.append(le32: centralOffset)
        archive.append(le16: 0)
        do {
            try SecureFile.replace(zipURL, contents: archive)
        } catch {
            throw RunDirError.zip(path: zipURL.path, reason: "\(error)")
        }
        return zipURL
    }

    /// MS-DOS time and date fields (UTC, 2-second resolution, years from 1980).
    static func dosTimestamp(_ date: Date) -> (time: UInt16, date: UInt16) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let year = max((parts.year ?? 1980) - 1980, 0)
        let time = UInt16(((parts.hour ?? 0) << 11) | ((parts.minute ?? 0) << 5) | ((parts.second ?? 0) / 2))
        let day = UInt16((min(year, 127) << 9) | ((parts.month ?? 1) << 5) | (parts.day ?? 1))
        return (time, day)
    }
}

extension Data {
    fileprivate mutating func append(le16 value: UInt16) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }

    fileprivate mutating func append(le32 value: UInt32) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }
}
