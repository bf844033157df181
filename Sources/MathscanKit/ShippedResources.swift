import Foundation

/// The files mathscan ships (the model and the grammar), found in SwiftPM's resource folder
/// beside the running executable — without `Bundle.module`, whose accessor stops the program
/// when the folder is missing.
public enum ShippedResources {
    /// The shipped model's file name.
    public static let model = "default.msmodel"
    /// The shipped model of CROHME's 101 classes (letters, Greek, relations, roots…), read in 2-D.
    public static let crohmeModel = "crohme.msmodel"
    /// The shipped grammar's path inside the resources.
    public static let grammar = "grammars/arithmetic.grammar"
    /// The shipped 2-D layout grammar's path inside the resources (see docs/layout.md).
    public static let layoutGrammar = "grammars/layout.grammar"

    /// Folder names SwiftPM gives this target's resources (Linux, then Apple).
    static let folderNames = ["mathscan_MathscanKit.resources", "mathscan_MathscanKit.bundle"]

    /// Location of the shipped resource `name`.
    public static func url(named name: String) throws -> URL {
        let directories = executableDirectories()
        for directory in directories {
            for folder in folderNames {
                for candidate in [directory.appendingPathComponent(folder).appendingPathComponent(name),
                                  directory.appendingPathComponent(folder).appendingPathComponent("Resources").appendingPathComponent(name)]
                where FileManager.default.isReadableFile(atPath: candidate.path) {
                    return candidate
                }
            }
        }
        throw MathscanKitError.resourceMissing(name: name, searched: directories.map(\.path))
    }

    /// The folder of the running executable: from /proc/self/exe (symlinks resolved), else argv[0].
    private static func executableDirectories() -> [URL] {
        var directories: [URL] = []
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            directories.append(URL(fileURLWithPath: path).deletingLastPathComponent())
        }
        if let first = CommandLine.arguments.first {
            let url = URL(fileURLWithPath: first).resolvingSymlinksInPath()
            let directory = url.deletingLastPathComponent()
            if !directories.contains(directory) { directories.append(directory) }
        }
        return directories
    }
}

/// Why MathscanKit could not start or could not read a file.
public enum MathscanKitError: Error, Equatable, CustomStringConvertible {
    /// A shipped resource is not beside the program (an executable copied without its resource folder).
    case resourceMissing(name: String, searched: [String])
    /// A file does not exist, is a directory, or cannot be read.
    case unreadableFile(path: String, reason: String)

    public var description: String {
        switch self {
        case .resourceMissing(let name, let searched):
            "the shipped resource \(name) is not in a \(ShippedResources.folderNames[0]) folder beside the program (looked in \(searched.joined(separator: ", "))); the folder must be copied with the executable"
        case .unreadableFile(let path, let reason):
            "\(path): \(reason)"
        }
    }
}
