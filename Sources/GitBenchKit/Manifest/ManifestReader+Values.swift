import Foundation

extension ManifestReader {
    // MARK: Typed values

    func require<T>(_ value: T?, _ key: String, _ at: Location) throws(ManifestError) -> T {
        guard let value else {
            throw invalid(at.child(key), "missing required key")
        }
        return value
    }

    func string(_ table: TOMLTable, _ key: String, _ at: Location) throws(ManifestError) -> String? {
        guard let value = table[key] else { return nil }
        guard let string = value.string else {
            throw invalid(at.child(key), "expected a string (got \(typed(value)))")
        }
        return string
    }

    func bool(_ table: TOMLTable, _ key: String, _ at: Location) throws(ManifestError) -> Bool? {
        guard let value = table[key] else { return nil }
        guard let bool = value.boolean else {
            throw invalid(at.child(key), "expected a boolean (got \(typed(value)))")
        }
        return bool
    }

    func integer(
        _ table: TOMLTable, _ key: String, _ at: Location, atLeast minimum: Int, atMost maximum: Int = .max
    ) throws(ManifestError) -> Int? {
        guard let value = table[key] else { return nil }
        guard let int = value.integer.map(Int.init) else {
            throw invalid(at.child(key), "expected an integer (got \(typed(value)))")
        }
        if int < minimum {
            throw invalid(at.child(key), "must be at least \(minimum) (got \(int))")
        }
        if int > maximum {
            throw invalid(at.child(key), "must be at most \(maximum) (got \(int))")
        }
        return int
    }

    /// A float, or an integer widened to one; NaN and infinities are refused because no gate can compare them.
    func number(_ table: TOMLTable, _ key: String, _ at: Location) throws(ManifestError) -> Double? {
        guard let value = table[key] else { return nil }
        let number: Double
        if let int = value.integer {
            number = Double(int)
        } else if let double = value.float {
            number = double
        } else {
            throw invalid(at.child(key), "expected a number (got \(typed(value)))")
        }
        if !number.isFinite {
            throw invalid(at.child(key), "must be a finite number (got \(number))")
        }
        return number
    }

    func choice<E: RawRepresentable & CaseIterable>(
        _ table: TOMLTable, _ key: String, _ at: Location, as: E.Type
    ) throws(ManifestError) -> E? where E.RawValue == String {
        guard let value = table[key] else { return nil }
        guard let string = value.string else {
            throw invalid(at.child(key), "expected one of \(Self.choices(E.self)) (got \(typed(value)))")
        }
        guard let choice = E(rawValue: string) else {
            throw invalid(at.child(key), "expected one of \(Self.choices(E.self)) (got \(quoted(string)))")
        }
        return choice
    }

    func array(_ table: TOMLTable, _ key: String, _ at: Location, of what: String) throws(ManifestError)
        -> TOMLArray?
    {
        guard let value = table[key] else { return nil }
        guard let array = value.array else {
            throw invalid(at.child(key), "expected an array of \(what) (got \(typed(value)))")
        }
        return array
    }

    /// Seeds are benchstone's non-negative 63-bit integers.
    func seeds(_ table: TOMLTable, _ key: String, _ at: Location) throws(ManifestError) -> [Int64]? {
        guard let array = try array(table, key, at, of: "integers") else { return nil }
        var seeds: [Int64] = []
        for index in 0..<array.count {
            let element = array[index]
            let elementAt = at.child(key).element(index)
            guard let int = element.integer else {
                throw invalid(elementAt, "expected an integer (got \(typed(element)))")
            }
            guard int >= 0 else {
                throw invalid(elementAt, "must be between 0 and \(Int64.max) (got \(int))")
            }
            seeds.append(int)
        }
        return seeds
    }

    /// Non-empty strings (package names, path globs).
    func strings(_ table: TOMLTable, _ key: String, _ at: Location) throws(ManifestError) -> [String]? {
        guard let array = try array(table, key, at, of: "strings") else { return nil }
        var strings: [String] = []
        for index in 0..<array.count {
            let element = array[index]
            let elementAt = at.child(key).element(index)
            guard let string = element.string else {
                throw invalid(elementAt, "expected a string (got \(typed(element)))")
            }
            if string.isEmpty {
                throw invalid(elementAt, "must not be empty")
            }
            strings.append(string)
        }
        return strings
    }

    func hookNames(_ table: TOMLTable, _ key: String, _ at: Location) throws(ManifestError) -> [HookName]? {
        guard let array = try array(table, key, at, of: "strings") else { return nil }
        var hooks: [HookName] = []
        for index in 0..<array.count {
            let element = array[index]
            let elementAt = at.child(key).element(index)
            guard let string = element.string else {
                throw invalid(elementAt, "expected one of \(Self.choices(HookName.self)) (got \(typed(element)))")
            }
            guard let hook = HookName(rawValue: string) else {
                throw invalid(elementAt, "expected one of \(Self.choices(HookName.self)) (got \(quoted(string)))")
            }
            hooks.append(hook)
        }
        return hooks
    }

    // MARK: Checks

    static func isSHA256Digest(_ string: String) -> Bool {
        ContentDigest(tagged: string) != nil
    }

    /// The first `{identifier}` in `invocation` that is not one of the three placeholders.
    /// `${…}` is shell parameter expansion, and braces around anything but an identifier (`awk '{print $1}'`)
    /// are literal text, so neither is a placeholder.
    static func unknownPlaceholder(in invocation: String) -> String? {
        let scalars = Array(invocation.unicodeScalars)
        var index = 0
        while index < scalars.count {
            defer { index += 1 }
            guard scalars[index] == "{", index == 0 || scalars[index - 1] != "$" else { continue }
            var end = index + 1
            while end < scalars.count, isIdentifierScalar(scalars[end]) { end += 1 }
            guard end < scalars.count, scalars[end] == "}", end > index + 1,
                !("0"..."9").contains(scalars[index + 1])
            else { continue }
            var word = ""
            word.unicodeScalars.append(contentsOf: scalars[(index + 1)..<end])
            if !placeholders.contains(word) {
                return word
            }
            index = end
        }
        return nil
    }

    /// The first placeholder that sits inside single or double quotes in `template` (where the quoting git-bench adds
    /// would itself be quoted, so a value with a quote could end the string early), or nil.
    static func quotedPlaceholder(in template: String) -> String? {
        var quote: Character?
        var escaped = false
        var index = template.startIndex
        while index < template.endIndex {
            let character = template[index]
            defer { index = template.index(after: index) }
            if escaped { escaped = false; continue }
            if character == "\\" && quote != "'" { escaped = true; continue }
            if let open = quote {
                if character == open { quote = nil; continue }
                if character == "{" {
                    let rest = template[template.index(after: index)...]
                    if let close = rest.firstIndex(of: "}"), placeholders.contains(String(rest[..<close])) {
                        return String(rest[..<close])
                    }
                }
            } else if character == "'" || character == "\"" {
                quote = character
            }
        }
        return nil
    }

    static func isIdentifierScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", "_": return true
        default: return false
        }
    }

    static func choices<E: RawRepresentable & CaseIterable>(_: E.Type) -> String where E.RawValue == String {
        E.allCases.map(\.rawValue).joined(separator: ", ")
    }

    // MARK: Messages

    mutating func warnUnknownKeys(in table: TOMLTable, known: Set<String>, at: Location, scope: String) {
        // `keys` is in file order, so the warnings are too.
        for key in table.keys where !known.contains(key) {
            let prefix = table.line(of: key).map { "\(file):\($0)" } ?? file
            let hint = Suggestion.nearest(to: key, among: known).map { "; did you mean \(Self.quotedKey($0))?" } ?? ""
            warnings.append("\(prefix): unknown key \(Self.quotedKey(key)) \(scope) (ignored)\(hint)")
        }
    }

    mutating func warn(_ at: Location, _ message: String) {
        let prefix = document.line(at: at.source).map { "\(file):\($0)" } ?? file
        warnings.append("\(prefix): \(at.display): \(message)")
    }

    func invalid(_ at: Location, _ reason: String) -> ManifestError {
        .invalid(file: file, at: at.display, line: document.line(at: at.source), reason: reason)
    }

    static func quotedKey(_ key: String) -> String {
        key.contains("'") ? quoted(key) : "'\(key)'"
    }

    func quoted(_ string: String) -> String { Self.quoted(string) }

    /// `string` in double quotes with TOML's basic-string escapes, so invisible characters stay visible.
    static func quoted(_ string: String) -> String {
        var quoted = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case "\t": quoted += "\\t"
            case "\r": quoted += "\\r"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                quoted += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: quoted.unicodeScalars.append(scalar)
            }
        }
        return quoted + "\""
    }

    /// A value with its TOML type, for "expected X (got integer 3)" messages.
    func typed(_ value: TOMLValue) -> String {
        switch value {
        case .string(let string): return "string \(quoted(string))"
        case .integer(let int): return "integer \(int)"
        case .float(let double): return "float \(double)"
        case .boolean(let bool): return "boolean \(bool)"
        case .dateTime(let dateTime): return "\(dateTime.kind.rawValue) \(dateTime.text)"
        case .array: return "array"
        case .table: return "table"
        }
    }
}
