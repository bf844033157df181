/// Why a network could not be built or a weights file could not be loaded.
public enum WeightsError: Error, Equatable, CustomStringConvertible {
    /// The bytes do not start with the model-file magic number: not a mathscan model.
    case notAModelFile
    /// The file was written by another version of the format.
    case versionMismatch(found: UInt32, expected: UInt32)
    /// The file ends before all its declared content.
    case truncated
    /// The content does not match its checksum: the file was altered or damaged.
    case checksumMismatch
    /// The architecture named in the file (or on the command line) is not one this build knows.
    case unknownArchitecture(String)
    /// The parameter count does not fit the architecture and label count.
    case parameterCountMismatch(found: Int, expected: Int)
    /// A field has an impossible value (described).
    case invalidField(String)

    public var description: String {
        switch self {
        case .notAModelFile:
            return "not a mathscan model file (wrong magic number): pass a model written by `mathscan train` with --model"
        case let .versionMismatch(found, expected):
            return "model file format version \(found), but this mathscan reads version \(expected): retrain with `mathscan train` or pass --model with a matching file"
        case .truncated:
            return "model file is truncated: retrain with `mathscan train` or pass --model with a complete file"
        case .checksumMismatch:
            return "model file is corrupt (checksum mismatch): retrain with `mathscan train` or pass --model with an intact file"
        case let .unknownArchitecture(name):
            return "unknown network architecture '\(name)' (known: \(Architecture.names.joined(separator: ", "))): retrain or pass --model"
        case let .parameterCountMismatch(found, expected):
            return "model file has \(found) parameters but its architecture needs \(expected): retrain or pass --model"
        case let .invalidField(what):
            return "model file is invalid (\(what)): retrain or pass --model"
        }
    }
}
