import Classification
/// The layouts of labelled training data that `mathscan train` and `evaluate` understand,
/// recognised from the files a folder holds.
public enum SourceKind: String, Sendable, CaseIterable {
    /// InkML files with per-symbol trace groups (CROHME): symbols are rendered from their strokes.
    case inkML
    /// Basic Handwritten Math Symbols: `<class>-<id>.png`.
    case bhmsds
    /// MDAS: `…/<class>/*.png` with classes like `addition_plus`.
    case mdas
    /// `<root>/<class>/*.png` with seed 000's class names (`zero` … `nine`, `plus`, `div`, …).
    case imageFolder

    /// Recognises a source from the relative paths of the files under its root.
    public static func detect(relativePaths: [String]) -> SourceKind? {
        if relativePaths.contains(where: { $0.lowercased().hasSuffix(".inkml") }) { return .inkML }
        let images = relativePaths.filter(isImage)
        if images.contains(where: { folderName($0).map { SymbolLabels.mdasNames[$0] != nil } ?? false }) { return .mdas }
        if images.contains(where: { folderName($0).map { SymbolLabels.imageFolderNames[$0] != nil } ?? false }) { return .imageFolder }
        if images.contains(where: { bhmsdsPrefix($0) != nil }) { return .bhmsds }
        return nil
    }

    /// The image files of this source that belong to one of our classes, with their labels.
    /// Empty for `.inkML` (labels come from inside the files).
    public func labeledImages(relativePaths: [String]) -> [(path: String, label: String)] {
        relativePaths.filter(Self.isImage).compactMap { path in
            let label: String?
            switch self {
            case .inkML: label = nil
            case .bhmsds: label = Self.bhmsdsPrefix(path).flatMap { SymbolLabels.bhmsdsNames[$0] }
            case .mdas: label = Self.folderName(path).flatMap { SymbolLabels.mdasNames[$0] }
            case .imageFolder: label = Self.folderName(path).flatMap { SymbolLabels.imageFolderNames[$0] }
            }
            return label.map { (path, $0) }
        }
    }

    static func isImage(_ path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".png") || lower.hasSuffix(".jpg") || lower.hasSuffix(".jpeg")
    }

    /// Name of the folder directly holding `path`.
    static func folderName(_ path: String) -> String? {
        let parts = path.split(separator: "/")
        return parts.count >= 2 ? String(parts[parts.count - 2]) : nil
    }

    /// `plus` for `…/plus-123.png` when the file name has the bhmsds form.
    static func bhmsdsPrefix(_ path: String) -> String? {
        guard let name = path.split(separator: "/").last, let dash = name.lastIndex(of: "-") else { return nil }
        let id = name[name.index(after: dash)...].split(separator: ".").first ?? ""
        guard !id.isEmpty, id.allSatisfy(\.isNumber) else { return nil }
        let prefix = String(name[..<dash])
        return prefix.isEmpty ? nil : prefix
    }
}
