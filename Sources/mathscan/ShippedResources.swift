import Foundation

/// Files shipped with the executable (the default model), found next to it in SwiftPM's
/// resource folder — without `Bundle.module`, whose accessor stops the program when the folder
/// is missing.
enum ShippedResources {
    /// Folder names SwiftPM gives the resources of the `mathscan` target (Linux, then Apple).
    static let folderNames = ["mathscan_mathscan.resources", "mathscan_mathscan.bundle"]

    /// The shipped model's file name.
    static let defaultModel = "default.msmodel"

    /// Location of the shipped resource `name`, or nil when it cannot be found.
    static func url(named name: String) -> URL? {
        for directory in executableDirectories() {
            for folder in folderNames {
                for candidate in [directory.appendingPathComponent(folder).appendingPathComponent(name),
                                  directory.appendingPathComponent(folder).appendingPathComponent("Resources").appendingPathComponent(name)]
                where FileManager.default.isReadableFile(atPath: candidate.path) {
                    return candidate
                }
            }
        }
        return nil
    }

    /// The folder of the running executable: from /proc/self/exe (symlinks resolved), else argv[0].
    private static func executableDirectories() -> [URL] {
        var directories: [URL] = []
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            directories.append(URL(fileURLWithPath: path).deletingLastPathComponent())
        }
        if let first = CommandLine.arguments.first {
            let url = URL(fileURLWithPath: first).resolvingSymlinksInPath()
            directories.append(url.deletingLastPathComponent())
        }
        return directories
    }
}
