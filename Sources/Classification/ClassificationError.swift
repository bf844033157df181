/// Why classification data or a classifier could not be used.
public enum ClassificationError: Error, Equatable, CustomStringConvertible {
    /// The model file cannot be used for classification (its network does not take 32×32 crops).
    case incompatibleModel(String)
    /// A crop handed to the classifier has the wrong number of values.
    case badCropSize(found: Int, expected: Int)
    /// A training or evaluation source holds nothing we can use.
    case noUsableData(String)
    /// A crop cache does not match this format: it will be rebuilt.
    case staleCache
    /// Training was asked for something impossible (described).
    case badTrainingSetting(String)

    public var description: String {
        switch self {
        case let .incompatibleModel(why):
            return "model cannot classify symbol crops (\(why)): retrain with `mathscan train` or pass --model"
        case let .badCropSize(found, expected):
            return "symbol crop has \(found) values, expected \(expected) (32×32)"
        case let .noUsableData(what):
            return "no usable labelled symbols in \(what): pass an InkML folder, the bhmsds or MDAS folder, or an ImageFolder (<root>/<class>/*.png)"
        case .staleCache:
            return "crop cache is from another format version; delete it or pass another --cache"
        case let .badTrainingSetting(what):
            return "cannot train: \(what)"
        }
    }
}
