/// `--color auto|always|never`: whether text output may carry colour.
public enum ColorChoice: String, CaseIterable, Sendable {
    /// Colour on a terminal, unless `NO_COLOR` is set to something (no-color.org) or `TERM` is `dumb`.
    case auto
    /// Colour even in a pipe, and despite `NO_COLOR`: an explicit flag beats the environment.
    case always
    case never

    /// Whether output going to a terminal (`isTerminal`) or not may be coloured, under `environment`.
    public func allowsColor(isTerminal: Bool, environment: [String: String]) -> Bool {
        switch self {
        case .always: return true
        case .never: return false
        case .auto: return isTerminal && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
        }
    }
}
